"""Ideas, support, comments (on ideas and on draft paragraphs) and abuse reports — written by participants."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kreiskurs.accounts.types import account_of
from kreiskurs.actors.models import ActorGroup
from kreiskurs.strategy.models import FieldOfAction
from kreiskurs.territory.models import Municipality

from ..models import AbuseReport, Action, Comment, Idea, MeasureRating, Participant, Process, Statement, Support
from ..text import clean_line, clean_text
from . import analysis
from .base import initial_visibility, require_action, require_consultation, require_released_version, throttle

if TYPE_CHECKING:
    from kreiskurs.accounts.types import Actor


@transaction.atomic
def submit_idea(
    *,
    by: Actor,
    process: Process,
    participant: Participant | None,
    title: str,
    text: str,
    field: FieldOfAction | None = None,
    municipality: Municipality | None = None,
    actor_group: ActorGroup | None = None,
    address: str | None = None,
) -> Idea:
    author = require_action(user=by, process=process, action=Action.SUBMIT_IDEA, participant=participant)
    throttle(process=process, kind="idea", participant=author, address=address)
    if field is not None and (process.version_id is None or field.version_id != process.version_id):
        raise ValidationError({"field": _("Das Handlungsfeld gehört nicht zur Strategieversion des Verfahrens.")})
    if field is not None:
        require_released_version(process)
    for value in (municipality, actor_group):
        if value is not None and value.district_id != process.district_id:
            raise ValidationError(_("Die Angabe gehört nicht zu diesem Kreis."))
    idea = Idea(
        district=process.district,
        process=process,
        author=author,
        visibility=initial_visibility(process),
        title=clean_line(title),
        text=clean_text(text),
        field_lineage=field.lineage if field else None,
        municipality=municipality,
        actor_group=actor_group or author.actor_group,
    )
    idea.full_clean()
    idea.save()
    # duplicates and themes: background work once committed, debounced per process
    analysis.request_analysis(process_id=process.pk, district_id=process.district_id)
    return idea


@transaction.atomic
def toggle_support(*, by: Actor, idea: Idea, participant: Participant | None, address: str | None = None) -> bool:
    """Support an idea, or take the support back; returns whether the participant supports it now.

    An author cannot support their own idea: support counts how many others want it.
    """
    supporter = require_action(user=by, process=idea.process, action=Action.SUPPORT, participant=participant)
    throttle(process=idea.process, kind="support", participant=supporter, address=address)
    deleted, _rows = Support.objects.filter(idea=idea, participant=supporter).delete()
    if deleted:
        return False
    if idea.author_id is not None and idea.author_id == supporter.pk:
        raise ValidationError(_("Die eigene Idee können Sie nicht unterstützen."))
    try:
        with transaction.atomic():
            Support.objects.create(district=idea.district, idea=idea, participant=supporter)
    except IntegrityError:
        pass  # a parallel request of the same person already added it: one support stays one
    return True


@transaction.atomic
def comment(
    *,
    by: Actor,
    process: Process,
    participant: Participant | None,
    text: str,
    idea: Idea | None = None,
    paragraph: str = "",
    parent: Comment | None = None,
    address: str | None = None,
) -> Comment:
    """Comment on an idea or a draft paragraph, or reply to a comment (one level)."""
    action = Action.COMMENT_DRAFT if paragraph else Action.COMMENT
    author = require_action(user=by, process=process, action=action, participant=participant)
    throttle(process=process, kind="comment", participant=author, address=address)
    if idea is not None and idea.process_id != process.pk:
        raise ValidationError(_("Die Idee gehört nicht zu diesem Verfahren."))
    if parent is not None:
        if parent.process_id != process.pk:
            raise ValidationError(_("Der Kommentar gehört nicht zu diesem Verfahren."))
        if parent.parent_id is not None:
            raise ValidationError(_("Auf Antworten kann nicht weiter geantwortet werden."))
        idea, paragraph = parent.idea, parent.paragraph
    if paragraph:
        require_consultation(process)
    row = Comment(
        district=process.district,
        process=process,
        author=author,
        visibility=initial_visibility(process),
        idea=idea,
        paragraph=paragraph,
        parent=parent,
        text=clean_text(text),
    )
    row.full_clean()
    row.save()
    # repeated comments: the same debounced run as for ideas
    analysis.request_analysis(process_id=process.pk, district_id=process.district_id)
    return row


@transaction.atomic
def rate_measure(
    *,
    by: Actor,
    process: Process,
    participant: Participant | None,
    measure_lineage: uuid.UUID,
    value: int,
    address: str | None = None,
) -> MeasureRating:
    """Prioritisation: how important a measure of the process's version is (1–5); rating again replaces it."""
    rater = require_action(user=by, process=process, action=Action.RATE, participant=participant)
    throttle(process=process, kind="rating", participant=rater, address=address)
    if not 1 <= value <= 5:
        raise ValidationError(_("Die Bewertung liegt zwischen 1 und 5."))
    require_consultation(process)
    from kreiskurs.strategy.models import Measure

    if not Measure.objects.filter(version_id=process.version_id, lineage=measure_lineage).exists():
        raise ValidationError(_("Die Maßnahme gehört nicht zur Strategieversion des Verfahrens."))
    rating, _created = MeasureRating.objects.update_or_create(
        process=process,
        participant=rater,
        measure_lineage=measure_lineage,
        defaults={"value": value, "district": process.district},
    )
    return rating


REPORTABLE = {"idea": Idea, "comment": Comment, "statement": Statement}


@transaction.atomic
def report_abuse(
    *,
    by: Actor,
    process: Process,
    kind: str,
    object_id: int,
    reason: str,
    reporter: Participant | None,
    address: str | None = None,
) -> AbuseReport:
    """Anyone may flag a contribution for the moderators (registered or not); rate-limited per address."""
    model = REPORTABLE.get(kind)
    if model is None or not model._default_manager.filter(process=process, pk=object_id).exists():
        raise ValidationError(_("Diesen Beitrag gibt es in diesem Verfahren nicht."))
    account = f"user:{user.pk}" if (user := account_of(by)) else f"anon:{address}"
    from ..protection import RateLimited, check_rate

    try:
        check_rate(district=process.district, kind="report", account=account, address=address)
    except RateLimited:
        raise ValidationError(_("Zu viele Meldungen in kurzer Zeit.")) from None
    report = AbuseReport(
        district=process.district,
        process=process,
        kind=kind,
        object_id=object_id,
        reason=clean_line(reason),
        reporter=reporter,
    )
    report.full_clean()
    report.save()
    return report
