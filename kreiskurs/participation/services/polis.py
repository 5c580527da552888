"""Writing a pol.is export into a participation process (parsing and checking: ``participation/polis.py``).

All or nothing: the whole export is read and checked first, then written in
one transaction with bulk inserts. The process is found again by the
export's identity (``Process.external_id``), so a second run adds only what
is new — for the same folder, nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.audit.services import record_change
from kreiskurs.planner_stats import refresh_after_commit
from kreiskurs.territory.models import District

from .. import polis
from ..models import Participant, Phase, PhaseKind, Process, Statement, StatementVote, Visibility
from ..text import clean_line
from .statements import recount_votes

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor

SOURCE = "polis"
BATCH = 2000


@dataclass
class PolisImportResult:
    process: Process
    new_process: bool
    statements: int
    hidden: int
    participants: int
    votes: int
    changed_votes: int
    sign: polis.SignCheck
    #: new statements whose comment came without text (imported hidden), in file order
    without_text: list[polis.PolisComment] = field(default_factory=list)

    @property
    def nothing_new(self) -> bool:
        return not (self.new_process or self.statements or self.participants or self.votes or self.changed_votes)

    def __str__(self) -> str:
        return _(
            "%(statements)s Thesen neu (davon %(hidden)s ausgeblendet), %(participants)s Teilnehmende neu, "
            "%(votes)s Stimmen neu, %(changed)s Stimmen geändert"
        ) % {
            "statements": self.statements,
            "hidden": self.hidden,
            "participants": self.participants,
            "votes": self.votes,
            "changed": self.changed_votes,
        }

    def without_text_lines(self) -> list[str]:
        """One line per new statement without text: which comment, where, and why it is hidden."""
        moderated = _("Kommentar %(id)s (comments.csv, Zeile %(line)s): ohne Text, in pol.is ausgeblendet")
        empty = _("Kommentar %(id)s (comments.csv, Zeile %(line)s): ohne Text, daher ausgeblendet")
        return [
            (moderated if c.moderated_out else empty) % {"id": c.comment_id, "line": c.line} for c in self.without_text
        ]


def _moment(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def import_polis(
    *,
    by: Actor,
    district: District,
    folder: Path,
    title: str = "",
    draft: bool = False,
    agree_value: int | None = None,
) -> PolisImportResult:
    """Import a Polis export folder into a (new) statements process of ``district``.

    The new process is published and closed (one statements phase from the
    first to the last vote) unless ``draft``, then it stays unpublished.
    Raises :class:`polis.PolisError` for a malformed export; nothing is
    written then.
    """
    export = polis.read_export(folder, agree_value=agree_value, now=timezone.now().timestamp())
    with transaction.atomic():
        refresh_after_commit(Participant, Statement, StatementVote)  # big tables: fresh planner statistics
        return _write(by=by, district=district, export=export, title=title, draft=draft)


def _write(*, by: Actor, district: District, export: polis.PolisExport, title: str, draft: bool) -> PolisImportResult:
    start, end = _moment(export.first), _moment(export.last)
    end = max(end, start + dt.timedelta(seconds=1))
    process = (
        Process.objects.select_for_update()
        .filter(district=district, external_source=SOURCE, external_id=export.source_id)
        .first()
    )
    new_process = process is None
    if process is None:
        process = Process(
            district=district,
            template=Process.Template.STATEMENTS,
            title=clean_line(title or export.topic or _("Meinungsbild aus pol.is"))[:200],
            summary=export.description,
            published=not draft,
            external_source=SOURCE,
            external_id=export.source_id,
        )
        process.full_clean()
        process.save()
        phase = Phase(
            district=district,
            process=process,
            kind=PhaseKind.STATEMENTS,
            title=str(_("Thesen abstimmen (in pol.is)")),
            start=start,
            end=end,
        )
        phase.full_clean()
        phase.save()
    else:
        _widen_phase(process, start, end)

    people = _participants(process, export)
    statements, hidden, without_text = _statements(process, export, people.ids)
    created_votes, changed_votes = _votes(process, export, statements.ids, people.ids)
    result = PolisImportResult(
        process=process,
        new_process=new_process,
        statements=statements.created,
        hidden=hidden,
        participants=people.created,
        votes=created_votes,
        changed_votes=changed_votes,
        sign=export.sign,
        without_text=without_text,
    )
    if not result.nothing_new:
        record_change(
            by=by,
            district=district,
            action="import",
            obj=process,
            changes={
                "pol.is": (
                    "",
                    "; ".join([f"{export.source_id}: {result}", *result.without_text_lines(), export.sign.describe()]),
                )
            },
        )
    return result


def _widen_phase(process: Process, start: dt.datetime, end: dt.datetime) -> None:
    """A later export of the same conversation may reach further: the statements phase covers it."""
    phase = process.phases.filter(kind=PhaseKind.STATEMENTS).order_by("start").first()
    if phase is None:
        return
    if start < phase.start or end > phase.end:
        phase.start, phase.end = min(start, phase.start), max(end, phase.end)
        phase.save(update_fields=["start", "end"])


@dataclass
class _Written:
    ids: dict[str, int]  # external id → primary key
    created: int


def _participants(process: Process, export: polis.PolisExport) -> _Written:
    existing = dict(Participant.objects.filter(origin_process=process).values_list("external_id", "pk"))
    label = _("Polis-Teilnehmende %(id)s")
    new = [
        Participant(
            district_id=process.district_id,
            origin_process=process,
            external_id=pid,
            display_name=(label % {"id": pid})[:60],
        )
        for pid in export.participant_ids
        if pid not in existing
    ]
    Participant.objects.bulk_create(new, batch_size=BATCH)
    if new:
        existing = dict(Participant.objects.filter(origin_process=process).values_list("external_id", "pk"))
    return _Written(existing, len(new))


def _statements(
    process: Process, export: polis.PolisExport, people: dict[str, int]
) -> tuple[_Written, int, list[polis.PolisComment]]:
    """New statements; moderated-out comments (whatever their text) and comments without text come in hidden."""
    existing = dict(Statement.objects.filter(process=process).values_list("external_id", "pk"))
    reason = str(_("In pol.is von der Moderation ausgeblendet."))
    no_text = str(_("Der Kommentar kam aus pol.is ohne Text."))
    # a later export may moderate out what an earlier one showed: that applies on re-import too
    later_out = [
        existing[c.comment_id]
        for c in export.comments
        if c.comment_id in existing and c.moderated == polis.MODERATED_OUT
    ]
    Statement.objects.filter(pk__in=later_out).visible().update(visibility=Visibility.HIDDEN, hidden_reason=reason)
    new = []
    without_text = []
    for c in export.comments:
        if c.comment_id in existing:
            continue
        hidden = c.moderated_out or not c.body
        if not c.body:
            without_text.append(c)
        new.append(
            Statement(
                district_id=process.district_id,
                process=process,
                author_id=people.get(c.author_id),
                text=c.body,
                external_id=c.comment_id,
                visibility=Visibility.HIDDEN if hidden else Visibility.VISIBLE,
                hidden_reason=(reason if c.moderated_out else no_text) if hidden else "",
            )
        )
    Statement.objects.bulk_create(new, batch_size=BATCH)
    if new:
        existing = dict(Statement.objects.filter(process=process).values_list("external_id", "pk"))
    hidden_count = sum(1 for s in new if s.visibility == Visibility.HIDDEN)
    return _Written(existing, len(new)), hidden_count, sorted(without_text, key=lambda c: c.line)


def _votes(
    process: Process, export: polis.PolisExport, statements: dict[str, int], people: dict[str, int]
) -> tuple[int, int]:
    """Create the votes not there yet; change those whose latest value in the export differs."""
    existing = {
        (statement_id, participant_id): (pk, vote)
        for pk, statement_id, participant_id, vote in StatementVote.objects.filter(
            statement__process=process
        ).values_list("pk", "statement_id", "participant_id", "vote")
    }
    district_id = process.district_id
    new: list[StatementVote] = []
    changed: list[StatementVote] = []
    for v in export.votes:
        key = (statements[v.comment_id], people[v.voter_id])
        current = existing.get(key)
        if current is None:
            new.append(
                StatementVote(
                    district_id=district_id,
                    statement_id=key[0],
                    participant_id=key[1],
                    vote=v.value,
                    voted_at=_moment(v.voted_at),
                )
            )
        elif current[1] != v.value:
            changed.append(StatementVote(pk=current[0], vote=v.value, voted_at=_moment(v.voted_at)))
    StatementVote.objects.bulk_create(new, batch_size=BATCH)
    StatementVote.objects.bulk_update(changed, ["vote", "voted_at"], batch_size=500)
    if new or changed:  # the stored counts of the statements (bulk writes bypass cast_vote)
        recount_votes(statements.values())
    return len(new), len(changed)
