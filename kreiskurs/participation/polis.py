"""Reading a pol.is conversation export (plain Python, no Django).

A Polis export folder holds ``comments.csv`` (one row per comment: timestamp,
[datetime,] comment-id, author-id, agrees, disagrees, moderated, comment-body;
newer exports drop ``datetime``, which is ignored anyway), ``votes.csv`` (the
vote history: timestamp, datetime, comment-id, voter-id, vote) and usually
``summary.csv`` (key,value rows: topic, url, …); ``participants-votes.csv``
and other files are not read.
:func:`read_export` reads and checks everything before anything is written
and returns a :class:`PolisExport`; any problem raises :class:`PolisError`
naming file, line, field and what is wrong.

The sign of the vote column is not the same in every export (see
``docs/polis-import.md``): Polis stores agree as -1, the current exports flip
it to +1, one older server version did not. :func:`check_sign` decides from
the data itself by comparing, per comment, how often each value occurs with
the ``agrees``/``disagrees`` columns of ``comments.csv``. Votes come out in
Kreiskurs's convention (1 agree, -1 disagree, 0 pass).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .text import clean_line, clean_text

COMMENTS = "comments.csv"
VOTES = "votes.csv"
SUMMARY = "summary.csv"
#: the columns read; ``datetime`` (a readable copy of ``timestamp``) is ignored, newer exports drop it
COMMENT_COLUMNS = (
    "timestamp",
    "comment-id",
    "author-id",
    "agrees",
    "disagrees",
    "moderated",
    "comment-body",
)
VOTE_COLUMNS = ("timestamp", "comment-id", "voter-id", "vote")
MAX_ID_LENGTH = 64  # Statement.external_id and Participant.external_id
MAX_REPORTED = 20  # problems listed in the message; the rest are counted
MODERATED_OUT = -1
#: Polis timestamps are seconds (current exports) or milliseconds (older ones); no real vote lies before 1973
MILLISECONDS_FROM = 100_000_000_000
_INTEGER = re.compile(r"[+-]?[0-9]+")


# --- problems ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the export: which file, which line (header = 1), which field, what."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", Zeile {self.line}"
        if self.field:
            where += f", Feld „{self.field}“"
        return f"{where}: {self.message}"


class PolisError(ValueError):
    """The export cannot be imported; nothing was written."""

    def __init__(self, problems: Sequence[Problem], total: int | None = None) -> None:
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(p) for p in self.problems[:MAX_REPORTED]]
        if self.total > len(lines):
            lines.append(f"… und {self.total - len(lines)} weitere Fehler")
        return "\n".join(lines)


class _Problems:
    """Collects problems and counts those beyond what is reported."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.total = 0

    def add(self, file: str, line: int | None, field: str, message: str) -> None:
        self.total += 1
        if len(self.items) < MAX_REPORTED:
            self.items.append(Problem(file, line, field, message))

    def raise_if_any(self) -> None:
        if self.total:
            raise PolisError(self.items, self.total)


# --- what an export holds ----------------------------------------------------------------------


@dataclass(frozen=True)
class PolisComment:
    line: int
    comment_id: str
    author_id: str
    created: float  # seconds since the epoch
    agrees: int
    disagrees: int
    moderated: int  # -1 moderated out, 0 not moderated, 1 accepted
    body: str  # cleaned text; may be empty (Polis keeps comments whose text was removed)

    @property
    def moderated_out(self) -> bool:
        return self.moderated == MODERATED_OUT


@dataclass(frozen=True)
class PolisVote:
    comment_id: str
    voter_id: str
    voted_at: float  # seconds since the epoch
    value: int  # Kreiskurs's convention: 1 agree, -1 disagree, 0 pass


@dataclass(frozen=True)
class SignCheck:
    """Which value of the vote column means "agree", and how well ``comments.csv`` supports that.

    ``matching`` counts the comments whose ``agrees``/``disagrees`` equal the
    counted votes under that reading; ``compared`` the comments compared;
    ``given`` is True when the reading was set by hand (``--agree-value``).
    """

    agree_value: int
    matching: int
    compared: int
    given: bool = False

    def describe(self) -> str:
        sign = "+1" if self.agree_value == 1 else "-1"
        if self.given:
            return (
                f"Zustimmung = {sign} (vorgegeben; damit stimmen bei {self.matching} von {self.compared} Kommentaren "
                "die Spalten agrees/disagrees mit den gezählten Stimmen überein)"
            )
        return (
            f"Zustimmung = {sign} (aus den Daten: bei {self.matching} von {self.compared} Kommentaren stimmen die "
            "Spalten agrees/disagrees mit den gezählten Stimmen überein)"
        )


