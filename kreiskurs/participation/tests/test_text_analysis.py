"""Text analysis in the platform: suggested duplicates and merging, themes, the suggested field and goal."""

from __future__ import annotations

import zlib
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.core.models import Job, JobState
from kreiskurs.participation.models import (
    Comment,
    DuplicateSuggestion,
    FieldAssignment,
    Idea,
    IdeaStatus,
    SuggestionState,
    Support,
    TextAnalysis,
)
from kreiskurs.participation.selectors import analysis as analysis_selectors
from kreiskurs.participation.services import analysis, duplicates, fields, moderation
from kreiskurs.participation.services import ideas as idea_services
from tests import factories

pytestmark = pytest.mark.django_db

PARKING = "Mehr Fahrradstellplätze am Bahnhof\nAm Bahnhof fehlen sichere Fahrradstellplätze für Pendler."
PARKING_AGAIN = "Fahrradstellplätze am Bahnhof\nAm Bahnhof fehlen sichere Fahrradstellplätze für die Pendler."
OTHER = "Digitale Sprechstunde im Rathaus\nTermine im Bürgerbüro sollen online buchbar sein."


def people(process: Any, *names: str) -> list[tuple[Any, Any]]:
    out = []
    for name in names:
        user = factories.UserFactory()
        out.append((user, factories.participant(process.district, user, name=name)))
    return out


def submit(process: Any, who: tuple[Any, Any], text: str) -> Idea:
    title, body = text.split("\n")
    return idea_services.submit_idea(by=who[0], process=process, participant=who[1], title=title, text=body)


def analysed(process: Any, texts: list[str], capture: Any) -> list[Idea]:
    """Submit ideas (in one transaction, as a burst) and run what their commit queues."""
    authors = people(process, *[f"P{i}" for i in range(len(texts))])
    with capture(execute=True):
        return [submit(process, who, text) for who, text in zip(authors, texts, strict=True)]


def test_merging_keeps_supports_once_per_participant_and_moves_comments() -> None:
    """The merged idea points to the target; its comments (with replies) move there; its supports move
    unless the participant already supports the target or wrote it."""
    process = factories.running_process(kind="ideas")
    anna, ben, carl, dora = people(process, "Anna", "Ben", "Carl", "Dora")
    target = submit(process, anna, PARKING)
    repeated = submit(process, ben, PARKING_AGAIN)
    for who in (carl, dora, anna):
        idea_services.toggle_support(by=who[0], idea=repeated, participant=who[1])
    idea_services.toggle_support(by=carl[0], idea=target, participant=carl[1])
    top = idea_services.comment(by=dora[0], process=process, participant=dora[1], text="Ja!", idea=repeated)
    idea_services.comment(by=ben[0], process=process, participant=ben[1], text="Danke", parent=top)
    moderation.set_idea_status(by=None, idea=repeated, status=IdeaStatus.MERGED, reason="gleich", merged_into=target)
    repeated.refresh_from_db()
    assert repeated.merged_into == target and repeated.status == IdeaStatus.MERGED
    assert set(Support.objects.filter(idea=target).values_list("participant__display_name", flat=True)) == {
        "Carl",
        "Dora",
    }
    assert not Support.objects.filter(idea=repeated).exists()
    assert list(Comment.objects.filter(idea=target).values_list("text", flat=True)) == ["Ja!", "Danke"]


