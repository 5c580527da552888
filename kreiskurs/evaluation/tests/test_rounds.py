"""Evaluation rounds through services and HTTP: suggestions from real data, ratings, proposals into a draft."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.audit.models import AuditEntry
from kreiskurs.core.editing import EditConflict
from kreiskurs.evaluation import services
from kreiskurs.evaluation.models import Assessment, ChangeProposal, EvaluationRound
from kreiskurs.monitoring.models import Indicator, IndicatorLink, Measurement
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.comparison import compare_versions
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure, StrategyVersion, VersionState
from tests import factories

pytestmark = pytest.mark.django_db


def adopted(measures: int = 2) -> StrategyVersion:
    """Version 1 adopted: HF1, Z1, M1 (2024–2025, reported 60 %) and M2 (no dates)."""
    draft = factories.strategy_with_draft()
    field = factories.add_field(draft)
    goal = factories.add_goal(draft, field=field)
    factories.add_measure(
        draft, "M1", fields=[field], goals=[goal], start=dt.date(2024, 1, 1), end=dt.date(2025, 12, 31)
    )
    for i in range(2, measures + 1):
        factories.add_measure(draft, f"M{i}", fields=[field], goals=[goal])
    version = strategy_services.adopt_version(
        by=None,
        version=draft,
        body="kreistag",
        date=dt.date(2024, 1, 10),
        reference="1",
    )
    m1 = Measure.objects.get(version=version, code="M1")
    strategy_services.record_status_report(
        by=None, measure=m1, date=dt.date(2024, 12, 1), phase="rollout", progress=60, text="läuft"
    )
    return version


def open_round(version: StrategyVersion, **kw: Any) -> EvaluationRound:
    kw.setdefault("title", "Evaluation 2024")
    kw.setdefault("period_start", dt.date(2024, 1, 1))
    kw.setdefault("period_end", dt.date(2024, 12, 31))
    return services.open_round(by=None, version=version, **kw)


def test_opening_a_round_suggests_a_rating_for_every_element() -> None:
    version = adopted()
    goal = Goal.objects.get(version=version)
    indicator = Indicator.objects.create(
        district=version.district,
        code="I1",
        name="Online-Dienste",
        baseline_value=Decimal(20),
        baseline_date=dt.date(2023, 1, 1),
        target_value=Decimal(80),
        target_date=dt.date(2027, 1, 1),
    )
    IndicatorLink.objects.create(district=version.district, indicator=indicator, kind="goal", lineage=goal.lineage)
    for period, start, value in [("2024", dt.date(2024, 1, 1), 30), ("2025", dt.date(2025, 1, 1), 70)]:
        Measurement.objects.create(
            district=version.district, indicator=indicator, period=period, period_start=start, value=value
        )
    evaluation = open_round(version)
    ratings = {(a.kind, a.rating) for a in evaluation.assessments.all()}
    assert Assessment.objects.filter(round=evaluation).count() == 4  # goal, field, two measures
    # M1: 60 % at 2024-12-31, expected 366/730 = 50.1 % → on track; M2 has no dates
    m1 = evaluation.assessments.get(lineage=Measure.objects.get(version=version, code="M1").lineage)
    assert (m1.rating, m1.suggested, m1.confirmed) == ("on_track", "on_track", False)
    assert "Fortschritt 60 %" in m1.basis
    # goal from I1 as of the period's end (2025's value does not count): 30 → 16.7 % of the way at 50 % of the time
    assert ("goal", "off_track") in ratings
    # field: M1 on track, M2 not assessable → 1 of 1
    assert ("field", "on_track") in ratings
    assert ("measure", "not_assessable") in ratings


def test_only_adopted_versions_are_evaluated() -> None:
    draft = factories.strategy_with_draft()
    with pytest.raises(ValidationError, match="beschlossene"):
        open_round(draft)
    with pytest.raises(ValidationError):
        open_round(adopted(), period_start=dt.date(2025, 1, 1), period_end=dt.date(2024, 1, 1))


def test_rating_overrides_the_suggestion_is_audited_and_refuses_lost_updates() -> None:
    evaluation = open_round(adopted())
    a = evaluation.assessments.filter(kind="measure").first()
    assert a is not None
    saved = services.assess(
        by=None, assessment=a, rating="at_risk", rationale="Verzug in zwei Gemeinden", expected_revision=a.revision
    )
    assert (saved.rating, saved.suggested, saved.confirmed) == ("at_risk", a.suggested, True)
    assert AuditEntry.objects.for_object(saved).filter(action="assess").exists()
    with pytest.raises(EditConflict):
        services.assess(by=None, assessment=a, rating="off_track", rationale="", expected_revision=a.revision)


def test_overriding_the_suggestion_needs_a_reason_confirming_it_does_not() -> None:
    """The service refuses an override without a reason; the form says so next to the field."""
    from kreiskurs.evaluation.forms import AssessmentForm

    evaluation = open_round(adopted())
    a = evaluation.assessments.get(lineage=Measure.objects.get(version=evaluation.version, code="M1").lineage)
    other = "achieved" if a.suggested != "achieved" else "off_track"
    with pytest.raises(ValidationError, match="begründen") as refused:
        services.assess(by=None, assessment=a, rating=other, rationale="  ", expected_revision=a.revision)
    assert "rationale" in refused.value.message_dict
    a.refresh_from_db()
    assert (a.rating, a.confirmed) == (a.suggested, False)
    confirmed = services.assess(by=None, assessment=a, rating=a.suggested, rationale="", expected_revision=None)
    assert confirmed.confirmed and confirmed.rating == a.suggested
    form = AssessmentForm({"x-rating": other, "x-rationale": ""}, prefix="x", suggested=a.suggested)
    assert not form.is_valid() and "begründen" in str(form.errors["rationale"])
    assert AssessmentForm({"x-rating": a.suggested}, prefix="x", suggested=a.suggested).is_valid()


def page_data(evaluation: EvaluationRound) -> dict[str, Any]:
    """The round page's rating form as the browser sends it, unchanged."""
    return {
        f"a{a.pk}-{name}": value
        for a in evaluation.assessments.all()
        for name, value in (("rating", a.rating), ("rationale", a.rationale), ("revision", a.revision))
    }


