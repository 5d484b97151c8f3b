from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "lindung.meetings"
    label = "meetings"
