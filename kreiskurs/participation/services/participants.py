"""Taking part with minimal data; consent; one's own data export and deletion (DSGVO Art. 15, 17, 20)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kreiskurs.actors.models import ActorGroup
from kreiskurs.following.models import Kind
from kreiskurs.following.selectors import follows_of
from kreiskurs.territory.models import District, Municipality

from ..models import (
    AbuseReport,
    Comment,
    Consent,
    FieldAssignment,
    Idea,
    MeasureRating,
    Participant,
    PendingMail,
    Process,
    Statement,
    StatementVote,
    Support,
    SurveyResponse,
    Visibility,
)
from ..protection import RateLimited, check_rate
from ..text import clean_line
from . import analysis, opinion, representativeness
from .statements import recount_votes

CONSENT_PURPOSE = "participation"
#: the consent text participants agree to; versioned by its wording (stored with each consent)
CONSENT_TEXT = _(
    "Ich bin einverstanden, dass der Kreis meine Beiträge unter meinem Anzeigenamen veröffentlicht und für die "
    "Digitalstrategie auswertet. Die freiwillige Angabe, für wen ich spreche, dient nur dazu zu sehen, welche "
    "Gruppen erreicht wurden, und wird nie einzeln veröffentlicht. Meine freiwilligen Angaben zu Wohnort (Gemeinde) "
    "und Altersgruppe dienen nur der Auswertung, wie repräsentativ die Beteiligung ist; sie werden nur "
    "zusammengefasst gezeigt, nie unter 5 Personen. Ich kann sie unter „Meine Daten“ ändern oder entfernen, "
    "meine Daten jederzeit herunterladen und mein Konto samt Daten löschen."
)


@transaction.atomic
def join(
    *,
    district: District,
    user: Any | None,
    display_name: str,
    consent: bool,
    actor_group: ActorGroup | None = None,
    municipality: Municipality | None = None,
    age_band: str = "",
    address: str | None = None,
) -> Participant:
    """Become a participant of ``district``: a display name and consent suffice.

    The municipality of residence (one of the district's) and the age band are
    optional self-declarations for the representativeness analysis only.

    Rate-limited per account, and per address for people without one (a new
    pseudonym for every comment would otherwise dodge the other limits).
    """
    if user is not None or address:
        try:
            check_rate(
                district=district,
                kind="join",
                account=f"user:{user.pk}" if user is not None else "",
                address=address,
            )
        except RateLimited:
            raise ValidationError(_("Zu viele Anmeldungen in kurzer Zeit. Bitte versuchen Sie es später.")) from None
    if not consent:
        raise ValidationError({"consent": _("Ohne Einwilligung ist eine Teilnahme nicht möglich.")})
    if actor_group is not None and actor_group.district_id != district.pk:
        raise ValidationError({"actor_group": _("Die Gruppe gehört nicht zu diesem Kreis.")})
    _check_municipality(district, municipality)
    if user is not None and Participant.objects.filter(district=district, user=user).exists():
        raise ValidationError(_("Sie nehmen in diesem Kreis bereits teil."))
    participant = Participant(
        district=district,
        user=user,
        display_name=clean_line(display_name),
        actor_group=actor_group,
        municipality=municipality,
        age_band=age_band or "",
    )
    participant.full_clean()
    participant.save()
    Consent.objects.create(district=district, participant=participant, purpose=CONSENT_PURPOSE, text=str(CONSENT_TEXT))
    return participant


def _check_municipality(district: District, municipality: Municipality | None) -> None:
    if municipality is not None and municipality.district_id != district.pk:
        raise ValidationError({"municipality": _("Die Gemeinde gehört nicht zu diesem Kreis.")})


@transaction.atomic
def update_profile(*, participant: Participant, values: dict[str, Any]) -> Participant:
    """Change one's display name, digest setting and self-declarations; an empty declaration removes it."""
    allowed = {"display_name", "actor_group", "municipality", "age_band", "daily_digest"}
    if "municipality" in values:
        _check_municipality(participant.district, values["municipality"])
    for name, value in values.items():
        if name in allowed:
            if name == "display_name":
                value = clean_line(value)
            elif name == "age_band":
                value = value or ""
            setattr(participant, name, value)
    participant.full_clean()
    participant.save()
    return participant


def export_data(participants: list[Participant], user: Any | None = None) -> dict[str, Any]:
    """Everything stored about a person's participation, as JSON-ready data (Art. 15/20 DSGVO)."""

    def stamp(value: Any) -> str | None:
        return value.isoformat() if value else None

    out: dict[str, Any] = {"exported_at": timezone.now().isoformat(), "participations": []}
    for p in participants:
        out["participations"].append(
            {
                "district": p.district.name,
                "display_name": p.display_name,
                "actor_group": p.actor_group.name if p.actor_group else None,
                "municipality": p.municipality.name if p.municipality else None,
                "age_band": p.get_age_band_display() if p.age_band else None,
                "daily_digest": p.daily_digest,
                "joined_at": stamp(p.created_at),
                "consents": [
                    {"purpose": c.purpose, "text": c.text, "given_at": stamp(c.given_at)} for c in p.consents.all()
                ],
                "ideas": [
                    {
                        "process": i.process.title,
                        "title": i.title,
                        "text": i.text,
                        "status": i.get_status_display(),
                        "visibility": i.get_visibility_display(),
                        "created_at": stamp(i.created_at),
                    }
                    for i in Idea.objects.filter(author=p).select_related("process")
                ],
                "comments": [
                    {"process": c.process.title, "text": c.text, "created_at": stamp(c.created_at)}
                    for c in Comment.objects.filter(author=p).select_related("process")
                ],
                "statements": [
                    {"process": s.process.title, "text": s.text, "created_at": stamp(s.created_at)}
                    for s in Statement.objects.filter(author=p).select_related("process")
                ],
                "votes": [
                    {"statement": v.statement.text, "vote": v.get_vote_display(), "voted_at": stamp(v.voted_at)}
                    for v in StatementVote.objects.filter(participant=p).select_related("statement")
                ],
                "supported_ideas": [s.idea.title for s in Support.objects.filter(participant=p).select_related("idea")],
                "reports": [
                    {"process": r.process.title, "reason": r.reason, "created_at": stamp(r.created_at)}
                    for r in AbuseReport.objects.filter(reporter=p).select_related("process")
                ],
                "measure_ratings": [
                    {"measure": str(r.measure_lineage), "value": r.value}
                    for r in MeasureRating.objects.filter(participant=p)
                ],
                "survey_responses": [
                    {
                        "survey": r.survey.title,
                        "submitted_at": stamp(r.submitted_at),
                        "answers": [
                            {
                                "question": a.question.text,
                                "answer": a.choice.text if a.choice else a.value if a.value is not None else a.text,
                            }
                            for a in r.answers.select_related("question", "choice")
                        ],
                    }
                    for r in SurveyResponse.objects.filter(participant=p).select_related("survey")
                ],
            }
        )
    if user is not None:
        follows = follows_of(user)  # kreiskurs.following: processes, measures and goals
        out["following"] = [f["title"] for f in follows if f["kind"] == str(Kind.PROCESS.label)]
        out["following_by_mail"] = follows
        out["waiting_for_digest"] = [
            {"subject": m.subject, "body": m.body, "created_at": stamp(m.created_at)}
            for m in PendingMail.objects.filter(user=user)
        ]
    return out


@transaction.atomic
def forget(*, participants: list[Participant], keep_contributions: bool, user: Any | None = None) -> None:
    """Delete a person's participation data; their texts are removed, or kept without any link to them.

    Votes, support, ratings and survey answers are always removed with the
    person unless the contributions are kept, in which case they stay as
    anonymous counts (no link to any person remains). Removing never takes
    other people's contributions along: a text others have answered, supported
    or voted on is emptied and marked as deleted instead.
    """
    for p in participants:
        texts: list[QuerySet[Any]] = [
            Idea.objects.filter(author=p),
            Comment.objects.filter(author=p),
            Statement.objects.filter(author=p),
        ]
        if keep_contributions:
            for qs in texts:
                qs.update(author=None)
            SurveyResponse.objects.filter(participant=p).update(participant=None)
            AbuseReport.objects.filter(reporter=p).update(reporter=None)
        else:
            analysed = set(Idea.objects.filter(author=p).values_list("process_id", "district_id"))
            analysed |= set(Comment.objects.filter(author=p).values_list("process_id", "district_id"))
            FieldAssignment.objects.filter(idea__author=p).update(text="")  # the example keeps no copy
            _remove_texts(p)
            for process_id, district_id in analysed:  # the text analysis keeps copies: its next run drops them
                analysis.request_analysis(process_id=process_id, district_id=district_id)
            SurveyResponse.objects.filter(participant=p).delete()
            AbuseReport.objects.filter(reporter=p).delete()
        # votes and supports carry the participant key by design (one per person): they go with the person
        voted_in = Statement.objects.filter(votes__participant=p).values("process_id")
        mapped = list(Process.objects.filter(pk__in=voted_in))
        if keep_contributions:
            _anonymise_votes(p)
        voted_on = list(StatementVote.objects.filter(participant=p).values_list("statement_id", flat=True))
        p.delete()
        if voted_on:  # the votes went with the person: the statements' stored counts follow
            recount_votes(voted_on)
        for process in mapped:  # the stored opinion map holds the person's position until it is recomputed
            opinion.note_votes_changed(process=process)
        p.district.bump_generation()  # cached public pages may show the person's texts
        representativeness.forget_kept(district_id=p.district_id)  # the kept counts included the person
    if user is not None:
        PendingMail.objects.filter(user=user).delete()
        from kreiskurs.audit.models import AuditEntry

        # the audit log names the account by its username (registration, accounts set up): that goes too
        AuditEntry.objects.filter(object_type="accounts.user", object_id=str(user.pk)).update(object_repr="–")
        user.delete()


def _remove_texts(person: Participant) -> None:
    """Delete the person's ideas, comments and statements — or, where others depend on one, empty it.

    Emptied rows lose their author, so the deletes that follow leave them alone.
    """
    from kreiskurs.audit.models import AuditEntry

    # the audit log names moderated texts by their beginning: that goes too
    for model in (Idea, Comment, Statement):
        ids = [str(pk) for pk in model.objects.filter(author=person).values_list("pk", flat=True)]
        AuditEntry.objects.filter(object_type=model._meta.label_lower, object_id__in=ids).update(object_repr="–")
    gone = {"author": None, "visibility": Visibility.HIDDEN, "hidden_reason": str(DELETED), "text": ""}
    others_comment = Comment.objects.filter(idea=OuterRef("pk")).exclude(author=person)
    others_support = Support.objects.filter(idea=OuterRef("pk")).exclude(participant=person)
    merged_here = Idea.objects.filter(merged_into=OuterRef("pk"))
    Idea.objects.filter(author=person).filter(
        Exists(others_comment) | Exists(others_support) | Exists(merged_here) | Q(measure_lineage__isnull=False)
    ).update(title="–", **gone)
    answered = Comment.objects.filter(parent=OuterRef("pk")).exclude(author=person)
    Comment.objects.filter(author=person).filter(Exists(answered)).update(**gone)
    voted = StatementVote.objects.filter(statement=OuterRef("pk")).exclude(participant=person)
    Statement.objects.filter(author=person).filter(Exists(voted)).update(**gone)
    for model in (Comment, Statement, Idea):
        model.objects.filter(author=person).delete()


#: what a removed text that others depend on shows instead
DELETED = gettext_lazy("Von der verfassenden Person gelöscht.")


def _anonymise_votes(participant: Participant) -> None:
    """Keep the person's votes, support and ratings as counts: they move to an empty stand-in.

    One stand-in per forgotten person keeps "one vote per statement" true
    without any link to who voted.
    """
    ghost = Participant.objects.create(district=participant.district, display_name="–")
    StatementVote.objects.filter(participant=participant).update(participant=ghost)
    Support.objects.filter(participant=participant).update(participant=ghost)
    MeasureRating.objects.filter(participant=participant).update(participant=ghost)
