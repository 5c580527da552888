"""The DOCX builder: the blocks as a Word document (python-docx) with real heading styles.

Headings use Word's built-in styles "Heading 1–3" (so the navigation pane and
the table of contents find them); the table of contents is a TOC field that
Word fills when the file is opened (``updateFields``); the header carries the
running head and the footer the page number (PAGE / NUMPAGES fields); the
language of every style is German (hyphenation and spelling).
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from docx import Document as new_document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .content import BulletList, Document, Facts, Heading, Paragraph, Table

#: BCP 47 tags Word understands per document language
WORD_LANGUAGES = {"de": "de-DE", "en": "en-GB"}


def _field(paragraph: object, instruction: str, placeholder: str = "") -> None:
    """A complex field (``PAGE``, ``TOC …``) in ``paragraph``: begin, instruction, separate, result, end."""
    run = paragraph.add_run()  # type: ignore[attr-defined]
    for kind, text in (
        ("begin", None),
        ("instr", instruction),
        ("separate", None),
        ("text", placeholder),
        ("end", None),
    ):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _set_language(document: object, tag: str) -> None:
    styles = document.styles  # type: ignore[attr-defined]
    defaults = styles.element.find(qn("w:docDefaults"))
    targets = [style.element for style in styles] + ([defaults] if defaults is not None else [])
    for element in targets:
        rpr = element.find(".//" + qn("w:rPr"))
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)


def _update_fields_on_open(document: object) -> None:
    settings = document.settings.element  # type: ignore[attr-defined]
    element = OxmlElement("w:updateFields")
    element.set(qn("w:val"), "true")
    settings.append(element)


def _table(document: object, headers: list[str], rows: list[list[str]], caption: str = "") -> None:
    if caption:
        document.add_paragraph(caption, style="Caption")  # type: ignore[attr-defined]
    # all rows at once: python-docx's add_row() copies the last row's properties each time
    table = document.add_table(rows=1 + len(rows), cols=len(headers), style="Table Grid")  # type: ignore[attr-defined]
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # the header row repeats on every page the table runs over
    header_properties = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_properties.append(repeat)
    for table_row, row in zip(table.rows[1:], rows, strict=True):
        for cell, text in zip(table_row.cells, row, strict=True):
            cell.text = text


def build_docx(doc: Document) -> bytes:
    document = new_document()
    _set_language(document, WORD_LANGUAGES.get(doc.language, doc.language))
    _update_fields_on_open(document)
    properties = document.core_properties
    properties.title = f"{doc.title} – {doc.subtitle}"
    properties.author = doc.author
    properties.language = WORD_LANGUAGES.get(doc.language, doc.language)
    document.styles["Normal"].font.size = Pt(10.5)

    # title page: its own section without header and footer
    first = document.sections[0]
    first.left_margin, first.right_margin = Cm(2.5), Cm(2)
    document.add_paragraph(doc.subtitle)
    document.add_paragraph(doc.title, style="Title")
    for line in doc.title_lines:
        document.add_paragraph(line)
    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.header.is_linked_to_previous = False
    body.footer.is_linked_to_previous = False
    body.header.paragraphs[0].text = doc.running_head
    footer = body.footer.paragraphs[0]
    footer.add_run(_("Seite") + " ")
    _field(footer, "PAGE", "1")
    footer.add_run(" " + _("von") + " ")
    _field(footer, "NUMPAGES", "1")

    document.add_paragraph(_("Inhalt"), style="TOC Heading" if "TOC Heading" in document.styles else "Heading 1")
    _field(
        document.add_paragraph(),
        'TOC \\o "1-2" \\h \\z \\u',
        _("Das Inhaltsverzeichnis wird beim Öffnen aktualisiert."),
    )
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    chapters = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.level == 1 and chapters:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            chapters += block.level == 1
            document.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = document.add_paragraph(block.text)
            if block.style == "note":
                for run in paragraph.runs:
                    run.italic = True
        elif isinstance(block, BulletList):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Facts):
            table = document.add_table(rows=len(block.rows), cols=2, style="Table Grid")
            for row, (label, value) in zip(table.rows, block.rows, strict=True):
                cells = row.cells
                cells[0].text, cells[1].text = label, value
                for run in cells[0].paragraphs[0].runs:
                    run.bold = True
                cells[0].width, cells[1].width = Cm(4.5), Cm(11.5)
            document.add_paragraph()
        elif isinstance(block, Table):
            _table(document, block.headers, block.rows, block.caption)
            document.add_paragraph()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