def test_the_round_page_saves_all_rows_in_one_go_or_none() -> None:
    """One submit, one service call: an invalid row saves nothing and is named; a valid page saves every row."""
    evaluation = open_round(adopted())
    team = client_for(factories.member(evaluation.district, Role.STRATEGY_TEAM))
    url = f"/{evaluation.district.slug}/verwaltung/evaluation/{evaluation.pk}/bewertungen/"
    m1, m2 = (
        evaluation.assessments.get(lineage=Measure.objects.get(version=evaluation.version, code=c).lineage)
        for c in ("M1", "M2")
    )
    other = {s: "achieved" if s != "achieved" else "off_track" for s in (m1.suggested, m2.suggested)}
    data = page_data(evaluation)
    data.update({f"a{m1.pk}-rating": other[m1.suggested], f"a{m1.pk}-rationale": "Begründet"})
    data.update({f"a{m2.pk}-rating": other[m2.suggested], f"a{m2.pk}-rationale": ""})  # override without reason
    before = AuditEntry.objects.count()
    response = team.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nichts gespeichert" in body and f'href="#a{m2.pk}">M2 ' in body and f'href="#a{m1.pk}"' not in body
    assert "Bitte begründen Sie die Bewertung." in body and "Begründet" in body  # input kept
    assert not Assessment.objects.filter(round=evaluation, confirmed=True).exists()
    assert AuditEntry.objects.count() == before
    # the service itself refuses the whole set, naming the row
    with pytest.raises(ValidationError) as refused:
        services.assess_round(
            by=None,
            evaluation=evaluation,
            entries=[
                services.RatingEntry(m1.pk, other[m1.suggested], "Begründet"),
                services.RatingEntry(m2.pk, other[m2.suggested], ""),
            ],
        )
    assert list(refused.value.message_dict) == [str(m2.pk)]
    assert not Assessment.objects.filter(round=evaluation, confirmed=True).exists()
    data[f"a{m2.pk}-rationale"] = "Auch begründet"
    response = team.post(url, data)
    assert response.status_code == 302
    rows = {a.pk: a for a in Assessment.objects.filter(round=evaluation)}
    assert rows[m1.pk].rating == other[m1.suggested] and rows[m2.pk].rationale == "Auch begründet"
    assert all(a.confirmed for a in rows.values())  # saving the page reviews every row
    assert team.post(url, page_data(evaluation)).status_code == 302  # unchanged rows are left as they are
    assert AuditEntry.objects.filter(action="assess").count() == len(rows)


