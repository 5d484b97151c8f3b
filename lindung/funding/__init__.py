"""A regency's funding picture and umbrella APBDes schemes seen from above."""
