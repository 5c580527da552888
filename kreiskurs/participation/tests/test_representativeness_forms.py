"""Who took part: the two query forms of the representativeness selector count the same people (issue 12)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kreiskurs.participation.models import Process, Statement, StatementVote
from kreiskurs.participation.selectors.representativeness import representativeness
from kreiskurs.participation.services.participants import join
from tests import factories

pytestmark = pytest.mark.django_db


def test_reading_contributions_and_asking_each_person_give_the_same_tables() -> None:
    here = factories.running_process(kind="statements")
    elsewhere = factories.running_process(here.district, kind="statements")
    town = factories.MunicipalityFactory(district=here.district, name="Astadt", population=5000)
    now = timezone.now()
    for process, people in ((here, 7), (elsewhere, 3)):
        statement = Statement.objects.create(district=process.district, process=process, text="These", by_staff=True)
        for i in range(people):
            person = join(
                district=process.district,
                user=None,
                display_name=f"P{i}",
                consent=True,
                municipality=town if i % 2 else None,
                age_band="18-29" if i < 4 else "",
            )
            StatementVote.objects.create(
                district=process.district, statement=statement, participant=person, vote=1, voted_at=now
            )
    join(district=here.district, user=None, display_name="nur beigetreten", consent=True, municipality=town)
    only_here = Process.objects.filter(pk=here.pk)
    per_person = representativeness(here.district, only_here)
    from_contributions = representativeness(here.district, only_here, from_contributions=True)
    assert per_person == from_contributions
    assert per_person.people == 7  # the 3 of the other process and the one who only joined are not counted
    assert representativeness(here.district, Process.objects.filter(pk=elsewhere.pk)).people == 3
    both = Process.objects.filter(pk__in=[here.pk, elsewhere.pk])
    assert representativeness(here.district, both) == representativeness(here.district, both, from_contributions=True)
