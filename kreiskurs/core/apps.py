from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: background jobs with progress, mail as background work, German natural order."""

    name = "kreiskurs.core"
    label = "core"
    verbose_name = _("Gemeinsamer Kern")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from kreiskurs.collation import register_for_sqlite

        connection_created.connect(register_for_sqlite, dispatch_uid="kreiskurs.collation")

        # accounts sits below core: it sends its mail through the sender core hands down
        from kreiskurs.accounts.outbox import register_sender

        from .mail import queue_mail

        register_sender(queue_mail)
