"""The sponsorship pages: thin views over sponsorship.services and sponsorship.selectors."""