def test_publishing_needs_findings_and_freezes_the_round() -> None:
    evaluation = open_round(adopted())
    with pytest.raises(ValidationError, match="Ergebnisse"):
        services.publish_round(by=None, evaluation=evaluation)
    services.update_findings(by=None, evaluation=evaluation, findings="Gute Fortschritte.", expected_revision=1)
    published = services.publish_round(by=None, evaluation=evaluation)
    assert published.state == "published" and published.published_at
    a = evaluation.assessments.first()
    assert a is not None
    with pytest.raises(ValidationError, match="veröffentlicht"):
        services.assess(by=None, assessment=a, rating="achieved", rationale="", expected_revision=None)


def propose(
    evaluation: EvaluationRound, kind: str, lineage: Any, action: str, title: str = "Vorschlag"
) -> ChangeProposal:
    return services.propose_change(
        by=None,
        evaluation=evaluation,
        kind=kind,
        lineage=lineage,
        action=action,
        title=title,
        change="Was sich ändert",
        reason="Befund",
    )


def test_accepted_proposals_go_into_a_new_draft_and_show_in_the_comparison() -> None:
    version = adopted(measures=3)
    evaluation = open_round(version)
    m2 = Measure.objects.get(version=version, code="M2")
    field = FieldOfAction.objects.get(version=version)
    retire = propose(evaluation, "measure", m2.lineage, "retire", "M2 streichen")
    new = propose(evaluation, "field", field.lineage, "new_measure", "Digitale Sprechstunde")
    change = propose(evaluation, "", None, "change", "Leitbild schärfen")
    rejected = propose(evaluation, "measure", m2.lineage, "change", "Anders machen")

    decided = services.decide_proposal(by=None, proposal=retire, accept=True)
    draft = decided.applied_version
    assert draft is not None and draft.state == VersionState.DRAFT and draft.based_on == version
    services.decide_proposal(by=None, proposal=new, accept=True)
    services.decide_proposal(by=None, proposal=change, accept=True, note="Im Workshop ausarbeiten")
    with pytest.raises(ValidationError, match="Ablehnung"):
        services.decide_proposal(by=None, proposal=rejected, accept=False)
    services.decide_proposal(by=None, proposal=rejected, accept=False, note="Nicht belegt")
    with pytest.raises(ValidationError, match="bereits entschieden"):
        services.decide_proposal(by=None, proposal=rejected, accept=True)

    assert StrategyVersion.objects.filter(strategy=version.strategy).count() == 2  # one draft for all
    codes = set(Measure.objects.filter(version=draft).values_list("code", flat=True))
    assert codes == {"M1", "M3", "E1"}
    added = Measure.objects.get(version=draft, code="E1")
    assert (added.title, added.origin, list(added.fields_of_action.values_list("code", flat=True))) == (
        "Digitale Sprechstunde",
        "evaluation",
        ["HF1"],
    )
    draft.refresh_from_db()
    assert "Leitbild schärfen (Evaluation 2024)" in draft.change_summary
    diff = {k.key: k for k in compare_versions(version, draft).kinds}
    assert [m.code for m in diff["measures"].removed] == ["M2"]
    assert [m.code for m in diff["measures"].added] == ["E1"]
    assert ChangeProposal.objects.get(pk=rejected.pk).applied_version is None


def test_accepting_into_a_version_in_consultation_is_refused_and_changes_nothing() -> None:
    version = adopted()
    evaluation = open_round(version)
    draft = strategy_services.start_revision(by=None, strategy=version.strategy)
    strategy_services.set_version_state(by=None, version=draft, state="consultation")
    m2 = Measure.objects.get(version=version, code="M2")
    proposal = propose(evaluation, "measure", m2.lineage, "retire")
    with pytest.raises(ValidationError, match="Beteiligung"):
        services.decide_proposal(by=None, proposal=proposal, accept=True)
    proposal.refresh_from_db()
    assert proposal.state == "proposed"
    assert Measure.objects.filter(version=draft, lineage=m2.lineage).exists()


