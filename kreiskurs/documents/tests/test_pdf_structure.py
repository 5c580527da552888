"""How far the PDF is PDF/UA, read back with pypdf: marked, language, structure tree, title, bookmarks.

Built from a small document of blocks (no database): what is checked is the PDF builder's output, the
same for every kind of document. See docs/documents.md, "Tagged PDF: how far PDF/UA goes".
"""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from kreiskurs.documents.content import BulletList, Document, Facts, Heading, Paragraph, Table
from kreiskurs.documents.pdf import build_pdf


def sample() -> Document:
    doc = Document(
        title="Digitalstrategie",
        subtitle="Kreis Beispiel",
        running_head="Digitalstrategie – Version 2",
        title_lines=["Version 2 · beschlossen"],
        author="Kreis Beispiel",
    )
    doc.add(
        Heading(1, "Präambel"),
        Paragraph("Einleitender Absatz über die Straßenbeleuchtung.", "lead"),
        Heading(1, "Maßnahmen"),
        Heading(2, "M1 Serviceportal"),
        Facts([("Priorität", "hoch"), ("Phase", "Pilot")]),
        Heading(3, "Meilensteine"),
        Table(["Meilenstein", "fällig am"], [["Start", "01.01.2026"]], caption="Meilensteine von M1"),
        BulletList(["erstens", "zweitens"]),
    )
    return doc


def resolve(obj: Any) -> Any:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def roles(node: Any) -> list[str]:
    """The structure types below ``node`` in document (reading) order, depth first."""
    node = resolve(node)
    found: list[str] = []
    kids = resolve(node.get("/K")) if isinstance(node, DictionaryObject) else None
    for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []:
        kid = resolve(kid)
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            found.append(str(kid["/S"]))
            found.extend(roles(kid))
    return found


def test_the_pdf_is_tagged_in_german_with_headings_in_reading_order_and_its_title_shown() -> None:
    reader = PdfReader(io.BytesIO(build_pdf(sample())))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] is True or catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert catalog["/Lang"] == "de"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata is not None and reader.metadata.title == "Digitalstrategie – Kreis Beispiel"
    xmp = resolve(catalog["/Metadata"]).get_data().decode()
    assert "Digitalstrategie – Kreis Beispiel" in xmp  # dc:title
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp or 'pdfuaid:part="1"' in xmp

    structure = roles(catalog["/StructTreeRoot"])
    headings = [r for r in structure if r.startswith("/H")]
    # title page (H1), table of contents (H2), then chapters (H2), section (H3), sub-section (H4)
    assert headings == ["/H1", "/H2", "/H2", "/H2", "/H3", "/H4"]
    for role in ("/P", "/Table", "/THead", "/TBody", "/TR", "/TH", "/TD", "/Caption", "/L", "/LI", "/Link"):
        assert role in structure, role
    # the table follows its heading and the list follows the table, in reading order (the first list is the TOC)
    table = structure.index("/Table")
    assert structure.index("/H4") < table and "/L" in structure[table:]

    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Inhalt", "Präambel", "Maßnahmen"]


def elements(node: Any) -> list[DictionaryObject]:
    """The structure elements below ``node`` in reading order, depth first."""
    node = resolve(node)
    found: list[DictionaryObject] = []
    kids = resolve(node.get("/K")) if isinstance(node, DictionaryObject) else None
    for kid in kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []:
        kid = resolve(kid)
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            found.append(kid)
            found.extend(elements(kid))
    return found


def test_every_structure_element_points_to_the_page_it_is_on() -> None:
    """The page references are cached while tagging (``pdf_worker._page_references``): each chapter's
    heading still names its own page (title 1, contents 2, Präambel 3, Maßnahmen 4)."""
    reader = PdfReader(io.BytesIO(build_pdf(sample())))
    pages = [page.indirect_reference.idnum for page in reader.pages if page.indirect_reference]
    assert len(pages) == 4
    tagged = elements(reader.trailer["/Root"]["/StructTreeRoot"])
    assert all(e.raw_get("/Pg").idnum in pages for e in tagged if "/Pg" in e)
    headings = [e for e in tagged if str(e["/S"]) in ("/H1", "/H2")]
    assert [pages.index(h.raw_get("/Pg").idnum) for h in headings] == [0, 1, 2, 3]
