"""CSV uploads: encoding, delimiter, records with the physical line where they start."""

from __future__ import annotations

import csv
import io
import itertools
from collections import Counter
from collections.abc import Iterator

from kreiskurs.i18n import gettext as _

from .base import TableError


def _decode(data: bytes) -> str:
    """UTF-8 (a BOM is dropped), otherwise Windows-1252, otherwise Latin-1 (which never fails)."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    """``;`` or ``,``, whichever occurs more often in the header line (the first non-blank line); ties give ``;``.

    A first line without either (the title of a statistics export such as ``GENESIS-Tabelle: 12411-01-01-5``)
    does not decide: then the first 30 lines vote, each line that holds at least two of one delimiter for the
    one it holds more of; ties give ``;`` again.
    """
    lines = [line for line in itertools.islice(io.StringIO(text), 200) if line.strip()][:30]
    header = lines[0] if lines else ""
    if header.count(",") or header.count(";"):
        return "," if header.count(",") > header.count(";") else ";"
    votes = Counter(
        "," if line.count(",") > line.count(";") else ";"
        for line in lines
        if max(line.count(","), line.count(";")) >= 2
    )
    return "," if votes[","] > votes[";"] else ";"


def _csv_records(data: bytes, filename: str) -> Iterator[tuple[int, list[str]]]:
    """Every CSV record with the physical line where it starts; cells stripped."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), quotechar='"', strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise TableError(
                _("%(filename)s, Zeile %(line)s: ungültiges CSV (Anführungszeichen oder Sonderzeichen prüfen)")
                % {"filename": filename, "line": start}
            ) from error
        yield start, [cell.strip() for cell in cells]