def test_a_retirement_the_draft_cannot_take_rolls_back_whole() -> None:
    version = adopted()
    evaluation = open_round(version)
    field = FieldOfAction.objects.get(version=version)
    proposal = propose(evaluation, "field", field.lineage, "retire")
    with pytest.raises(ValidationError, match="zugeordnet"):
        services.decide_proposal(by=None, proposal=proposal, accept=True)
    assert StrategyVersion.objects.filter(strategy=version.strategy).count() == 1  # no half-made draft
    assert ChangeProposal.objects.get(pk=proposal.pk).state == "proposed"


def test_proposals_must_name_elements_of_the_evaluated_version() -> None:
    evaluation = open_round(adopted())
    foreign = Measure.objects.get(version=adopted(), code="M1")
    with pytest.raises(ValidationError, match="bewerteten Version"):
        propose(evaluation, "measure", foreign.lineage, "change")
    with pytest.raises(ValidationError):
        propose(evaluation, "", None, "retire")
    assert not ChangeProposal.objects.exists()


# --- HTTP ------------------------------------------------------------------------------------


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_run_a_round_over_http_and_the_public_sees_it_once_published() -> None:
    version = adopted()
    district = version.district
    slug = district.slug
    team = client_for(factories.member(district, Role.STRATEGY_TEAM))
    response = team.post(
        f"/{slug}/verwaltung/evaluation/",
        {"title": "Evaluation 2024", "period_start": "2024-01-01", "period_end": "2024-12-31"},
    )
    evaluation = EvaluationRound.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/evaluation/{evaluation.pk}/")
    report_url = f"/{slug}/evaluation/{evaluation.pk}/"
    assert Client().get(report_url).status_code == 404  # not published yet
    assert team.get(report_url).status_code == 200  # preview for members
    a = evaluation.assessments.get(kind="field")
    data = page_data(evaluation)
    data.update({f"a{a.pk}-rating": "at_risk", f"a{a.pk}-rationale": "Zu langsam"})
    response = team.post(f"/{slug}/verwaltung/evaluation/{evaluation.pk}/bewertungen/", data)
    assert response.status_code == 302 and response["Location"].endswith(f"/evaluation/{evaluation.pk}/")
    assert Assessment.objects.get(pk=a.pk).rating == "at_risk"
    steering = client_for(factories.member(district, Role.STEERING))
    assert steering.post(f"/{slug}/verwaltung/evaluation/{evaluation.pk}/bewertungen/", data).status_code == 404
    response = steering.post(
        f"/{slug}/verwaltung/evaluation/{evaluation.pk}/vorschlaege/",
        {"element": f"field:{a.lineage}", "action": "new_measure", "title": "Neue Idee", "change": "c", "reason": ""},
    )
    assert response.status_code == 200 and "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert 'value="Neue Idee"' in response.content.decode()  # input kept
    response = steering.post(
        f"/{slug}/verwaltung/evaluation/{evaluation.pk}/vorschlaege/",
        {"element": f"field:{a.lineage}", "action": "new_measure", "title": "Neue Idee", "change": "c", "reason": "r"},
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    decide_url = f"/{slug}/verwaltung/evaluation/{evaluation.pk}/vorschlaege/{proposal.pk}/entscheidung/"
    assert steering.post(decide_url, {f"p{proposal.pk}-accept": "1"}).status_code == 404
    assert team.post(decide_url, {f"p{proposal.pk}-accept": "1"}).status_code == 302
    team.post(f"/{slug}/verwaltung/evaluation/{evaluation.pk}/ergebnisse/", {"findings": "Befunde", "revision": "1"})
    team.post(f"/{slug}/verwaltung/evaluation/{evaluation.pk}/veroeffentlichen/")
    public = Client().get(report_url).content.decode()
    assert "Befunde" in public and "gefährdet" in public and "Neue Idee" in public and "angenommen" in public
    assert "Evaluation 2024" in Client().get(f"/{slug}/evaluation/").content.decode()
    printed = Client().get(f"{report_url}druck/").content.decode()
    assert "Befunde" in printed and "Als PDF speichern" in printed


def test_other_districts_never_reach_a_round() -> None:
    version = adopted()
    evaluation = open_round(version)
    services.update_findings(by=None, evaluation=evaluation, findings="x", expected_revision=None)
    services.publish_round(by=None, evaluation=evaluation)
    other_team = client_for(factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM))
    slug = version.district.slug
    assert other_team.get(f"/{slug}/verwaltung/evaluation/{evaluation.pk}/").status_code == 404
    other = factories.DistrictFactory()
    assert Client().get(f"/{other.slug}/evaluation/{evaluation.pk}/").status_code == 404


