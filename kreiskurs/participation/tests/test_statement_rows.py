"""The statements page gives each votable statement its own vote form, the bot trap rendered once per page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kreiskurs.accounts.models import Role
from kreiskurs.participation.services import statements as services
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_votable_statement_has_a_form_with_its_own_trap_ids() -> None:
    process = factories.running_process(kind="statements")
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    statements = [services.add_statement(by=team, process=process, text=f"These {n}") for n in range(3)]
    user = factories.UserFactory()
    factories.participant(process.district, user, name="Anna")
    client = Client()
    client.force_login(user)
    body = client.get(f"/{process.district.slug}/beteiligung/{process.pk}/thesen/").content.decode()
    assert len(re.findall(r'<label for="s\d+-website">', body)) == 3  # one vote form per statement
    for statement in statements:
        trap = f'<label for="s{statement.pk}-website">'
        assert body.count(trap) == 1 and body.count(f'id="s{statement.pk}-website"') == 1
    assert not re.search(r'"s0-', body)


def test_visitors_read_the_order_of_the_page_along_the_index() -> None:
    """Visitors' pages (prepared, ordered by visibility along ``statement_page``) list what ``for_page``
    lists: visible statements first, hidden ones last, each group in the order of writing; pending ones
    only to their author."""
    from kreiskurs.participation.models import Statement, Visibility
    from kreiskurs.participation.selectors import statements as reads

    process = factories.running_process(kind="statements")
    author = factories.participant(process.district, name="Bea")
    states = [Visibility.HIDDEN, Visibility.VISIBLE, Visibility.PENDING, Visibility.VISIBLE, Visibility.HIDDEN] * 7
    Statement.objects.bulk_create(
        Statement(district=process.district, process=process, text=f"T{n}", visibility=state, author=author)
        for n, state in enumerate(states)
    )
    expected = list(reads.for_page(process, None, None))
    assert [s.visibility for s in expected[:14]] == [Visibility.VISIBLE] * 14
    read = [reads.page_of(process, None, None, n, 6) for n in range(1, 6)]
    pages = [page for page, _hidden in read]
    assert [s for page in pages for s in page.object_list] == expected and pages[0].paginator.count == 28
    assert reads.hidden_count(process) == 14 and {hidden for _page, hidden in read} == {14}  # with the count
    with CaptureQueriesContext(connection) as queries:
        page, hidden = reads.page_of(process, None, None, 2, 6)
        list(page.object_list)
    assert len(queries.captured_queries) == 2  # the length with the hidden ones counted, the page
    own, hidden = reads.page_of(process, author, None, 1, 50)  # the author's own pending ones too
    assert hidden == 14
    assert [s.pk for s in own.object_list] == [s.pk for s in reads.for_page(process, author, None)]
    assert len(own.object_list) == 35


def test_a_reader_gets_no_csrf_cookie_and_a_voter_gets_forms_that_post() -> None:
    """The rows are filled in Python (views/statement_rows.py): the CSRF token is asked for only where a
    row has a vote form, so reading the statements gives no cookie; a participant's forms carry the token
    the CSRF check accepts, and a vote sent with htmx answers the row alone."""
    process = factories.running_process(kind="statements")
    team = factories.member(process.district, Role.STRATEGY_TEAM)
    statement = services.add_statement(by=team, process=process, text="Mehr <Glasfaser> & WLAN")
    url = f"/{process.district.slug}/beteiligung/{process.pk}/thesen/"
    reader = Client()
    response = reader.get(url)
    assert "csrftoken" not in response.cookies and "Mehr &lt;Glasfaser&gt; &amp; WLAN" in response.content.decode()
    user = factories.UserFactory()
    factories.participant(process.district, user, name="Anna")
    voter = Client(enforce_csrf_checks=True)
    voter.force_login(user)
    body = voter.get(url).content.decode()
    token = re.search(rf'action="{url}{statement.pk}/abstimmen/".*?name="csrfmiddlewaretoken" value="([^"]+)"', body)
    assert token is not None
    answer = voter.post(
        f"{url}{statement.pk}/abstimmen/",
        {"vote": "1", "seite": "1", "csrfmiddlewaretoken": token.group(1)},
        headers={"HX-Request": "true"},
    )
    row = answer.content.decode()
    assert answer.status_code == 200 and row.startswith(f'<article class="kk-row kk-section" id="these-{statement.pk}"')
    assert "<strong>Ihre Stimme: stimme zu</strong>" in row
    assert re.search(r'value="1" class="kern-btn kern-btn--primary" aria-pressed="true"', row)
