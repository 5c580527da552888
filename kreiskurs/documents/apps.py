from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The strategy leaves the platform as a document: PDF and DOCX of a version, a comparison, a report."""

    name = "kreiskurs.documents"
    verbose_name = _("Dokumente")