def test_a_burst_of_ideas_is_analysed_once_and_the_repetition_suggested(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """One run for the whole burst (debounced); the near-identical pair becomes one open suggestion with
    the older idea first; the unrelated idea is in none."""
    process = factories.running_process(kind="ideas")
    first, second, other = analysed(process, [PARKING, PARKING_AGAIN, OTHER], django_capture_on_commit_callbacks)
    assert Job.objects.filter(runner=analysis.RUNNER).count() == 1
    assert Job.objects.get(runner=analysis.RUNNER).state == JobState.DONE
    suggestion = DuplicateSuggestion.objects.get()
    assert (suggestion.first, suggestion.second, suggestion.state) == (first, second, SuggestionState.OPEN)
    assert not TextAnalysis.objects.get(process=process).stale
    assert analysis_selectors.duplicates_of(other) == []


def test_forgetting_a_person_drops_their_texts_from_the_stored_index(
    django_capture_on_commit_callbacks: Any,
) -> None:
    from kreiskurs.participation.services.participants import forget
    from kreiskurs.participation.textanalysis import TextIndex

    process, school, _admin, _goal, (supporter, _b) = field_world()
    gone, kept = analysed(process, [PARKING, OTHER], django_capture_on_commit_callbacks)
    idea_services.toggle_support(by=supporter[0], idea=gone, participant=supporter[1])  # so it is emptied
    fields.assign_idea_field(by=None, idea=gone, field_lineage=school.lineage, goal_lineage=None)
    assert b"Pendler" in zlib.decompress(bytes(TextAnalysis.objects.get(process=process).index_state))
    with django_capture_on_commit_callbacks(execute=True):
        forget(participants=[gone.author], keep_contributions=False)
    state = bytes(TextAnalysis.objects.get(process=process).index_state)
    assert TextIndex.from_state(state).ids == [kept.pk]
    assert b"Pendler" not in zlib.decompress(state)
    assert list(FieldAssignment.objects.filter(idea=gone).values_list("text", flat=True)) == [""]


def test_a_waiting_run_is_not_queued_twice() -> None:
    process = factories.running_process(kind="ideas")
    waiting = Job.objects.create(district=process.district, title="t", runner=analysis.RUNNER)
    TextAnalysis.objects.create(district=process.district, process=process, stale=True, job=waiting)
    assert analysis.queue_analysis(process.pk) is None
    Job.objects.filter(pk=waiting.pk).update(state=JobState.DONE)
    assert analysis.queue_analysis(process.pk) is not None


def test_an_incremental_run_suggests_only_pairs_with_the_new_idea(django_capture_on_commit_callbacks: Any) -> None:
    """A pair marked "Keine Dublette" is not suggested again when a later idea arrives; the later idea's
    own repetition is."""
    process = factories.running_process(kind="ideas")
    _first, second, _other = analysed(process, [PARKING, PARKING_AGAIN, OTHER], django_capture_on_commit_callbacks)
    duplicates.dismiss_duplicate(by=None, suggestion=DuplicateSuggestion.objects.get())
    (third,) = analysed(process, [OTHER.replace("Rathaus", "Kreishaus")], django_capture_on_commit_callbacks)
    states = dict(DuplicateSuggestion.objects.values_list("second", "state"))
    assert states == {second.pk: SuggestionState.DISMISSED, third.pk: SuggestionState.OPEN}
    assert TextAnalysis.objects.get(process=process).indexed.keys() == {str(i.pk) for i in Idea.objects.all()}


def test_merge_from_the_queue_and_404_for_others(django_capture_on_commit_callbacks: Any) -> None:
    process = factories.running_process(kind="ideas")
    first, second, _other = analysed(process, [PARKING, PARKING_AGAIN, OTHER], django_capture_on_commit_callbacks)
    suggestion = DuplicateSuggestion.objects.get()
    slug = process.district.slug
    url = f"/{slug}/verwaltung/beteiligung/moderation/dubletten/{suggestion.pk}/"
    outsider = Client()
    outsider.force_login(factories.member(process.district, Role.STEERING))
    assert outsider.get(f"/{slug}/verwaltung/beteiligung/moderation/").status_code == 404
    assert outsider.post(url, {"decision": "merge"}).status_code == 404
    moderator = Client()
    moderator.force_login(factories.member(process.district, Role.MODERATOR))
    page = moderator.get(f"/{slug}/verwaltung/beteiligung/moderation/").content.decode()
    assert f"Mögliche Dublette von „{first.title}“" in page and second.text in page
    assert "1 mögliche Dublette" in moderator.get(f"/{slug}/verwaltung/aufgaben/").content.decode()
    assert moderator.post(url, {"decision": "merge"}).status_code == 302
    second.refresh_from_db()
    suggestion.refresh_from_db()
    assert second.merged_into == first and suggestion.state == SuggestionState.MERGED
    assert suggestion.decided_by is not None and suggestion.decided_at is not None
    assert "Mögliche Dublette" not in moderator.get(f"/{slug}/verwaltung/beteiligung/moderation/").content.decode()


def test_the_queue_reads_the_same_queries_for_one_and_three_suggestions() -> None:
    process = factories.running_process(kind="ideas")
    authors = people(process, "A", "B", "C", "D", "E", "F")
    made = [submit(process, who, f"Idee {i}\nText {i}") for i, who in enumerate(authors)]
    client = Client()
    client.force_login(factories.member(process.district, Role.MODERATOR))
    url = f"/{process.district.slug}/verwaltung/beteiligung/moderation/"

    def suggest(a: Idea, b: Idea) -> None:
        DuplicateSuggestion.objects.create(district=process.district, process=process, first=a, second=b, score=0.7)

    suggest(made[0], made[1])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    suggest(made[2], made[3])
    suggest(made[4], made[5])
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).content.decode().count("Mögliche Dublette von") == 3
    assert len(three) == len(one)


