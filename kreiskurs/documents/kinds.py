"""The kinds of document: how each is built, named and addressed.

``strategy`` is the whole strategy of a version, ``compare:<id>`` the comparison
of the version with the older version ``<id>``, ``evaluation:<id>`` the report of
an evaluation round of the version, ``consideration:<id>`` the consideration table
(Abwägungstabelle) of a process about the version. Every kind is built as blocks
(``content.Document``) and written by the same PDF and DOCX builders.
"""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.strategy.renderings import is_frozen as version_is_frozen

from .content import Document
from .models import FileFormat
from .services import document_stamp

#: the kinds and the formats they come in (the evaluation report as PDF only)
FORMATS = {
    "strategy": ("pdf", "docx"),
    "compare": ("pdf", "docx"),
    "evaluation": ("pdf",),
    "consideration": ("pdf", "docx"),
}


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
    if name == "consideration":
        from .consideration import consideration_document

        return consideration_document(version, other)
    from .selectors import strategy_document

    return strategy_document(version)


def title_of(version: StrategyVersion, kind: str) -> str:
    name, other = split(kind)
    if name == "compare":
        old = StrategyVersion.objects.filter(pk=other).values_list("number", flat=True).first()
        return _("Vergleich der Versionen %(old)s und %(new)s") % {"old": old, "new": version.number}
    if name == "evaluation":
        return _("Evaluationsbericht")
    if name == "consideration":
        return _("Abwägungstabelle")
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
    if name == "consideration":
        return reverse(f"consideration_documents:{file_format}", args=[slug, other])
    return reverse(f"documents:version_{file_format}", args=[slug, version.number])


def filename_of(version: StrategyVersion, kind: str, file_format: str) -> str:
    name, other = split(kind)
    stem = f"{version.district.slug}-strategie-v{version.number}"
    if name == "compare":
        old = StrategyVersion.objects.filter(pk=other).values_list("number", flat=True).first()
        stem = f"{version.district.slug}-vergleich-v{old}-v{version.number}"
    elif name == "evaluation":
        stem = f"{version.district.slug}-evaluation-{other}"
    elif name == "consideration":
        stem = f"abwaegung-{version.district.slug}-{other}"
    return f"{stem}.{FileFormat(file_format).value}"


def is_frozen(version: StrategyVersion, kind: str) -> bool:
    """Whether the document is stored and served unchanged: for a strategy, comparison or report a frozen
    version's; for a consideration table a published process's once it is closed."""
    name, other = split(kind)
    if name == "consideration":
        from .consideration import is_frozen_process, process_of

        return is_frozen_process(process_of(version, other))
    return version_is_frozen(version)


def stamp_of(version: StrategyVersion, kind: str, doc: Document | None = None) -> str:
    """What a stored copy depends on; a different stamp means it is generated again. A consideration
    table's stamp is a hash of its content (``doc``, read again when not given)."""
    if split(kind)[0] == "consideration":
        from .consideration import content_stamp

        return f"{document_stamp(version)}:{content_stamp(doc or build(version, kind))}"
    return document_stamp(version)
