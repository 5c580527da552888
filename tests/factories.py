"""factory_boy factories for tests (no JSON fixtures)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from kreiskurs.accounts.models import Membership, Role, User
from kreiskurs.actors.models import ActorGroup, Stakeholder
from kreiskurs.strategy import services
from kreiskurs.strategy.models import FieldOfAction, Goal, Measure, Strategy, StrategyVersion
from kreiskurs.territory.models import District, MunicipalAssociation, Municipality

PASSWORD = "test-passwort-123"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Testkreis {n}")
    slug = factory.Sequence(lambda n: f"testkreis-{n}")
    type_code = 44
    seat = "Kreisstadt"
    land_key = "09"
    land_name = "Bayern"
    population = 100000
    area_km2 = Decimal("500.00")
    reference_date = dt.date(2023, 11, 30)


class AssociationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MunicipalAssociation

    district = factory.SubFactory(DistrictFactory)
    key = factory.LazyAttributeSequence(lambda o, n: f"{o.district.key}{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Verband {n}")
    type_code = 50


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    district = factory.SubFactory(DistrictFactory)
    association = factory.SubFactory(AssociationFactory, district=factory.SelfAttribute("..district"))
    ags = factory.LazyAttributeSequence(lambda o, n: f"{o.district.key}{n % 1000:03d}")
    ars = factory.LazyAttribute(lambda o: f"{o.ags[:5]}{o.association.key[5:]}{o.ags[5:]}")
    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    slug = factory.Sequence(lambda n: f"gemeinde-{n}")
    type_code = 64
    population = 5000
    area_km2 = Decimal("40.00")
    postcode = "12345"
    reference_date = dt.date(2023, 11, 30)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    # an address given to the factory counts as confirmed (tests of confirmation pass None)
    email_confirmed_at = factory.LazyAttribute(lambda user: timezone.now() if getattr(user, "email", "") else None)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()


def member(district: District, role: str, **extra: Any) -> User:
    """A new user holding ``role`` in ``district``."""
    user = UserFactory()
    Membership.objects.create(user=user, district=district, role=role, **extra)
    return user


def strategy_with_draft(district: District | None = None, *, by: Any = None) -> StrategyVersion:
    """A district's strategy with its empty draft version 1."""
    district = district or DistrictFactory()
    strategy: Strategy = services.create_strategy(by=by, district=district)
    return strategy.versions.get()


def add_field(version: StrategyVersion, code: str = "HF1", **values: Any) -> FieldOfAction:
    values.setdefault("title", f"Feld {code}")
    return services.create_element(by=None, version=version, model=FieldOfAction, values={"code": code, **values})


def add_goal(version: StrategyVersion, code: str = "Z1", **values: Any) -> Goal:
    values.setdefault("title", f"Ziel {code}")
    return services.create_element(by=None, version=version, model=Goal, values={"code": code, **values})


def add_measure(
    version: StrategyVersion,
    code: str = "M1",
    *,
    fields: list[FieldOfAction] | None = None,
    goals: list[Goal] | None = None,
    **values: Any,
) -> Measure:
    values.setdefault("title", f"Maßnahme {code}")
    values.setdefault("summary", "Kurzbeschreibung")
    return services.create_element(
        by=None,
        version=version,
        model=Measure,
        values={"code": code, **values},
        m2m={"fields_of_action": fields or [], "goals": goals or []},
    )


def adopted_strategy(district: District | None = None, *, measures: int = 3) -> StrategyVersion:
    """A strategy whose version 1 is adopted, with one field, one goal and some measures."""
    version = strategy_with_draft(district)
    field = add_field(version)
    goal = add_goal(version, field=field)
    for i in range(measures):
        add_measure(version, f"M{i + 1}", fields=[field], goals=[goal])
    return services.adopt_version(
        by=None,
        version=version,
        body="kreistag",
        date=dt.date(2024, 3, 20),
        reference="SV-1",
    )


class ActorGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorGroup

    district = factory.SubFactory(DistrictFactory)
    name = factory.Sequence(lambda n: f"Gruppe {n}")


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    district = factory.SubFactory(DistrictFactory)
    group = factory.SubFactory(ActorGroupFactory, district=factory.SelfAttribute("..district"))
    name = factory.Sequence(lambda n: f"Organisation {n}")


__all__ = ["PASSWORD", "Role"]


# --- participation ------------------------------------------------------------------------------


def running_process(
    district: District | None = None,
    *,
    kind: str = "ideas",
    pseudonymous: bool = False,
    moderation: str = "post",
    version: StrategyVersion | None = None,
    published: bool = True,
) -> Any:
    """A published process whose only phase (of ``kind``) runs from yesterday to next week."""
    from django.utils import timezone

    from kreiskurs.participation.models import Phase, Process

    district = district or DistrictFactory()
    process = Process.objects.create(
        district=district,
        title=f"Verfahren {kind}",
        template="ideas",
        moderation=moderation,
        allow_pseudonymous=pseudonymous,
        published=published,
        version=version,
    )
    now = timezone.now()
    Phase.objects.create(
        district=district,
        process=process,
        kind=kind,
        title=kind,
        start=now - dt.timedelta(days=1),
        end=now + dt.timedelta(days=7),
    )
    return process


def participant(district: District, user: Any = None, name: str = "Anna") -> Any:
    from kreiskurs.participation.services.participants import join

    return join(district=district, user=user, display_name=name, consent=True)


def human_form_data(**data: Any) -> dict[str, Any]:
    """POST data for a bot-protected form, stamped as if shown ten seconds ago."""
    from django.utils import timezone

    from kreiskurs.botcheck import STAMP, form_stamp

    return {STAMP: form_stamp(timezone.now() - dt.timedelta(seconds=10)), **data}


def session_form_data(client: Any, **data: Any) -> dict[str, Any]:
    """POST data for a form whose stamp is bound to the session (registration): a stamp issued to
    ``client``'s session as if the form had been shown ten seconds ago, good for one submission."""
    from django.utils import timezone

    from kreiskurs.botcheck import STAMP, form_stamp

    session = client.session
    stamp = form_stamp(timezone.now() - dt.timedelta(seconds=10), session=session)
    session.save()
    return {STAMP: stamp, **data}
