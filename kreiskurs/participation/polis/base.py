"""Names every part of the pol.is reader shares: file names, columns, limits and the shapes of raw votes."""

from __future__ import annotations

import re

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

#: (comment-id, voter-id) → (moment, row order, raw vote)
_Latest = dict[tuple[str, str], tuple[float, int, int]]
_Raw = list[tuple[str, str, float, int]]
