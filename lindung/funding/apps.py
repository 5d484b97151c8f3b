from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "lindung.funding"
    label = "funding"
