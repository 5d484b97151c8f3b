"""Bills: list, issue, show (a village sees its own lines), adjust, pay, download as XLSX and PDF."""
