"""The working draft stays private: no public route shows its content to anonymous visitors.

The test walks the whole URLconf, so a new route is checked without anyone
remembering to add it here: every GET route is requested as an anonymous
visitor with its path parameters filled from a district whose open draft
contains a marker (a new measure, a changed measure, a new goal and field, the
vision), and participation processes attached to that draft. A route with a
path parameter the test cannot fill fails the test, so it must be taught the
new parameter.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from kreiskurs.accounts.models import Role
from kreiskurs.initiatives.services import save_initiative
from kreiskurs.monitoring.models import Indicator
from kreiskurs.monitoring.services import save_indicator, set_indicator_links
from kreiskurs.participation.models import Idea, Visibility
from kreiskurs.participation.services import moderation
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure
from tests import factories

pytestmark = pytest.mark.django_db

MARKER = "Geheimmarke7731"

#: routes that must answer 200 to an anonymous visitor in this fixture: the walk is only
#: meaningful when it reached the pages that render version content
MUST_VISIT = {
    "portal:district",
    "portal:measures",
    "portal:measure",
    "portal:goal",
    "portal:field",
    "portal:versions",
    "portal:document",
    "portal:municipality",
    "portal:alignment",
    "monitoring:indicators",
    "monitoring:indicator",
    "participation:processes",
    "participation:process",
    "participation:draft",
    "participation:priorities",
    "participation:idea",
    "api:get_strategy",
    "api:list_versions",
    "api:list_processes",
    "api:list_baseline",
    "api:table_csv",
}

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


def _routes(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), namespace + (pattern.name or "")


@pytest.fixture
def district_with_marked_draft() -> dict[str, Any]:
    adopted = factories.adopted_strategy(measures=2)
    district = adopted.district
    municipality = factories.MunicipalityFactory(district=district)
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    strategy_services.update_version_text(
        by=None,
        version=draft,
        values={"vision_title": f"Leitbild {MARKER}", "vision_text": f"Unser neues Leitbild {MARKER}."},
        expected_revision=None,
    )
    field = factories.add_field(draft, "HF9", title=f"Feld {MARKER}", description=MARKER)
    goal = factories.add_goal(draft, "Z9", title=f"Ziel {MARKER}", description=MARKER, field=field)
    new_measure = factories.add_measure(
        draft,
        "M9",
        fields=[field],
        goals=[goal],
        title=f"Maßnahme {MARKER}",
        summary=f"Profil {MARKER}",
        objectives=MARKER,
        lead_person=f"Frau {MARKER}",
        digital_check_note=f"Intern {MARKER}",
    )
    changed = Measure.objects.get(version=draft, code="M1")
    strategy_services.update_element(
        by=None, obj=changed, values={"title": f"Geändert {MARKER}"}, expected_revision=None
    )
    processes = {
        kind: factories.running_process(district, kind=kind, version=draft)
        for kind in ("commenting", "prioritisation", "ideas", "statements", "survey")
    }
    participant = factories.participant(district, factories.UserFactory())
    idea = Idea.objects.create(
        district=district,
        process=processes["ideas"],
        author=participant,
        title="Eine Idee",
        text="Text",
        visibility=Visibility.VISIBLE,
    )
    # rows of other apps that point at draft elements by lineage
    moderation.set_idea_status(by=None, idea=idea, status="taken", reason="Aufgenommen", measure=new_measure)
    indicator = save_indicator(
        by=None,
        district=district,
        indicator=Indicator(),
        values={"code": "IND1", "name": "Anteil digitaler Anträge"},
        expected_revision=None,
    )
    set_indicator_links(by=None, indicator=indicator, goals=[goal.lineage], measures=[new_measure.lineage])
    save_initiative(
        by=None,
        municipality=municipality,
        initiative=None,
        title="Eigener Ansatz",
        description="Text",
        status="running",
        goals=[goal],
        fields=[field],
    )
    return {
        "district": district,
        "draft": draft,
        "municipality": municipality,
        "processes": processes,
        "idea": idea,
        "lineages": [
            str(new_measure.lineage),
            str(changed.lineage),
            str(goal.lineage),
            str(field.lineage),
            str(Goal.objects.get(version=adopted).lineage),
            str(FieldOfAction.objects.get(version=adopted).lineage),
        ],
        "measure_pks": [new_measure.pk, changed.pk],
    }


def _candidates(data: dict[str, Any]) -> dict[str, list[str]]:
    district = data["district"]
    process_pks = [str(p.pk) for p in data["processes"].values()]
    any_ids = ["1", *process_pks, *(str(pk) for pk in data["measure_pks"])]
    return {
        "slug": [district.slug],
        "key": [district.key],
        "pk": [*process_pks, *(str(pk) for pk in data["measure_pks"]), str(uuid.uuid4())],
        "process_id": process_pks,
        "idea_pk": [str(data["idea"].pk)],
        "lineage": data["lineages"],
        "number": ["1", "2"],
        "old": ["1", "2"],  # the comparison document: from version old to version new
        "new": ["2", "1"],
        "job_id": [str(uuid.uuid4())],
        "municipality_slug": [data["municipality"].slug],
        "municipality": [str(data["municipality"].pk)],
        "language": ["de"],
        "kind": ["idea", "comment", "measures", "goals", "fields", "values", "stakeholders"],
        "code": ["IND1", "D1"],
        "name": ["massnahmen", "indikatoren", "messwerte"],  # the open-data tables (CSV is text, so markers show)
        "fmt": ["csv"],
        "table": ["measures", "indicators", "measurements"],  # the API's names of the same tables
        "uidb64": ["MQ"],  # account pages: a reset link's account id, any link's token
        "token": ["set-password", "erfunden"],
        **{
            name: any_ids
            for name in (
                "object_id",
                "report_pk",
                "phase_pk",
                "assessment",
                "proposal",
                "statement",
                "survey_pk",
                "survey_id",
                "suggestion_pk",
                "question_pk",
                "event_pk",
                "body_pk",
                "membership_pk",
                "model",
                "dimension",
                "measure_pk",
            )
        },
    }


def _paths(route: str, name: str, candidates: dict[str, list[str]]) -> list[str]:
    """Concrete paths for ``route`` (at most a few dozen), each resolving to the route itself."""
    names = [m.group("name") for m in PARAMETER.finditer(route)]
    missing = [n for n in names if n not in candidates]
    assert not missing, f"{name} ({route}): teach this test a value for {missing}"
    paths = []
    for values in itertools.islice(itertools.product(*(candidates[n] for n in names)), 60):
        filled = dict(zip(names, values, strict=True))
        path = "/" + PARAMETER.sub(lambda m, filled=filled: filled[m.group("name")], route).lstrip("^").rstrip("$")
        try:
            match = resolve(path.split("?")[0])
        except Resolver404:
            continue
        if match.view_name == name:
            paths.append(path)
    return paths


def test_no_public_route_shows_the_working_draft(district_with_marked_draft: dict[str, Any]) -> None:
    """Anonymous visitors never see draft content, on any page, export or API route."""
    data = district_with_marked_draft
    candidates = _candidates(data)
    anonymous = Client()
    visited: set[str] = set()
    leaks: list[str] = []
    login = resolve_url(settings.LOGIN_URL)
    for route, name in _routes(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue  # Django's admin: staff only, behind its own login
        for i, path in enumerate(_paths(route, name, candidates)):
            first = i == 0
            response = anonymous.get(path)
            if first and response.status_code == 302 and response["Location"].startswith(login):
                break  # behind the login: the other parameter values end there too
            queries = ["?version=2", "?version=1", "?von=1&bis=2", "?version=2&format=json"] if first else []
            for answer in [response, *(anonymous.get(path + query) for query in queries)]:
                if answer.status_code != 200:
                    continue
                visited.add(name)
                body = b"".join(answer.streaming_content) if answer.streaming else answer.content
                if MARKER.encode() in body:
                    leaks.append(f"{name}: {answer.wsgi_request.get_full_path()}")
    assert not leaks, "the working draft is public on:\n" + "\n".join(leaks)
    assert visited >= MUST_VISIT, f"not reached: {sorted(MUST_VISIT - visited)}"


def test_members_of_the_district_preview_the_draft_on_the_same_pages(
    district_with_marked_draft: dict[str, Any],
) -> None:
    """The marker is reachable: the district's members see the draft where participants will see it once released."""
    data = district_with_marked_draft
    slug = data["district"].slug
    team = Client()
    team.force_login(factories.member(data["district"], Role.STRATEGY_TEAM))
    for kind, page in (("commenting", "entwurf"), ("prioritisation", "prioritaeten")):
        response = team.get(f"/{slug}/beteiligung/{data['processes'][kind].pk}/{page}/")
        assert response.status_code == 200 and MARKER in response.content.decode()
    assert MARKER in team.get(f"/{slug}/versionen/2/").content.decode()