@dataclass
class PolisExport:
    source_id: str  # identifies the conversation (summary.csv url) or, without it, the files' content
    topic: str
    description: str
    comments: list[PolisComment]  # in the order they were written
    votes: list[PolisVote]  # the latest vote of each voter on each comment
    vote_rows: int  # rows in votes.csv (the history, with changed votes)
    sign: SignCheck
    participant_ids: list[str] = field(default_factory=list)  # voters and authors

    @property
    def without_text(self) -> list[PolisComment]:
        """Comments with an empty body, in file order: they are imported hidden (see the import report)."""
        return sorted((c for c in self.comments if not c.body), key=lambda c: c.line)

    @property
    def first(self) -> float:
        """The first vote (or comment, if nobody voted)."""
        moments = [v.voted_at for v in self.votes] or [c.created for c in self.comments]
        return min(moments)

    @property
    def last(self) -> float:
        moments = [v.voted_at for v in self.votes] or [c.created for c in self.comments]
        return max(moments)


# --- reading -----------------------------------------------------------------------------------


def read_export(folder: Path, *, agree_value: int | None = None, now: float | None = None) -> PolisExport:
    """Read and check a Polis export folder; raise :class:`PolisError` for anything malformed.

    ``agree_value`` (1 or -1) overrides the detection of the vote sign;
    ``now`` (seconds) is the moment no timestamp may lie after.
    """
    if not folder.is_dir():
        raise PolisError([Problem(str(folder), None, "", "kein Ordner")])
    now = time.time() if now is None else now
    comments_path, votes_path = folder / COMMENTS, folder / VOTES
    comments_data, votes_data = _read_bytes(comments_path), _read_bytes(votes_path)
    problems = _Problems()
    comments = _comments(str(comments_path), comments_data, problems, now)
    problems.raise_if_any()
    if not comments:
        raise PolisError([Problem(str(comments_path), None, "", "enthält keine Kommentare")])
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
        raise PolisError([Problem(str(path), None, "", "Datei fehlt")]) from None
    except OSError as exc:
        raise PolisError([Problem(str(path), None, "", f"Datei nicht lesbar ({exc.strerror})")]) from None


