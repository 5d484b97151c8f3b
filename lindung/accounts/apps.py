from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in

from lindung.core.middleware import session_started


class AccountsConfig(AppConfig):
    name = "lindung.accounts"
    label = "accounts"

    def ready(self) -> None:
        # Session plumbing, not business logic: the idle clock starts when the session is signed in.
        user_logged_in.connect(session_started, dispatch_uid="lindung.idle_clock")
