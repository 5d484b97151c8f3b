from django.apps import AppConfig


class MonevConfig(AppConfig):
    name = "lindung.monev"
    label = "monev"
