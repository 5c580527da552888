"""Legal pages: one text per kind for the installation, optionally overridden per district.

A page without a district is the installation's text (``/impressum/``); a page
with a district overrides it for that district (``/<slug>/impressum/``). Where
neither exists the shipped default (``defaults.py``) is shown, so a fresh
installation has sensible pages before anyone edits them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kreiskurs.territory.models import District


class PageKind(models.TextChoices):
    IMPRINT = "impressum", _("Impressum")
    PRIVACY = "datenschutz", _("Datenschutzerklärung")
    ACCESSIBILITY = "barrierefreiheit", _("Erklärung zur Barrierefreiheit")
    EASY_LANGUAGE = "leichte-sprache", _("Leichte Sprache")


class LegalPage(models.Model):
    """The text of one legal page (Markdown without HTML, ``markup.py``).

    Not always owned by a district: the installation's pages have none.
    """

    kind = models.CharField(_("Art"), max_length=20, choices=PageKind.choices)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Kreis")
    )
    title = models.CharField(_("Überschrift"), max_length=200)
    body = models.TextField(
        _("Text"),
        help_text=_(
            "Absätze durch eine Leerzeile trennen. ## Zwischenüberschrift, - Aufzählung, "
            "**fett**, [Linktext](https://…). HTML wird nicht übernommen."
        ),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)

    class Meta:
        ordering = ["kind", "id"]
        verbose_name = _("Rechtliche Seite")
        verbose_name_plural = _("Rechtliche Seiten")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "district"],
                condition=models.Q(district__isnull=False),
                name="legal_page_one_per_kind_and_district",
                violation_error_message=_("Diese Seite gibt es für den Kreis schon."),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(district__isnull=True),
                name="legal_page_one_per_kind_for_installation",
                violation_error_message=_("Diese Seite gibt es für die Installation schon."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.district or _('Installation')})"


class LegalPageVersion(models.Model):
    """A frozen copy of a page as it was saved: the page's history, also for the installation's
    pages, which have no district and so no entries in the district's audit log."""

    page = models.ForeignKey(LegalPage, on_delete=models.CASCADE, related_name="versions")
    revision = models.PositiveIntegerField()
    title = models.CharField(_("Überschrift"), max_length=200)
    body = models.TextField(_("Text"))
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gespeichert von"),
    )
    saved_at = models.DateTimeField(_("gespeichert am"), auto_now_add=True)

    class Meta:
        ordering = ["-revision"]
        verbose_name = _("Fassung einer rechtlichen Seite")
        verbose_name_plural = _("Fassungen rechtlicher Seiten")
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="legal_page_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.page} r{self.revision}"


class DistrictContact(models.Model):
    """Where feedback on accessibility reaches the district (the installation's address otherwise)."""

    district = models.OneToOneField(District, on_delete=models.PROTECT, related_name="+")
    email = models.EmailField(_("E-Mail-Adresse für Rückmeldungen"))
    revision = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("Kontaktadresse des Kreises")
        verbose_name_plural = _("Kontaktadressen der Kreise")

    def __str__(self) -> str:
        return f"{self.district}: {self.email}"
