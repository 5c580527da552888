from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared kernel: background jobs with progress, mail as background work, German natural order."""

    name = "kreiskurs.core"
    label = "core"
    verbose_name = _("Gemeinsamer Kern")

    def ready(self) -> None:
        from django.core.signals import request_finished
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from kreiskurs.collation import register_for_sqlite
        from kreiskurs.heap import after_request
        from kreiskurs.planner_stats import after_migrate

        connection_created.connect(register_for_sqlite, dispatch_uid="kreiskurs.collation")
        # infrastructure, not domain flow: fresh planner statistics once migrations have run
        post_migrate.connect(after_migrate, sender=self, dispatch_uid="kreiskurs.planner_stats")
        # and the worker's long-lived objects frozen out of full collections once it is warm
        request_finished.connect(after_request, dispatch_uid="kreiskurs.heap")

        # accounts sits below core: it sends its mail through the sender core hands down
        from kreiskurs.accounts.outbox import register_sender

        from .mail import queue_mail

        register_sender(queue_mail)
