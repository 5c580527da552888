"""The privacy statement's list of processing (``legal/processing.py``) against the code.

A model that holds personal data and is named by no purpose, a purpose naming a
model that no longer exists, or a cookie the pages set that the list does not
name: each fails here, so the statement stays true when features change.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.test.utils import isolate_apps
from django.urls import reverse

from kreiskurs.legal.processing import HOLDS_PERSONAL_DATA, named_cookies, named_models, purposes
from tests import factories


def holds_personal_data(model: type[models.Model]) -> bool:
    """A link to an account or a participant, an e-mail or IP address field, or a known case."""
    if model._meta.label in HOLDS_PERSONAL_DATA:
        return True
    people = {apps.get_model(settings.AUTH_USER_MODEL), apps.get_model("participation", "Participant")}
    for field in model._meta.get_fields():
        if not field.concrete:
            continue
        if field.is_relation and field.related_model in people:
            return True
        if isinstance(field, models.EmailField | models.GenericIPAddressField):
            return True
    return False


def personal_data_models() -> set[str]:
    return {m._meta.label for m in apps.get_models() if holds_personal_data(m)}


def test_every_model_with_personal_data_is_named_by_a_purpose() -> None:
    missing = personal_data_models() - named_models()
    assert not missing, (
        f"models holding personal data that the privacy statement does not name: {sorted(missing)} "
        "— add them to a purpose in kreiskurs/legal/processing.py"
    )


def test_every_named_model_exists() -> None:
    for label in named_models():
        apps.get_model(label)  # raises LookupError for a model that is gone or misspelt


def test_the_check_sees_the_models_the_issue_names() -> None:
    """Accounts, participants, consent records, rate-limit hashes, login attempts and the audit log."""
    found = personal_data_models()
    assert {
        "accounts.User",
        "participation.Participant",
        "participation.Consent",
        "accounts.RateWindow",
        "axes.AccessAttempt",
        "axes.AccessFailureLog",
        "audit.AuditEntry",
        "accounts.Session",
    } <= found
    assert "territory.District" not in found and "strategy.Goal" not in found


@isolate_apps("kreiskurs.legal")
def test_a_new_model_with_personal_data_is_noticed() -> None:
    participant = apps.get_model("participation", "Participant")

    class Newsletter(models.Model):
        subscriber = models.ForeignKey(participant, on_delete=models.CASCADE)

        def __str__(self) -> str:
            return str(self.pk)

    class Greeting(models.Model):
        text = models.CharField(max_length=10)

        def __str__(self) -> str:
            return self.text

    assert holds_personal_data(Newsletter) and Newsletter._meta.label not in named_models()
    assert not holds_personal_data(Greeting)


def test_every_purpose_says_what_why_on_which_basis_and_how_long() -> None:
    keys = [p.key for p in purposes()]
    assert len(keys) == len(set(keys))
    for purpose in purposes():
        for name in ("title", "data", "purpose", "basis", "retention"):
            assert str(getattr(purpose, name)).strip(), f"{purpose.key}.{name} is empty"


@pytest.mark.django_db
def test_every_cookie_the_pages_set_is_named(client: Client, settings: Any) -> None:
    """A crawl of the main pages, a login and a language switch; every cookie seen is in the list."""
    settings.KREISKURS_FORM_MIN_SECONDS = 0
    district = factories.DistrictFactory()
    factories.adopted_strategy(district, measures=1)
    process = factories.running_process(district, pseudonymous=True)
    user = factories.UserFactory()
    seen: set[str] = set()
    pages = [
        reverse("portal:index"),
        reverse("portal:district", args=[district.slug]),
        reverse("portal:measures", args=[district.slug]),
        reverse("participation:processes", args=[district.slug]),
        reverse("participation:process", args=[district.slug, process.pk]),
        reverse("participation:join", args=[district.slug, process.pk]),
        reverse("accounts:register"),
        reverse("accounts:login"),
        *(reverse("legal:page", args=[kind]) for kind in ("impressum", "datenschutz", "barrierefreiheit")),
        reverse("legal:district_page", args=[district.slug, "leichte-sprache"]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        seen |= set(response.cookies)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": factories.PASSWORD})
    assert response.status_code == 302
    seen |= set(response.cookies)
    seen |= set(client.get(reverse("portal:language", args=["en"]) + "?next=/").cookies)

    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME} <= seen
    assert seen <= named_cookies(), f"cookies the privacy statement does not name: {sorted(seen - named_cookies())}"


def test_the_participation_purpose_names_the_self_declarations_participants_have() -> None:
    """Whom one speaks for, the municipality of residence and the age band are named with their purpose:
    the representativeness analysis, in aggregate, never under 5 people (decision 0029, superseding 0023's "until").

    A new self-declaration on ``Participant`` fails here until the statement names it.
    """
    participant = apps.get_model("participation", "Participant")
    stored = {f.name for f in participant._meta.concrete_fields}
    assert stored == {
        "id",
        "district",
        "user",
        "display_name",
        "municipality",
        "age_band",
        "actor_group",
        "daily_digest",
        "origin_process",
        "external_id",
        "created_at",
    }, "Participant's fields changed: say in the participation purpose what is stored and why"
    participation = next(p for p in purposes() if p.key == "participation")
    data, why = str(participation.data), str(participation.purpose)
    assert "für wen Sie sprechen" in data and "welche Gruppen" in why
    assert "Wohnort (Gemeinde)" in data and "Altersgruppe" in data
    assert "wie repräsentativ die Beteiligung ist" in why and "nie für weniger als 5 Personen" in why
    assert "fragen wir nicht ab" not in why
