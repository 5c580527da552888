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

The reader lives by noun in ``reading`` (files and fields), ``sign`` (the vote
sign), ``export`` (what an export holds) and ``problems``; this package
re-exports them.
"""

from .base import (
    COMMENT_COLUMNS,
    COMMENTS,
    MAX_ID_LENGTH,
    MAX_REPORTED,
    MILLISECONDS_FROM,
    MODERATED_OUT,
    SUMMARY,
    VOTE_COLUMNS,
    VOTES,
)
from .export import PolisComment, PolisExport, PolisVote, SignCheck
from .problems import PolisError, Problem
from .reading import read_export
from .sign import AUTHOR_EVIDENCE, check_sign

__all__ = [
    "AUTHOR_EVIDENCE",
    "COMMENTS",
    "COMMENT_COLUMNS",
    "MAX_ID_LENGTH",
    "MAX_REPORTED",
    "MILLISECONDS_FROM",
    "MODERATED_OUT",
    "SUMMARY",
    "VOTES",
    "VOTE_COLUMNS",
    "PolisComment",
    "PolisError",
    "PolisExport",
    "PolisVote",
    "Problem",
    "SignCheck",
    "check_sign",
    "read_export",
]
