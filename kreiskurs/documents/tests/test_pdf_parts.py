"""A PDF laid out in two processes and joined reads like one laid out whole (decision 0034).

The small sample document of ``test_pdf_structure`` is forced into two parts (the second starts
inside the chapter "Maßnahmen"); pypdf and pdftotext read the joined file back.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from kreiskurs.documents import pdf_worker
from kreiskurs.documents.content import Document, Heading, Paragraph
from kreiskurs.documents.pdf import build_pdf, render_html
from kreiskurs.documents.pdf_parts import split
from kreiskurs.documents.tests.test_pdf_structure import elements, resolve, roles, sample
from kreiskurs.documents.tests.test_strategy_document import pdf_text


def titles(outline: list[object]) -> list[object]:
    return [titles(item) if isinstance(item, list) else item.title for item in outline]  # type: ignore[attr-defined]


def test_a_document_laid_out_in_two_processes_is_one_tagged_pdf_with_its_numbers_links_and_bookmarks() -> None:
    data = build_pdf(sample(), parts=2)
    reader = PdfReader(io.BytesIO(data))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "de"
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert reader.metadata is not None and reader.metadata.title == "Digitalstrategie – Kreis Beispiel"
    assert "pdfuaid:part" in resolve(catalog["/Metadata"]).get_data().decode()

    # one structure tree in reading order, as if laid out whole
    structure = roles(catalog["/StructTreeRoot"])
    assert [r for r in structure if r.startswith("/H")] == ["/H1", "/H2", "/H2", "/H2", "/H3", "/H4"]
    for role in ("/P", "/Table", "/TH", "/TD", "/Caption", "/L", "/LI", "/Link"):
        assert role in structure, role
    pages = [page.indirect_reference.idnum for page in reader.pages if page.indirect_reference]
    tagged = elements(catalog["/StructTreeRoot"])
    assert all(e.raw_get("/Pg").idnum in pages for e in tagged if "/Pg" in e)
    headings = [e for e in tagged if str(e["/S"]) in ("/H1", "/H2", "/H3")]
    # title 1, contents 2, Präambel 3, Maßnahmen 4, M1 (the second part) 5
    assert [pages.index(h.raw_get("/Pg").idnum) + 1 for h in headings] == [1, 2, 3, 4, 5]

    # the parent tree: every page's key and every link's key is its own and maps back to it
    nums = catalog["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    assert keys == sorted(set(keys))
    mapping = dict(zip(keys, [nums[i + 1] for i in range(0, len(nums), 2)], strict=True))
    for number, page in enumerate(reader.pages):
        marked = resolve(mapping[int(page["/StructParents"])])
        assert all(resolve(e).raw_get("/Pg").idnum == pages[number] for e in marked)

    # the contents' links lead to the headings' pages, and the contents say the same pages
    destinations = {name: pages.index(d.page.idnum) + 1 for name, d in reader.named_destinations.items()}
    links = [resolve(a) for a in reader.pages[1]["/Annots"]]
    assert [str(link["/Dest"]) for link in links] == ["b0", "b2", "b3"]
    assert [destinations[str(link["/Dest"])] for link in links] == [3, 4, 5]
    assert all(resolve(link["/StructParent"]) in keys for link in links)
    text = pdf_text(data)
    assert "Präambel, S. 3" in text and "Maßnahmen, S. 4" in text and "M1 Serviceportal, S. 5" in text

    # page numbers run on across the parts; the second part's running head names its chapter
    assert re.findall(r"Seite (\d+) von (\d+)", text) == [(str(n), "5") for n in range(2, 6)]
    assert "Maßnahmen" in pdf_text(data, layout=True).split("\f")[4].splitlines()[0]

    # bookmarks: the second part's section sits below the first part's chapter
    assert titles(reader.outline) == ["Inhalt", "Präambel", "Maßnahmen", ["M1 Serviceportal", ["Meilensteine"]]]


def test_a_document_is_cut_into_parts_of_about_equal_size_at_headings() -> None:
    doc = Document(title="T", subtitle="S", running_head="R", title_lines=[])
    doc.add(Heading(1, "Präambel"), Paragraph("kurz"), Heading(1, "Maßnahmen"))
    for number in range(1, 9):
        doc.add(Heading(2, f"M{number}"), Paragraph("x" * 500), Heading(3, "Meilensteine"), Paragraph("y" * 500))
    bounds = split(doc, 2)
    assert bounds == [(0, 19), (19, len(doc.blocks))]
    assert doc.blocks[19] == Heading(2, "M5")


def test_the_front_keeps_the_page_count_the_parts_were_told_with_an_empty_page() -> None:
    """Should the real page numbers (narrower than the placeholders) save a contents page, the
    front is padded: the parts' page numbers were sent before it was laid out again."""
    doc = sample()
    numbers = {index: 3 for index, _heading in doc.headings()}
    plain = pdf_worker.render(render_html(doc, part="front", pages=numbers))
    padded = pdf_worker.render(render_html(doc, part="front", pages=numbers, padding=1))
    assert len(padded.pages) == len(plain.pages) + 1 == 3
