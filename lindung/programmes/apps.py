from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "lindung.programmes"
    label = "programmes"
