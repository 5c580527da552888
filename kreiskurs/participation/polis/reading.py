"""Reading an export folder: the CSV files, every field checked, the latest vote of each voter, the summary."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from kreiskurs.i18n import gettext as _

from ..text import clean_line, clean_text
from .base import (
    _INTEGER,
    COMMENT_COLUMNS,
    COMMENTS,
    MAX_ID_LENGTH,
    MILLISECONDS_FROM,
    SUMMARY,
    VOTE_COLUMNS,
    VOTES,
    _Latest,
    _Raw,
)
from .export import PolisComment, PolisExport, PolisVote
from .problems import PolisError, Problem, _Problems
from .sign import check_sign


def read_export(folder: Path, *, agree_value: int | None = None, now: float | None = None) -> PolisExport:
    """Read and check a Polis export folder; raise :class:`PolisError` for anything malformed.

    ``agree_value`` (1 or -1) overrides the detection of the vote sign;
    ``now`` (seconds) is the moment no timestamp may lie after.
    """
    if not folder.is_dir():
        raise PolisError([Problem(str(folder), None, "", _("kein Ordner"))])
    now = time.time() if now is None else now
    comments_path, votes_path = folder / COMMENTS, folder / VOTES
    comments_data, votes_data = _read_bytes(comments_path), _read_bytes(votes_path)
    problems = _Problems()
    comments = _comments(str(comments_path), comments_data, problems, now)
    problems.raise_if_any()
    if not comments:
        raise PolisError([Problem(str(comments_path), None, "", _("enthält keine Kommentare"))])
    known = {c.comment_id for c in comments}
    raw = _raw_votes(str(votes_path), votes_data, known, problems, now)
    problems.raise_if_any()
    latest = _latest(raw)
    sign = check_sign(comments, raw, latest, agree_value=agree_value, file=str(votes_path))
    flip = sign.agree_value
    votes = [PolisVote(cid, vid, moment, value * flip) for (cid, vid), (moment, _order, value) in latest.items()]
    votes.sort(key=lambda v: (v.voted_at, v.comment_id, v.voter_id))
    topic, description, url = _summary(folder / SUMMARY)
    source_id = _source_id(url, comments_data, votes_data)
    people = {v.voter_id for v in votes} | {c.author_id for c in comments if c.author_id}
    return PolisExport(
        source_id=source_id,
        topic=topic,
        description=description,
        comments=sorted(comments, key=lambda c: (c.created, _natural(c.comment_id))),
        votes=votes,
        vote_rows=len(raw),
        sign=sign,
        participant_ids=sorted(people, key=_natural),
    )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PolisError([Problem(str(path), None, "", _("Datei fehlt"))]) from None
    except OSError as exc:
        raise PolisError(
            [Problem(str(path), None, "", _("Datei nicht lesbar (%(reason)s)") % {"reason": exc.strerror})]
        ) from None


def _decode(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PolisError([Problem(path, line, "", _("keine gültige UTF-8-Kodierung"))]) from None


def _records(path: str, data: bytes) -> Iterator[tuple[int, list[str]]]:
    """Every CSV record with the physical line where it starts."""
    reader = csv.reader(io.StringIO(_decode(path, data), newline=""), strict=True)
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise PolisError([Problem(path, start, "", _("ungültiges CSV (Anführungszeichen prüfen)"))]) from None
        yield start, cells


def _rows(
    path: str, data: bytes, columns: Sequence[str], problems: _Problems, *, free_tail: str = ""
) -> Iterator[tuple[int, dict[str, str]]]:
    """Data rows as {column: value}; the header must name every column of ``columns`` (others are ignored).

    ``free_tail`` names a last column whose text may contain unquoted commas
    (one older Polis version wrote comment bodies unquoted): extra cells are
    joined back into it.
    """
    records = _records(path, data)
    header: list[str] | None = None
    for _line, cells in records:
        if any(c.strip() for c in cells):
            header = [c.replace("\ufeff", "").strip().lower() for c in cells]
            break
    if header is None:
        raise PolisError([Problem(path, None, "", _("Datei ist leer"))])
    missing = [c for c in columns if c not in header]
    if missing:
        raise PolisError(
            [
                Problem(
                    path,
                    1,
                    "",
                    _("Spalte(n) fehlen: %(missing)s (erwartet: %(expected)s)")
                    % {"missing": ", ".join(missing), "expected": ", ".join(columns)},
                )
            ]
        )
    width = len(header)
    tail_free = bool(free_tail) and header[-1] == free_tail
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width and tail_free:
            cells = [*cells[: width - 1], ",".join(cells[width - 1 :])]
        if len(cells) != width:
            problems.add(
                path,
                line,
                "",
                _("%(values)s Werte, aber %(columns)s Spalten") % {"values": len(cells), "columns": width},
            )
            continue
        yield line, dict(zip(header, cells, strict=True))


def _integer(value: str) -> int:
    text = value.strip()
    if not _INTEGER.fullmatch(text):
        raise ValueError(_("„%(value)s“ ist keine ganze Zahl") % {"value": text})
    return int(text)


def _moment(value: str, now: float) -> float:
    number = _integer(value)
    if number < 0:
        raise ValueError(_("„%(value)s“ ist kein Zeitpunkt") % {"value": value.strip()})
    seconds = number / 1000 if number >= MILLISECONDS_FROM else float(number)
    if seconds > now:
        raise ValueError(_("„%(value)s“ liegt in der Zukunft") % {"value": value.strip()})
    return seconds


def _identifier(value: str) -> str:
    text = value.strip()
    if not text:
        raise ValueError(_("fehlt"))
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(_("höchstens %(count)s Zeichen") % {"count": MAX_ID_LENGTH})
    return text


def _comments(path: str, data: bytes, problems: _Problems, now: float) -> list[PolisComment]:
    out: list[PolisComment] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, data, COMMENT_COLUMNS, problems, free_tail="comment-body"):
        bad = problems.total

        def check(name: str, parse: Callable[[str], Any], row: dict[str, str] = row, line: int = line) -> Any:
            try:
                return parse(row[name])
            except ValueError as exc:
                problems.add(path, line, name, str(exc))
                return None

        cid = check("comment-id", _identifier)
        created = check("timestamp", lambda v: _moment(v, now))
        agrees = check("agrees", _count)
        disagrees = check("disagrees", _count)
        moderated = check("moderated", _moderated)
        body = check("comment-body", _body)
        author = check("author-id", _author)
        if problems.total > bad:
            continue
        if cid in seen:
            problems.add(
                path, line, "comment-id", _("%(id)s steht schon in Zeile %(line)s") % {"id": cid, "line": seen[cid]}
            )
            continue
        seen[cid] = line
        out.append(PolisComment(line, cid, author, created, agrees, disagrees, moderated, body))
    return out


def _author(value: str) -> str:
    """May be empty; an id like the voter-id otherwise."""
    text = value.strip()
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(_("höchstens %(count)s Zeichen") % {"count": MAX_ID_LENGTH})
    return text


def _count(value: str) -> int:
    number = _integer(value)
    if number < 0:
        raise ValueError(_("„%(value)s“ ist negativ") % {"value": value.strip()})
    return number


def _moderated(value: str) -> int:
    number = _integer(value)
    if number not in (-1, 0, 1):
        raise ValueError(_("„%(value)s“ ist nicht erlaubt (-1, 0 oder 1)") % {"value": value.strip()})
    return number


def _body(value: str) -> str:
    """The cleaned text; it may be empty (such a comment is imported hidden: ``PolisExport.without_text``)."""
    return clean_text(value)


def _raw_votes(path: str, data: bytes, known: set[str], problems: _Problems, now: float) -> _Raw:
    out: _Raw = []
    for line, row in _rows(path, data, VOTE_COLUMNS, problems):
        cid = row["comment-id"].strip()
        ok = True
        if cid not in known:
            problems.add(
                path, line, "comment-id", _("Kommentar „%(id)s“ fehlt in %(file)s") % {"id": cid, "file": COMMENTS}
            )
            ok = False
        try:
            voter = _identifier(row["voter-id"])
        except ValueError as exc:
            problems.add(path, line, "voter-id", str(exc))
            ok = False
        try:
            moment = _moment(row["timestamp"], now)
        except ValueError as exc:
            problems.add(path, line, "timestamp", str(exc))
            ok = False
        try:
            value = _integer(row["vote"])
            if value not in (-1, 0, 1):
                raise ValueError(_("„%(value)s“ ist keine Stimme (erlaubt: -1, 0, 1)") % {"value": row["vote"].strip()})
        except ValueError as exc:
            problems.add(path, line, "vote", str(exc))
            ok = False
        if ok:
            out.append((cid, voter, moment, value))
    return out


def _latest(raw: _Raw) -> _Latest:
    """The latest vote of each voter on each comment (by timestamp; on a tie, the later row)."""
    latest: _Latest = {}
    for order, (cid, voter, moment, value) in enumerate(raw):
        key = (cid, voter)
        current = latest.get(key)
        if current is None or moment >= current[0]:
            latest[key] = (moment, order, value)
    return latest


def _summary(path: Path) -> tuple[str, str, str]:
    """(topic, description, url) from summary.csv; empty strings where it is missing."""
    try:
        data = path.read_bytes()
    except OSError:
        return "", "", ""
    values: dict[str, str] = {}
    for _line, cells in _records(str(path), data):
        if len(cells) >= 2 and cells[0].strip():
            values.setdefault(cells[0].replace("\ufeff", "").strip().lower(), cells[1])
    return (
        clean_line(values.get("topic", "")),
        clean_text(values.get("conversation-description", "")),
        values.get("url", "").strip(),
    )


def _source_id(url: str, comments: bytes, votes: bytes) -> str:
    """The conversation's address without scheme (``pol.is/3atycmhmer``), else a hash of both files."""
    address = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE).strip("/")
    if address and len(address) <= 100:
        return address
    digest = hashlib.sha256(comments + b"\0" + votes).hexdigest()
    return f"sha256:{digest[:40]}"


def _natural(value: str) -> tuple[int, int | str]:
    """Numeric ids in numeric order, others after them."""
    return (0, int(value)) if value.isdigit() else (1, value)
