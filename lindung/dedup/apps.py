from django.apps import AppConfig


class DedupConfig(AppConfig):
    name = "lindung.dedup"
    label = "dedup"
