from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "lindung.transfer"
    label = "transfer"