def test_themes_on_the_process_page_with_links_and_bounded_queries() -> None:
    process = factories.running_process(kind="ideas")
    authors = people(process, "A", "B", "C", "D")
    made = [submit(process, who, f"Idee {i}\nText {i}") for i, who in enumerate(authors)]
    row = TextAnalysis.objects.get(process=process)  # requested by the submissions
    row.themes = [{"label": "Radverkehr und Bahnhof", "keywords": ["rad"], "members": [made[0].pk, made[1].pk]}]
    row.save()
    client = Client()
    client.force_login(factories.member(process.district, Role.STRATEGY_TEAM))
    url = f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/"
    with CaptureQueriesContext(connection) as one:
        body = client.get(url).content.decode()
    assert "Radverkehr und Bahnhof" in body
    assert f"/ideen/{made[1].pk}/" in body
    row.themes = [
        {"label": f"Thema {i}", "keywords": [], "members": [made[i].pk, made[(i + 1) % 4].pk]} for i in range(4)
    ]
    row.save()
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).content.decode().count("Thema ") >= 4
    assert len(four) == len(one)
    steering = Client()
    steering.force_login(factories.member(process.district, Role.STEERING))
    assert "Themen der Ideen" not in steering.get(url).content.decode()


def test_a_run_finds_themes_with_readable_labels(django_capture_on_commit_callbacks: Any) -> None:
    process = factories.running_process(kind="ideas")
    bikes = [
        "Radweg an der Landstraße\nEin sicherer Radweg zwischen den Dörfern fehlt.",
        "Radweg zur Schule\nKinder brauchen einen sicheren Radweg zur Schule.",
        "Radweg ausbauen\nDer Radweg am Fluss sollte ausgebaut und beleuchtet werden.",
        "Beleuchteter Radweg\nDer Radweg nach Neustadt braucht Beleuchtung.",
    ]
    online = [
        "Online-Termine im Bürgerbüro\nTermine im Bürgerbüro sollen online buchbar sein.",
        "Anträge online\nAnträge im Bürgerbüro sollen online gestellt werden können.",
        "Bürgerbüro digital\nDas Bürgerbüro soll Anträge online annehmen.",
        "Online-Anträge im Bürgerbüro\nAnträge und Termine im Bürgerbüro online erledigen.",
    ]
    made = analysed(process, bikes + online, django_capture_on_commit_callbacks)
    themes, row = analysis_selectors.themes_of(process)
    assert row is not None and row.analysed_at is not None
    assert themes and all(t.label for t in themes)
    biggest = {i.pk for i in themes[0].ideas}
    assert biggest <= {i.pk for i in made[:4]} or biggest <= {i.pk for i in made[4:]}


