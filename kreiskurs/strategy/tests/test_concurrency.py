"""No lost updates: the second of two concurrent saves is refused and told why."""

from __future__ import annotations

import pytest
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.core.editing import EditConflict
from kreiskurs.strategy import services
from kreiskurs.strategy.models import Measure
from tests import factories

pytestmark = pytest.mark.django_db


def test_stale_revision_is_refused_with_the_other_persons_changes() -> None:
    draft = factories.strategy_with_draft()
    measure = factories.add_measure(draft, "M1", fields=[factories.add_field(draft)])
    anna, ben = factories.UserFactory(display_name="Anna"), factories.UserFactory(display_name="Ben")
    opened = measure.revision  # both open the form at this revision
    services.update_element(by=anna, obj=measure, values={"title": "Annas Titel"}, expected_revision=opened)
    with pytest.raises(EditConflict) as excinfo:
        services.update_element(by=ben, obj=measure, values={"summary": "Bens Text"}, expected_revision=opened)
    entries = excinfo.value.entries
    assert [(e.actor, e.changes) for e in entries] == [(anna, {"title": ["Maßnahme M1", "Annas Titel"]})]
    measure.refresh_from_db()
    assert (measure.title, measure.summary) == ("Annas Titel", "Kurzbeschreibung")


def _post_measure(client: Client, draft, measure: Measure, **changes: str) -> object:  # type: ignore[no-untyped-def]
    field = measure.fields_of_action.get()
    data = {
        "code": measure.code,
        "title": measure.title,
        "summary": measure.summary,
        "fields_of_action": [field.pk],
        "measure_type": measure.measure_type,
        "priority": measure.priority,
        "phase": measure.phase,
        "digital_check": measure.digital_check,
        "funding": measure.funding,
        "origin": measure.origin,
        "reporting_interval": measure.reporting_interval,
        "weight": measure.weight,
        "revision": measure.revision,
        "gemeinden-TOTAL_FORMS": "0",
        "gemeinden-INITIAL_FORMS": "0",
        "kriterien-TOTAL_FORMS": "0",
        "kriterien-INITIAL_FORMS": "0",
        "meilensteine-TOTAL_FORMS": "0",
        "meilensteine-INITIAL_FORMS": "0",
        **changes,
    }
    return client.post(f"/{draft.district.slug}/verwaltung/massnahmen/{measure.pk}/", data, follow=True)


def test_second_save_over_http_is_refused_and_shows_the_first_change() -> None:
    draft = factories.strategy_with_draft()
    measure = factories.add_measure(draft, "M1", fields=[factories.add_field(draft)])
    first, second = Client(), Client()
    first.force_login(
        factories.member(
            draft.district,
            Role.STRATEGY_TEAM,
        )
    )
    second.force_login(factories.member(draft.district, Role.STRATEGY_TEAM))
    stale = Measure.objects.get(pk=measure.pk)  # what the second person loaded

    response = _post_measure(first, draft, measure, title="Erster Titel")
    assert "wurde gespeichert" in response.content.decode()

    response = _post_measure(second, draft, stale, summary="Zweite Beschreibung")
    body = response.content.decode()
    assert "Nicht gespeichert" in body
    assert "Erster Titel" in body  # the other person's change is shown
    assert "Zweite Beschreibung" in body  # and the own input is kept in the form
    measure.refresh_from_db()
    assert (measure.title, measure.summary) == ("Erster Titel", "Kurzbeschreibung")