def test_report_queries_do_not_grow_with_the_strategy() -> None:
    def count(measures: int) -> int:
        version = adopted(measures=measures)
        goal = Goal.objects.get(version=version)
        for n in range(measures):
            indicator = Indicator.objects.create(district=version.district, code=f"I{n}", name=f"I{n}")
            IndicatorLink.objects.create(
                district=version.district, indicator=indicator, kind="goal", lineage=goal.lineage
            )
        evaluation = open_round(version)
        propose(evaluation, "", None, "change")
        services.update_findings(by=None, evaluation=evaluation, findings="x", expected_revision=None)
        services.publish_round(by=None, evaluation=evaluation)
        url = f"/{version.district.slug}/evaluation/{evaluation.pk}/"
        with CaptureQueriesContext(connection) as ctx:
            assert Client().get(url).status_code == 200
        return len(ctx.captured_queries)

    assert count(2) == count(12)


def test_report_counts_participation_in_the_period() -> None:
    version = adopted()
    process = factories.running_process(version.district, kind="ideas")
    from django.utils import timezone

    from kreiskurs.participation.services import ideas as idea_services

    user = factories.UserFactory()
    author = factories.participant(version.district, user)
    idea_services.submit_idea(by=user, process=process, participant=author, title="Idee", text="x")
    today = timezone.localdate()
    evaluation = open_round(version, period_start=today - dt.timedelta(days=30), period_end=today)
    services.update_findings(by=None, evaluation=evaluation, findings="x", expected_revision=None)
    services.publish_round(by=None, evaluation=evaluation)
    body = Client().get(f"/{version.district.slug}/evaluation/{evaluation.pk}/").content.decode()
    figures = body.split("Beteiligung im Zeitraum")[1].split("Änderungsvorschläge")[0]
    assert re.search(r"Beteiligungsverfahren im Zeitraum</dt><dd[^>]*>1<", figures)
    assert re.search(r"Teilnehmende mit Beiträgen</dt><dd[^>]*>1<", figures)


def test_a_published_report_keeps_its_participation_figures_and_an_open_one_counts_live() -> None:
    """Publishing counts the period's participation once; later contributions do not change the report."""
    from django.core.cache import cache
    from django.utils import timezone

    from kreiskurs.participation.services import ideas as idea_services

    version = adopted()
    process = factories.running_process(version.district, kind="ideas")
    team = factories.member(version.district, Role.STRATEGY_TEAM)

    def submit(name: str) -> None:
        user = factories.UserFactory()
        author = factories.participant(version.district, user, name=name)
        idea_services.submit_idea(by=user, process=process, participant=author, title=f"Idee {name}", text="x")

    def ideas_shown(client: Client, evaluation: EvaluationRound) -> str:
        cache.clear()
        body = client.get(f"/{version.district.slug}/evaluation/{evaluation.pk}/").content.decode()
        figures = body.split("Beteiligung im Zeitraum")[1].split("Änderungsvorschläge")[0]
        found = re.search(r"Ideen \(davon in Maßnahmen aufgenommen\)</dt><dd[^>]*>(\d+)", figures)
        assert found is not None
        return found.group(1)

    submit("Anna")
    today = timezone.localdate()
    evaluation = open_round(version, period_start=today - dt.timedelta(days=30), period_end=today)
    staff = Client()
    staff.force_login(team)
    submit("Ben")
    assert ideas_shown(staff, evaluation) == "2"  # the open round's preview counts live
    services.update_findings(by=None, evaluation=evaluation, findings="x", expected_revision=None)
    published = services.publish_round(by=None, evaluation=evaluation)
    assert published.figures["participation"]["ideas"] == 2
    submit("Cleo")
    assert ideas_shown(Client(), published) == "2"
    # the published figures are rendered once and kept; the proposals stay live
    from kreiskurs.strategy.models import StoredRendering

    assert StoredRendering.objects.filter(kind=f"evaluation:{published.pk}").count() == 1
