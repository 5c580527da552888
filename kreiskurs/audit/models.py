"""The audit log: who changed what, when, with field-level changes."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District

ACTION_LABELS = {
    "create": _("angelegt"),
    "update": _("geändert"),
    "delete": _("gelöscht"),
    "state": _("Status geändert"),
    "adopt": _("beschlossen"),
    "supersede": _("abgelöst"),
    "record_adoption": _("Beschluss erfasst"),
    "start_revision": _("Fortschreibung begonnen"),
    "create_account": _("Konto angelegt"),
    "register": _("Registriert"),
    "grant_role": _("Rolle vergeben"),
    "revoke_role": _("Rolle entzogen"),
    "invite": _("Eingeladen"),
    "accept_invitation": _("Einladung angenommen"),
    "revoke_invitation": _("Einladung zurückgezogen"),
    "status_report": _("Statusbericht"),
    "import": _("Import"),
}


def action_label(action: str) -> str:
    """What an entry's ``action`` reads as (its label, or the stored key as it is)."""
    return str(ACTION_LABELS.get(action, action))


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def for_lineage(self, object_type: str, lineage: str) -> AuditEntryQuerySet:
        """All entries about one element across its versions."""
        return self.filter(object_type=object_type, lineage=lineage)


class AuditEntry(models.Model):
    """One change. Written only by services, in the same transaction.

    ``district`` is empty for installation-wide writes (a registration, the
    installation's legal pages): only platform admins read those; every
    district page filters by its district and so never shows them.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    action = models.CharField(_("Aktion"), max_length=40)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    lineage = models.CharField(max_length=36, blank=True, db_index=True)
    object_repr = models.CharField(_("Objekt"), max_length=255)
    changes = models.JSONField(_("Änderungen"), default=dict, blank=True)
    revision = models.PositiveIntegerField(null=True, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            # a district's latest entries (dashboard, audit log pages): read in order, no sort of the whole log
            models.Index(fields=["district", "-at", "-id"], name="audit_district_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    def field_label(self, name: str) -> str:
        """The field's German name (verbose_name), or the stored key as it is."""
        from django.apps import apps
        from django.core.exceptions import FieldDoesNotExist

        try:
            model = apps.get_model(self.object_type)
            return str(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]
        except (LookupError, ValueError, FieldDoesNotExist, AttributeError):
            return name

    def labelled_changes(self) -> list[tuple[str, object, object]]:
        return [(self.field_label(name), old, new) for name, (old, new) in self.changes.items()]
