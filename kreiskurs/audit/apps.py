from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """One audit log, written by the services that change data."""

    name = "kreiskurs.audit"
    verbose_name = _("Änderungsprotokoll")
