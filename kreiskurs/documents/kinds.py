"""The kinds of document: how each is built, named and addressed.

``strategy`` is the whole strategy of a version, ``compare:<id>`` the comparison
of the version with the older version ``<id>``, ``evaluation:<id>`` the report of
an evaluation round of the version. Every kind is built as blocks
(``content.Document``) and written by the same PDF and DOCX builders.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kreiskurs.strategy.models import StrategyVersion

from .content import Document
from .models import FileFormat

#: the kinds and the formats they come in (the evaluation report as PDF only)
FORMATS = {"strategy": ("pdf", "docx"), "compare": ("pdf", "docx"), "evaluation": ("pdf",)}


def split(kind: str) -> tuple[str, int]:
    """The kind's name and the id it names (0 for ``strategy``)."""
    name, _sep, rest = kind.partition(":")
    if name not in FORMATS:
        raise Http404
    if name == "strategy":
        return name, 0
    try:
        return name, int(rest)
    except ValueError:
        raise Http404 from None


def build(version: StrategyVersion, kind: str) -> Document:
    name, other = split(kind)
    if name == "compare":
        from .comparison import comparison_document

        old = StrategyVersion.objects.select_related("strategy", "district").get(pk=other, district=version.district)
        return comparison_document(old, version)
    if name == "evaluation":
        from .report import evaluation_document

        return evaluation_document(version, other)
    from .selectors import strategy_document

    return strategy_document(version)


def title_of(version: StrategyVersion, kind: str) -> str:
    name, other = split(kind)
    if name == "compare":
        old = StrategyVersion.objects.filter(pk=other).values_list("number", flat=True).first()
        return _("Vergleich der Versionen %(old)s und %(new)s") % {"old": old, "new": version.number}
    if name == "evaluation":
        return _("Evaluationsbericht")
    return _("Strategie, Version %(number)s") % {"number": version.number}


def url_of(version: StrategyVersion, kind: str, file_format: str) -> str:
    """Where the document of a frozen version is served (and the page that offers to generate it)."""
    name, other = split(kind)
    slug = version.district.slug
    if name == "compare":
        old = StrategyVersion.objects.filter(pk=other).values_list("number", flat=True).first()
        return reverse(f"documents:compare_{file_format}", args=[slug, old, version.number])
    if name == "evaluation":
        return reverse("documents:evaluation_pdf", args=[slug, other])
    return reverse(f"documents:version_{file_format}", args=[slug, version.number])


def filename_of(version: StrategyVersion, kind: str, file_format: str) -> str:
    name, other = split(kind)
    stem = f"{version.district.slug}-strategie-v{version.number}"
    if name == "compare":
        old = StrategyVersion.objects.filter(pk=other).values_list("number", flat=True).first()
        stem = f"{version.district.slug}-vergleich-v{old}-v{version.number}"
    elif name == "evaluation":
        stem = f"{version.district.slug}-evaluation-{other}"
    return f"{stem}.{FileFormat(file_format).value}"
