"""A process shows its strategy version only as released for consultation, never the working draft."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.participation.forms import IdeaForm, NewProcessForm, ProcessForm
from kreiskurs.participation.models import Comment, MeasureRating
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import processes as process_services
from kreiskurs.participation.services.base import NotAllowedNow
from kreiskurs.strategy import services as strategy_services
from kreiskurs.strategy.models import FieldOfAction, Measure, StrategyVersion
from tests import factories

pytestmark = pytest.mark.django_db


def _consultation() -> tuple[StrategyVersion, StrategyVersion]:
    adopted = factories.adopted_strategy(measures=1)
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    strategy_services.update_version_text(
        by=None, version=draft, values={"vision_text": "Freigegebener Absatz."}, expected_revision=None
    )
    strategy_services.set_version_state(by=None, version=draft, state="consultation")
    return adopted, draft


def test_a_consultation_taken_back_into_draft_is_not_public_until_released_again() -> None:
    adopted, version = _consultation()
    district = adopted.district
    commenting = factories.running_process(district, kind="commenting", version=version)
    rating = factories.running_process(district, kind="prioritisation", version=version)
    draft_url = f"/{district.slug}/beteiligung/{commenting.pk}/entwurf/"
    rating_url = f"/{district.slug}/beteiligung/{rating.pk}/prioritaeten/"
    assert "Freigegebener Absatz." in Client().get(draft_url).content.decode()
    assert "Maßnahme M1" in Client().get(rating_url).content.decode()

    strategy_services.set_version_state(by=None, version=version, state="draft")
    strategy_services.update_version_text(
        by=None, version=version, values={"vision_text": "Neue Arbeitsfassung."}, expected_revision=None
    )
    measure = Measure.objects.get(version=version)
    strategy_services.update_element(by=None, obj=measure, values={"title": "Noch geheim"}, expected_revision=None)
    for url in (draft_url, rating_url):
        response = Client().get(url)
        page = response.content.decode()
        assert response.status_code == 200 and "Der Entwurf wird gerade überarbeitet" in page
        assert "Neue Arbeitsfassung." not in page and "Noch geheim" not in page and "Freigegebener" not in page

    user = factories.UserFactory()
    participant = factories.participant(district, user)
    visitor = Client()
    visitor.force_login(user)
    response = visitor.post(draft_url, factories.human_form_data(paragraph="vision:1", text="Zu früh"))
    assert response.status_code == 302 and not Comment.objects.exists()
    with pytest.raises(NotAllowedNow):
        idea_services.comment(by=user, process=commenting, participant=participant, text="x", paragraph="vision:1")
    with pytest.raises(NotAllowedNow):
        idea_services.rate_measure(
            by=user, process=rating, participant=participant, measure_lineage=measure.lineage, value=4
        )
    assert not MeasureRating.objects.exists()

    team = Client()
    team.force_login(factories.member(district, Role.STRATEGY_TEAM))
    preview = team.get(draft_url).content.decode()
    assert "Neue Arbeitsfassung." in preview and "Vorschau: nicht öffentlich" in preview

    strategy_services.set_version_state(by=None, version=version, state="consultation")
    page = Client().get(draft_url).content.decode()
    assert "Neue Arbeitsfassung." in page and "überarbeitet" not in page
    assert "Noch geheim" in Client().get(rating_url).content.decode()


def test_a_process_links_only_a_released_version() -> None:
    adopted = factories.adopted_strategy(measures=1)
    district = adopted.district
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    form = NewProcessForm(district=district)
    assert list(form.fields["version"].queryset) == [adopted]
    with pytest.raises(ValidationError) as refused:
        process_services.create_process(by=None, district=district, template="draft", title="T", version=draft)
    assert "freigegebene Version" in str(refused.value)
    process = process_services.create_process(by=None, district=district, template="draft", title="T")
    with pytest.raises(ValidationError):
        process_services.update_process(by=None, process=process, values={"version": draft})

    strategy_services.set_version_state(by=None, version=draft, state="consultation")
    assert set(NewProcessForm(district=district).fields["version"].queryset) == {adopted, draft}
    process = process_services.update_process(by=None, process=process, values={"version": draft})
    # taken back into draft: the process keeps its link, and saving other fields keeps it too
    strategy_services.set_version_state(by=None, version=draft, state="draft")
    form = ProcessForm(
        {"title": "Neu", "summary": "", "version": draft.pk, "moderation": "post"},
        district=district,
        initial={"version": process.version},
    )
    assert form.is_valid(), form.errors
    process = process_services.update_process(
        by=None, process=process, values=process_services.process_fields(form.cleaned_data)
    )
    assert process.title == "Neu" and process.version == draft


def test_the_idea_form_offers_fields_of_a_released_version_only() -> None:
    adopted = factories.adopted_strategy(measures=1)
    draft = strategy_services.start_revision(by=None, strategy=adopted.strategy)
    factories.add_field(draft, "HF9", title="Arbeitsfeld")
    process = factories.running_process(adopted.district, kind="ideas", version=draft)
    assert not IdeaForm(process=process).fields["field"].queryset.exists()
    user = factories.UserFactory()
    factories.participant(adopted.district, user)
    visitor = Client()
    visitor.force_login(user)
    assert (
        "Arbeitsfeld"
        not in visitor.get(f"/{adopted.district.slug}/beteiligung/{process.pk}/ideen/neu/").content.decode()
    )
    strategy_services.set_version_state(by=None, version=draft, state="consultation")
    assert set(IdeaForm(process=process).fields["field"].queryset) == set(FieldOfAction.objects.filter(version=draft))
