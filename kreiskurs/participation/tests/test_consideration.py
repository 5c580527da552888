"""The consideration (Abwägung): responses to contributions, the public table, downloads, the API, adoption."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from kreiskurs.accounts.models import Role
from kreiskurs.core.editing import EditConflict
from kreiskurs.participation.models import Consideration, Process, Visibility
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import moderation
from kreiskurs.participation.services.consideration import respond_to_contribution
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Measure, StrategyVersion, VersionState
from tests import factories

from .test_consultation import consultation

pytestmark = pytest.mark.django_db


def count_queries(fn: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def _setup() -> tuple[StrategyVersion, Process, list]:
    adopted, version = consultation()
    process = factories.running_process(adopted.district, kind="commenting", version=version, pseudonymous=True)
    user = factories.UserFactory(email="anna@example.org")
    registered = factories.participant(adopted.district, user, name="Anna")
    pseudonym = factories.participant(adopted.district, name="Kiebitz")
    comments = [
        idea_services.comment(
            by=user, process=process, participant=registered, text="Mehr Tempo", paragraph="vision:1"
        ),
        idea_services.comment(by=None, process=process, participant=pseudonym, text="Gut so", paragraph="vision:1"),
        idea_services.comment(
            by=None, process=process, participant=pseudonym, text="Beleidigung", paragraph="vision:1"
        ),
    ]
    return version, process, comments


def test_a_response_is_recorded_audited_and_mailed_to_a_confirmed_author() -> None:
    version, process, (first, second, _third) = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    measure = Measure.objects.get(version=version, code="M1")
    response = respond_to_contribution(
        by=team,
        contribution=first,
        decision="adopted",
        reason="Zeitplan gestrafft.",
        change_key=f"measure:{measure.lineage}",
        expected_revision=0,
    )
    assert (response.decision, response.change_version, response.revision) == ("adopted", version, 1)
    respond_to_contribution(by=team, contribution=second, decision="noted", reason="Danke.", expected_revision=0)
    # the registered author with a confirmed address gets a mail; the pseudonymous one reads it on the page
    assert [(m.to, "übernommen" in m.subject) for m in mail.outbox] == [(["anna@example.org"], True)]
    with pytest.raises(EditConflict):
        respond_to_contribution(by=team, contribution=first, decision="noted", reason="Anders.", expected_revision=0)
    with pytest.raises(ValidationError, match="Stelle"):
        respond_to_contribution(
            by=team, contribution=second, decision="partly", reason="x", change_key="measure:nope", expected_revision=0
        )
    with pytest.raises(ValidationError, match="begründen"):
        respond_to_contribution(by=team, contribution=second, decision="partly", reason="  ", expected_revision=1)
    from kreiskurs.audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="consider", actor=team).count() == 2


def test_the_public_table_shows_responses_but_never_hidden_text_and_downloads_match() -> None:
    _version, process, (_first, second, third) = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    moderation.moderate(by=team, obj=third, visibility=Visibility.HIDDEN, reason="Beleidigung")
    respond_to_contribution(
        by=team, contribution=second, decision="noted", reason="Danke für die Zustimmung.", expected_revision=0
    )
    base = f"/{process.district.slug}/beteiligung/{process.pk}/abwaegung/"
    page = Client().get(base).content.decode()
    assert "Danke für die Zustimmung." in page and "zur Kenntnis genommen" in page
    assert "Abwägung steht aus" in page and "Mehr Tempo" in page
    assert "Beleidigung" not in page and "1 Beitrag wurde von der Moderation ausgeblendet" in page
    csv_text = Client().get(base + "abwaegung.csv").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Nr.;Art;Stelle;Beitrag")
    assert "Danke für die Zustimmung." in csv_text and "Beleidigung" not in csv_text
    book = load_workbook(io.BytesIO(Client().get(base + "abwaegung.xlsx").content))
    cells = [[c.value for c in row] for row in book.active.iter_rows()]
    assert cells[0][0] == "Nr." and len(cells) == 3
    assert any(row[6] == "zur Kenntnis genommen" for row in cells[1:])


def test_a_formula_in_a_contribution_stays_text_in_the_downloads() -> None:
    _version, process, _comments = _setup()
    person = factories.participant(process.district, name="Formel")
    idea_services.comment(by=None, process=process, participant=person, text="=HYPERLINK(1)", paragraph="vision:1")
    base = f"/{process.district.slug}/beteiligung/{process.pk}/abwaegung/"
    assert "'=HYPERLINK(1)" in Client().get(base + "abwaegung.csv").content.decode("utf-8-sig")


def test_the_back_office_lists_contributions_without_response_and_saves_one() -> None:
    _version, process, (first, _second, _third) = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    client = Client()
    client.force_login(team)
    url = f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/abwaegung/"
    page = client.get(url + "?offen=1").content.decode()
    assert "3 Beiträge warten auf eine Antwort" in page
    respond = f"{url}comment/{first.pk}/?offen=1"
    prefix = f"comment-{first.pk}"
    response = client.post(
        respond, {f"{prefix}-decision": "rejected", f"{prefix}-reason": "Passt nicht.", f"{prefix}-revision": "0"}
    )
    assert response.status_code == 302
    assert Consideration.objects.get(comment=first).decision == "rejected"
    page = client.get(url + "?offen=1").content.decode()
    assert "2 Beiträge warten auf eine Antwort" in page and "Mehr Tempo" not in page
    steering = Client()
    steering.force_login(factories.member(process.district, Role.STEERING))
    assert steering.get(url).status_code == 404


def test_adoption_lists_open_items_refuses_then_settles_them() -> None:
    version, process, _comments = _setup()
    district = process.district
    with pytest.raises(ValidationError) as refused:
        strategy_services.adopt_version(
            by=None, version=version, body="kreistag", date=timezone.localdate(), reference="SV-2"
        )
    message = " ".join(refused.value.messages)
    assert process.title in message and "3 Beiträge warten auf die Abwägung" in message
    assert StrategyVersion.objects.get(pk=version.pk).state == VersionState.CONSULTATION
    with pytest.raises(ValidationError, match="Zukunft"):
        strategy_services.adopt_version(
            by=None,
            version=version,
            body="kreistag",
            date=timezone.localdate() + dt.timedelta(days=1),
            reference="SV-2",
            settle=True,
        )
    strategy_services.adopt_version(
        by=None, version=version, body="kreistag", date=timezone.localdate(), reference="SV-2", settle=True
    )
    assert Process.objects.closed().filter(pk=process.pk).exists()
    assert process.phases.get().end <= timezone.now()
    # the contributions keep waiting for their response; the back office still lists them
    from kreiskurs.participation.selectors.consideration import awaiting_response

    assert awaiting_response(Process.objects.filter(pk=process.pk)) == 3
    assert district.pk


def test_open_join_requests_carry_over_to_the_adopted_version() -> None:
    from kreiskurs.strategy.models import Enrolment
    from kreiskurs.strategy.selectors import participations_of

    adopted = factories.adopted_strategy(measures=1)
    measure = Measure.objects.get(version=adopted)
    municipality = factories.MunicipalityFactory(district=adopted.district)
    Measure.objects.filter(pk=measure.pk).update(join_needs_confirmation=True)
    measure.refresh_from_db()
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    request = strategy_services.request_enrolment(by=None, measure=measure, municipality=municipality, kind="join")
    strategy_services.adopt_version(by=None, version=draft, body="kreistag", date=timezone.localdate(), reference="2")
    request.refresh_from_db()
    assert request.version_id == draft.pk and request.state == Enrolment.State.REQUESTED
    new_measure = Measure.objects.get(version=draft)
    pending = participations_of([new_measure])[new_measure.pk]
    assert [(p.municipality.pk, p.pending) for p in pending] == [(municipality.pk, True)]


def test_the_api_serves_the_consideration_without_hidden_text() -> None:
    _version, process, (first, _second, third) = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    moderation.moderate(by=team, obj=third, visibility=Visibility.HIDDEN, reason="Beleidigung")
    respond_to_contribution(by=team, contribution=first, decision="partly", reason="Teilweise.", expected_revision=0)
    process.published = True
    process.save()
    body = Client().get(f"/api/v1/processes/{process.pk}/consideration/").json()
    assert (body["answered"], body["awaiting"], body["hidden"]) == (1, 1, 1)
    assert [r["decision"] for r in body["rows"]] == ["partly", ""]
    assert "Beleidigung" not in str(body)
    assert Client().get("/api/v1/processes/999999/consideration/").status_code == 404
    schema = Client().get("/api/v1/openapi.json").json()
    responses = schema["paths"]["/api/v1/processes/{process_id}/consideration/"]["get"]["responses"]
    assert set(responses) == {"200", "400", "404", "422"}  # 422: a process id that is no number


@pytest.mark.parametrize("path", ["", "abwaegung.csv", "api"])
def test_query_count_does_not_grow_with_rows(path: str) -> None:
    version, process, comments = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    url = (
        f"/api/v1/processes/{process.pk}/consideration/"
        if path == "api"
        else f"/{process.district.slug}/beteiligung/{process.pk}/abwaegung/{path}"
    )
    measure = Measure.objects.get(version=version, code="M1")
    respond_to_contribution(
        by=team,
        contribution=comments[0],
        decision="adopted",
        reason="Ja.",
        change_key=f"measure:{measure.lineage}",
        expected_revision=0,
    )
    small = count_queries(lambda: Client().get(url))
    person = factories.participant(process.district, name="Viele")
    for n in range(15):
        row = idea_services.comment(by=None, process=process, participant=person, text=f"K {n}", paragraph="vision:1")
        respond_to_contribution(
            by=team,
            contribution=row,
            decision="adopted",
            reason="Ja.",
            change_key=f"measure:{measure.lineage}",
            expected_revision=0,
        )
    assert count_queries(lambda: Client().get(url)) == small


def test_the_adoption_page_lists_what_is_open_and_adopts_only_with_the_confirmation() -> None:
    version, process, _comments = _setup()
    district = process.district
    client = Client()
    client.force_login(factories.member(district, Role.STRATEGY_TEAM))
    url = f"/{district.slug}/verwaltung/versionen/{version.pk}/beschliessen/"
    page = client.get(url).content.decode()
    assert "Vor dem Beschluss ist noch offen" in page and "3 Beiträge warten auf die Abwägung" in page
    data = {"body": "kreistag", "date": timezone.localdate().isoformat(), "reference": "SV-2", "url": ""}
    refused = client.post(url, data)
    assert refused.status_code == 200 and "Vor dem Beschluss ist noch offen" in refused.content.decode()
    assert StrategyVersion.objects.get(pk=version.pk).state == VersionState.CONSULTATION
    future = client.post(url, {**data, "date": "2099-01-01", "settle": "on"})
    assert "Zukunft" in future.content.decode()
    assert client.post(url, {**data, "settle": "on"}).status_code == 302
    assert StrategyVersion.objects.get(pk=version.pk).state == VersionState.ADOPTED


def test_another_districts_team_cannot_open_the_work_list() -> None:
    _version, process, (first, _second, _third) = _setup()
    other = Client()
    other.force_login(factories.member(factories.DistrictFactory(), Role.STRATEGY_TEAM))
    url = f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/abwaegung/"
    assert other.get(url).status_code == 404
    assert other.post(f"{url}comment/{first.pk}/", {}).status_code == 404
    assert not Consideration.objects.exists()


def test_the_public_table_never_shows_the_text_of_a_version_taken_back_into_draft() -> None:
    version, process, (first, _second, _third) = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    measure = Measure.objects.get(version=version, code="M1")
    respond_to_contribution(
        by=team,
        contribution=first,
        decision="adopted",
        reason="Aufgenommen.",
        change_key=f"measure:{measure.lineage}",
        expected_revision=0,
    )
    strategy_services.set_version_state(by=None, version=version, state="draft")
    measure = Measure.objects.get(pk=measure.pk)
    strategy_services.update_element(by=None, obj=measure, values={"title": "Noch geheim"}, expected_revision=None)
    strategy_services.update_version_text(
        by=None,
        version=StrategyVersion.objects.get(pk=version.pk),
        values={"vision_text": "Geheimer Absatz."},
        expected_revision=None,
    )
    base = f"/{process.district.slug}/beteiligung/{process.pk}/abwaegung/"
    for url in (base, base + "abwaegung.csv", f"/api/v1/processes/{process.pk}/consideration/"):
        body = Client().get(url).content.decode("utf-8-sig")
        assert "Noch geheim" not in body and "Geheimer Absatz" not in body and "Aufgenommen." in body
    staff = Client()
    staff.force_login(team)
    page = staff.get(f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/abwaegung/").content.decode()
    assert "Noch geheim" in page


def test_the_work_list_query_count_does_not_grow_with_rows() -> None:
    _version, process, comments = _setup()
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    client = Client()
    client.force_login(team)
    url = f"/{process.district.slug}/verwaltung/beteiligung/{process.pk}/abwaegung/"
    respond_to_contribution(by=team, contribution=comments[0], decision="noted", reason="Ja.", expected_revision=0)
    client.get(url)  # the session and the permission caches
    small = count_queries(lambda: client.get(url))
    person = factories.participant(process.district, name="Viele")
    for n in range(12):
        row = idea_services.comment(by=None, process=process, participant=person, text=f"K {n}", paragraph="vision:1")
        respond_to_contribution(by=team, contribution=row, decision="noted", reason="Ja.", expected_revision=0)
    assert count_queries(lambda: client.get(url)) == small
