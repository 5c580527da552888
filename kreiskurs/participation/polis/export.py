"""What an export holds once read: comments, the latest votes, the sign of the vote column."""

from __future__ import annotations

from dataclasses import dataclass, field

from kreiskurs.i18n import gettext as _

from .base import MODERATED_OUT


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
            return _(
                "Zustimmung = %(sign)s (vorgegeben; damit stimmen bei %(matching)s von %(compared)s Kommentaren "
                "die Spalten agrees/disagrees mit den gezählten Stimmen überein)"
            ) % {"sign": sign, "matching": self.matching, "compared": self.compared}
        return _(
            "Zustimmung = %(sign)s (aus den Daten: bei %(matching)s von %(compared)s Kommentaren stimmen die "
            "Spalten agrees/disagrees mit den gezählten Stimmen überein)"
        ) % {"sign": sign, "matching": self.matching, "compared": self.compared}


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
