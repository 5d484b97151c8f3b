"""Letters and decrees as PDFs from the data: the village's proposal letter, the verification minutes, the
annex of the regent's decree listing the people, and the covering letter to the insurer.

Each cites every legal basis of the programme, names the people and totals the contributions in figures and
in words. ``contents`` builds what a letter says; ``documents`` guards, audits and prints it.
"""