def _decode(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PolisError([Problem(path, line, "", "keine gültige UTF-8-Kodierung")]) from None


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
            raise PolisError([Problem(path, start, "", "ungültiges CSV (Anführungszeichen prüfen)")]) from None
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
        raise PolisError([Problem(path, None, "", "Datei ist leer")])
    missing = [c for c in columns if c not in header]
    if missing:
        raise PolisError(
            [Problem(path, 1, "", f"Spalte(n) fehlen: {', '.join(missing)} (erwartet: {', '.join(columns)})")]
        )
    width = len(header)
    tail_free = bool(free_tail) and header[-1] == free_tail
    for line, cells in records:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width and tail_free:
            cells = [*cells[: width - 1], ",".join(cells[width - 1 :])]
        if len(cells) != width:
            problems.add(path, line, "", f"{len(cells)} Werte, aber {width} Spalten")
            continue
        yield line, dict(zip(header, cells, strict=True))


def _integer(value: str) -> int:
    text = value.strip()
    if not _INTEGER.fullmatch(text):
        raise ValueError(f"„{text}“ ist keine ganze Zahl")
    return int(text)


def _moment(value: str, now: float) -> float:
    number = _integer(value)
    if number < 0:
        raise ValueError(f"„{value.strip()}“ ist kein Zeitpunkt")
    seconds = number / 1000 if number >= MILLISECONDS_FROM else float(number)
    if seconds > now:
        raise ValueError(f"„{value.strip()}“ liegt in der Zukunft")
    return seconds


def _identifier(value: str) -> str:
    text = value.strip()
    if not text:
        raise ValueError("fehlt")
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(f"höchstens {MAX_ID_LENGTH} Zeichen")
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
            problems.add(path, line, "comment-id", f"{cid} steht schon in Zeile {seen[cid]}")
            continue
        seen[cid] = line
        out.append(PolisComment(line, cid, author, created, agrees, disagrees, moderated, body))
    return out


def _author(value: str) -> str:
    """May be empty; an id like the voter-id otherwise."""
    text = value.strip()
    if len(text) > MAX_ID_LENGTH:
        raise ValueError(f"höchstens {MAX_ID_LENGTH} Zeichen")
    return text


def _count(value: str) -> int:
    number = _integer(value)
    if number < 0:
        raise ValueError(f"„{value.strip()}“ ist negativ")
    return number


def _moderated(value: str) -> int:
    number = _integer(value)
    if number not in (-1, 0, 1):
        raise ValueError(f"„{value.strip()}“ ist nicht erlaubt (-1, 0 oder 1)")
    return number


def _body(value: str) -> str:
    """The cleaned text; it may be empty (such a comment is imported hidden: ``PolisExport.without_text``)."""
    return clean_text(value)


#: (comment-id, voter-id) → (moment, row order, raw vote)
_Latest = dict[tuple[str, str], tuple[float, int, int]]
_Raw = list[tuple[str, str, float, int]]


def _raw_votes(path: str, data: bytes, known: set[str], problems: _Problems, now: float) -> _Raw:
    out: _Raw = []
    for line, row in _rows(path, data, VOTE_COLUMNS, problems):
        cid = row["comment-id"].strip()
        ok = True
        if cid not in known:
            problems.add(path, line, "comment-id", f"Kommentar „{cid}“ fehlt in {COMMENTS}")
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
                raise ValueError(f"„{row['vote'].strip()}“ ist keine Stimme (erlaubt: -1, 0, 1)")
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


# --- the sign of the vote column ----------------------------------------------------------------


def check_sign(
    comments: Sequence[PolisComment],
    raw: _Raw,
    latest: _Latest,
    *,
    agree_value: int | None = None,
    file: str = VOTES,
) -> SignCheck:
    """Which raw value means "agree": +1 or -1, decided by ``comments.csv``'s agrees/disagrees columns.

    For each reading the per-comment counts of +1 and -1 are compared with
    the columns, once over every row of the vote history and once over the
    latest votes only (exports have counted either way); the reading with the
    smaller total difference wins. A tie (when +1 and -1 occur at all) cannot
    be decided and raises :class:`PolisError` unless ``agree_value`` is given;
    so does a reading that the authors' own votes contradict (``_check_authors``).
    """
    counted: dict[str, dict[str, list[int]]] = {"all": {}, "latest": {}}
    for cid, _voter, _moment, value in raw:
        if value:
            counted["all"].setdefault(cid, [0, 0])[0 if value == 1 else 1] += 1
    for (cid, _voter), (_moment, _order, value) in latest.items():
        if value:
            counted["latest"].setdefault(cid, [0, 0])[0 if value == 1 else 1] += 1

    # only comments with something to compare count as evidence: one without agrees, disagrees
    # or votes "matches" under either reading and would inflate "matching" beyond "compared"
    evidence = [c for c in comments if c.agrees or c.disagrees or c.comment_id in counted["all"]]

    def fit(reading: int) -> tuple[int, int]:
        """(total difference, matching comments) of the better-fitting vote set under ``reading``."""
        best: tuple[int, int] | None = None
        for counts in counted.values():
            difference = matching = 0
            for c in evidence:
                plus, minus = counts.get(c.comment_id, (0, 0))
                agree, disagree = (plus, minus) if reading == 1 else (minus, plus)
                off = abs(c.agrees - agree) + abs(c.disagrees - disagree)
                difference += off
                matching += off == 0
            if best is None or difference < best[0]:
                best = (difference, matching)
        assert best is not None
        return best

    compared = len(evidence)
    if agree_value is not None:
        if agree_value not in (1, -1):
            raise PolisError([Problem(file, None, "vote", "Zustimmung muss 1 oder -1 sein")])
        return SignCheck(agree_value, fit(agree_value)[1], compared, given=True)
    plus_fit, minus_fit = fit(1), fit(-1)
    if not counted["all"]:
        return SignCheck(1, plus_fit[1], compared)  # no agree or disagree at all: the sign does not matter
    if plus_fit[0] != minus_fit[0]:
        reading = 1 if plus_fit[0] < minus_fit[0] else -1
        _check_authors(comments, raw, reading, file)
        return SignCheck(reading, (plus_fit if reading == 1 else minus_fit)[1], compared)
    raise PolisError(
        [
            Problem(
                file,
                None,
                "vote",
                "ob 1 oder -1 Zustimmung bedeutet, lässt sich nicht aus den Spalten agrees/disagrees von "
                f"{COMMENTS} ablesen; bitte mit --agree-value 1 oder --agree-value -1 angeben",
            )
        ]
    )


#: at least this many comments whose author voted on them before the cross-check speaks
AUTHOR_EVIDENCE = 5


def _check_authors(comments: Sequence[PolisComment], raw: _Raw, reading: int, file: str) -> None:
    """Cross-check: Polis records an automatic "agree" of the author on their own comment (not on seed comments).

    If, under the reading the counts chose, most authors' first vote on their
    own comment were a "disagree", agrees/disagrees and the vote column were
    written with the same wrong sign (one Polis server version did): refuse
    rather than import every opinion upside down.
    """
    authors = {c.comment_id: c.author_id for c in comments if c.author_id}
    first: dict[str, tuple[float, int]] = {}
    for cid, voter, moment, value in raw:
        if authors.get(cid) == voter and (cid not in first or moment < first[cid][0]):
            first[cid] = (moment, value)
    decided = [value * reading for _moment, value in first.values() if value]
    against = sum(1 for v in decided if v == -1)
    if len(decided) >= AUTHOR_EVIDENCE and against * 2 > len(decided):
        sign = "+1" if reading == 1 else "-1"
        raise PolisError(
            [
                Problem(
                    file,
                    None,
                    "vote",
                    f"die Spalten agrees/disagrees von {COMMENTS} sprechen für Zustimmung = {sign}, aber dann hätten "
                    f"{against} von {len(decided)} Autorinnen und Autoren ihrem eigenen Kommentar widersprochen (Polis "
                    "vermerkt beim Schreiben eine Zustimmung); das Vorzeichen ist vermutlich in beiden Dateien "
                    "vertauscht. Bitte prüfen und mit --agree-value 1 oder --agree-value -1 angeben",
                )
            ]
        )


# --- summary and identity ----------------------------------------------------------------------


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
