"""The sign of the vote column: which raw value means "agree", decided from the data itself."""

from __future__ import annotations

from collections.abc import Sequence

from kreiskurs.i18n import gettext as _

from .base import COMMENTS, VOTES, _Latest, _Raw
from .export import PolisComment, SignCheck
from .problems import PolisError, Problem


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
            raise PolisError([Problem(file, None, "vote", _("Zustimmung muss 1 oder -1 sein"))])
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
                _(
                    "ob 1 oder -1 Zustimmung bedeutet, lässt sich nicht aus den Spalten agrees/disagrees von "
                    "%(file)s ablesen; bitte mit --agree-value 1 oder --agree-value -1 angeben"
                )
                % {"file": COMMENTS},
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
                    _(
                        "die Spalten agrees/disagrees von %(file)s sprechen für Zustimmung = %(sign)s, aber dann "
                        "hätten %(against)s von %(decided)s Autorinnen und Autoren ihrem eigenen Kommentar "
                        "widersprochen (Polis vermerkt beim Schreiben eine Zustimmung); das Vorzeichen ist "
                        "vermutlich in beiden Dateien vertauscht. Bitte prüfen und mit --agree-value 1 oder "
                        "--agree-value -1 angeben"
                    )
                    % {"file": COMMENTS, "sign": sign, "against": against, "decided": len(decided)},
                )
            ]
        )