def field_world() -> tuple[Any, Any, Any, Any, Any]:
    version = factories.strategy_with_draft()
    school = factories.add_field(version, "HF1", title="Bildung", description="Digitale Schulen und Unterricht")
    admin = factories.add_field(version, "HF2", title="Verwaltung", description="Online-Dienste der Kreisverwaltung")
    goal = factories.add_goal(version, "Z1", title="Jede Schule mit WLAN", field=school)
    process = factories.running_process(version.district, kind="ideas", version=version)
    return process, school, admin, goal, people(process, "A", "B")


def test_a_correction_changes_the_next_suggestion_for_a_similar_text() -> None:
    """Staff correct the suggested field; a later idea in the same words gets the corrected field."""
    process, school, admin, _goal, (a, b) = field_world()
    idea = submit(process, a, "Glasfaser für das Gewerbegebiet\nSchnelles Internet für die Betriebe im Gewerbegebiet.")
    later = submit(process, b, "Glasfaser im Gewerbegebiet Nord\nDie Betriebe im Gewerbegebiet brauchen Glasfaser.")
    before = analysis_selectors.field_suggestion(later, process)
    first_choice = before.field if before else None
    corrected = admin if first_choice != admin else school
    row = fields.assign_idea_field(by=None, idea=idea, field_lineage=corrected.lineage, goal_lineage=None)
    assert row.field_lineage == corrected.lineage
    after = analysis_selectors.field_suggestion(later, process)
    assert after is not None and after.field == corrected


def test_assignments_are_kept_and_a_goal_brings_its_field() -> None:
    process, school, admin, goal, (a, _b) = field_world()
    idea = submit(process, a, "WLAN in jeder Schule\nIn allen Klassenräumen soll es WLAN geben.")
    fields.assign_idea_field(by=None, idea=idea, field_lineage=admin.lineage, goal_lineage=None)
    fields.assign_idea_field(by=None, idea=idea, field_lineage=None, goal_lineage=goal.lineage)
    idea.refresh_from_db()
    assert (idea.field_lineage, idea.goal_lineage) == (school.lineage, goal.lineage)
    assert FieldAssignment.objects.filter(idea=idea).count() == 2
    with pytest.raises(Exception, match="anderen Handlungsfeld"):
        fields.assign_idea_field(by=None, idea=idea, field_lineage=admin.lineage, goal_lineage=goal.lineage)


def test_staff_confirm_the_suggestion_in_one_step_and_moderators_may_not() -> None:
    process, school, _admin, goal, (a, _b) = field_world()
    idea = submit(process, a, "WLAN in jeder Schule\nDigitaler Unterricht braucht WLAN in jeder Schule, online.")
    slug = process.district.slug
    page = f"/{slug}/verwaltung/beteiligung/{process.pk}/ideen/{idea.pk}/"
    team = Client()
    team.force_login(factories.member(process.district, Role.STRATEGY_TEAM))
    body = team.get(page).content.decode()
    assert "Vorschlag der Textanalyse" in body and "HF1 Bildung" in body
    assert "(auch möglich: HF2 Verwaltung)" in body  # the runner-up, named
    post = {"field_lineage": str(school.lineage), "goal_lineage": str(goal.lineage)}
    moderator = Client()
    moderator.force_login(factories.member(process.district, Role.MODERATOR))
    assert moderator.post(page + "handlungsfeld/", post).status_code == 404
    assert team.post(page + "handlungsfeld/", post).status_code == 302
    row = FieldAssignment.objects.get(idea=idea)
    assert row.field_lineage == school.lineage and not row.corrected and row.assigned_by is not None
