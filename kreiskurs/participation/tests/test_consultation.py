"""A version in consultation: deadline, comparison, paragraphs marked as changed, forms that close with it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from kreiskurs.participation.models import Comment, MeasureRating
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import processes as process_services
from kreiskurs.participation.services.base import NotAllowedNow
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import Measure, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


def consultation(until: dt.date | None = None) -> tuple[StrategyVersion, StrategyVersion]:
    """An adopted version 1 and version 2 in consultation with one changed measure and a new vision paragraph."""
    adopted = factories.adopted_strategy(measures=2)
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    strategy_services.update_version_text(
        by=None, version=draft, values={"vision_text": "Neuer Absatz."}, expected_revision=None
    )
    changed = Measure.objects.get(version=draft, code="M1")
    strategy_services.update_element(by=None, obj=changed, values={"title": "Geändert"}, expected_revision=None)
    strategy_services.set_version_state(by=None, version=draft, state="consultation", until=until)
    return adopted, StrategyVersion.objects.get(pk=draft.pk)


def test_anonymous_visitors_compare_the_consultation_with_the_adopted_version() -> None:
    adopted, _version = consultation()
    response = Client().get(f"/{adopted.district.slug}/versionen/vergleich/?von=1&bis=2")
    assert response.status_code == 200
    assert "Geändert" in response.content.decode()


def test_the_deadline_is_shown_and_cannot_lie_in_the_past() -> None:
    until = timezone.localdate() + dt.timedelta(days=30)
    adopted, version = consultation(until=until)
    assert version.consultation_until == until
    page = Client().get(f"/{adopted.district.slug}/versionen/").content.decode()
    assert f"Beteiligung bis {until:%d.%m.%Y}" in page
    strategy_services.set_version_state(by=None, version=version, state="draft")
    with pytest.raises(ValidationError, match="Vergangenheit"):
        strategy_services.set_version_state(
            by=None, version=version, state="consultation", until=timezone.localdate() - dt.timedelta(days=1)
        )


def test_changed_paragraphs_are_marked_on_the_commenting_page() -> None:
    adopted, version = consultation()
    process = factories.running_process(adopted.district, kind="commenting", version=version)
    page = Client().get(f"/{adopted.district.slug}/beteiligung/{process.pk}/entwurf/").content.decode()
    changed = Measure.objects.get(version=version, code="M1")
    same = Measure.objects.get(version=version, code="M2")
    marked = page.split('id="measure', 1)[1]
    assert page.count(">geändert<") == 2  # the vision paragraph and M1
    assert "M1 Geändert <span" in marked and f"M2 {same.title}</h2>" in marked
    assert "?von=1&amp;bis=2" in page and str(changed.lineage) in page


def test_commenting_and_prioritising_attach_only_to_a_version_in_consultation() -> None:
    adopted, version = consultation()
    for template in ("draft", "prioritise"):
        with pytest.raises(ValidationError, match="nur zu einer Version in Beteiligung"):
            process_services.create_process(
                by=None, district=adopted.district, template=template, title="T", version=adopted
            )
        assert (
            process_services.create_process(
                by=None, district=adopted.district, template=template, title="T", version=version
            ).version
            == version
        )
    # other kinds of process may still point at the adopted version (ideas for the next revision)
    assert (
        process_services.create_process(
            by=None, district=adopted.district, template="ideas", title="T", version=adopted
        ).version
        == adopted
    )


def test_comment_and_rate_are_refused_once_the_version_is_adopted() -> None:
    adopted, version = consultation()
    district = adopted.district
    commenting = factories.running_process(district, kind="commenting", version=version, pseudonymous=True)
    rating = factories.running_process(district, kind="prioritisation", version=version, pseudonymous=True)
    person = factories.participant(district)
    measure = Measure.objects.get(version=version, code="M2")
    idea_services.comment(by=None, process=commenting, participant=person, text="Gut", paragraph="vision:1")
    idea_services.rate_measure(by=None, process=rating, participant=person, measure_lineage=measure.lineage, value=4)

    strategy_services.adopt_version(
        by=None, version=version, body="kreistag", date=timezone.localdate(), reference="SV-2", settle=True
    )
    # adoption closed the processes (their phases end today) ...
    with pytest.raises(NotAllowedNow):
        idea_services.comment(by=None, process=commenting, participant=person, text="Zu spät", paragraph="vision:1")
    with pytest.raises(NotAllowedNow):
        idea_services.rate_measure(
            by=None, process=rating, participant=person, measure_lineage=measure.lineage, value=1
        )
    # ... and even where a phase still runs, an adopted version takes no comments and ratings
    late_commenting = factories.running_process(district, kind="commenting", version=version, pseudonymous=True)
    late_rating = factories.running_process(district, kind="prioritisation", version=version, pseudonymous=True)
    with pytest.raises(NotAllowedNow, match="beendet"):
        idea_services.comment(
            by=None, process=late_commenting, participant=person, text="Zu spät", paragraph="vision:1"
        )
    with pytest.raises(NotAllowedNow, match="beendet"):
        idea_services.rate_measure(
            by=None, process=late_rating, participant=person, measure_lineage=measure.lineage, value=1
        )
    assert Comment.objects.count() == 1 and MeasureRating.objects.get().value == 4
    page = Client().get(f"/{district.slug}/beteiligung/{late_commenting.pk}/entwurf/").content.decode()
    assert "Die Beteiligung zu dieser Fassung ist beendet" in page and 'name="paragraph"' not in page
    page = Client().get(f"/{district.slug}/beteiligung/{late_rating.pk}/prioritaeten/").content.decode()
    assert 'name="measure"' not in page


def test_comments_after_the_deadline_are_refused_and_the_page_offers_no_form() -> None:
    adopted, version = consultation(until=timezone.localdate())
    StrategyVersion.objects.filter(pk=version.pk).update(consultation_until=timezone.localdate() - dt.timedelta(days=1))
    process = factories.running_process(adopted.district, kind="commenting", version=version, pseudonymous=True)
    person = factories.participant(adopted.district)
    with pytest.raises(NotAllowedNow, match="beendet"):
        idea_services.comment(by=None, process=process, participant=person, text="Spät", paragraph="vision:1")
