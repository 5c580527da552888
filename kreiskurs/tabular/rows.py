"""The header check and the rows of a table: every column named once, required present, nothing unknown."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from kreiskurs.i18n import gettext as _

from .base import Row, TableError, _used_width, normalize_header


def table_rows(
    records: Iterable[tuple[int, list[str]]], *, filename: str, required: Sequence[str], optional: Sequence[str] = ()
) -> list[Row]:
    """Check the header (the first non-empty record) and build the rows from the remaining records."""
    iterator = iter(records)
    header: list[str] | None = None
    for _line, cells in iterator:
        if any(cells):
            header = cells
            break
    if header is None:
        raise TableError(_("%(filename)s: Datei ist leer") % {"filename": filename})
    columns = _check_header(header, filename=filename, required=required, optional=optional)
    rows: list[Row] = []
    for line, cells in iterator:
        if not any(cells):
            continue
        used = _used_width(cells)
        if used > len(columns):
            raise TableError(
                _("%(filename)s, Zeile %(line)s: %(used)s Werte, aber %(columns)s Spalten")
                % {"filename": filename, "line": line, "used": used, "columns": len(columns)}
            )
        padded = cells + [""] * (len(columns) - len(cells))
        rows.append(Row(line=line, values=dict(zip(columns, padded, strict=False))))
    return rows


def _check_header(header: list[str], *, filename: str, required: Sequence[str], optional: Sequence[str]) -> list[str]:
    """The normalized column names; raise :class:`TableError` for empty, duplicate, missing or unknown columns.

    Linear in the number of columns (a header of many thousand columns is answered at once).
    """
    columns = [normalize_header(cell) for cell in header[: _used_width(header)]]
    blank = [str(position) for position, name in enumerate(columns, start=1) if not name]
    if blank:
        raise TableError(
            _("%(filename)s: Spalte(n) ohne Überschrift: Nr. %(numbers)s")
            % {"filename": filename, "numbers": _listed(blank)}
        )
    counts = Counter(columns)
    duplicates = [name for name, count in counts.items() if count > 1]  # in order of first occurrence
    if duplicates:
        raise TableError(
            _("%(filename)s: Spalte(n) doppelt: %(names)s") % {"filename": filename, "names": _listed(duplicates)}
        )
    wanted_required = [normalize_header(name) for name in required]
    allowed = list(dict.fromkeys([*wanted_required, *(normalize_header(name) for name in optional)]))
    allowed_set = set(allowed)
    missing = [name for name in dict.fromkeys(wanted_required) if name not in counts]
    unknown = [name for name in columns if name not in allowed_set]
    problems = []
    if missing:
        problems.append(_("Spalte(n) fehlen: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        problems.append(
            _("unbekannte Spalte(n): %(names)s (erlaubt: %(allowed)s)")
            % {"names": _listed(unknown), "allowed": ", ".join(allowed)}
        )
    if problems:
        raise TableError(_("%(filename)s: %(problems)s") % {"filename": filename, "problems": "; ".join(problems)})
    return columns


def _listed(names: Sequence[str], limit: int = 20) -> str:
    """At most ``limit`` names, then how many more (a message stays short whatever the file holds)."""
    shown = ", ".join(name[:60] for name in names[:limit])
    if len(names) > limit:
        return _("%(names)s und %(more)d weitere") % {"names": shown, "more": len(names) - limit}
    return shown
