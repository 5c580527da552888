"""Public page cache: hits for anonymous visitors, never stale, never for members."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from kreiskurs.accounts.models import Role
from kreiskurs.strategy import services
from kreiskurs.territory.importer import import_gv100ad
from kreiskurs.territory.models import Municipality
from tests import factories

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_from_the_cache_without_cookies() -> None:
    version = factories.adopted_strategy()
    client = Client()
    url = f"/{version.district.slug}/massnahmen/"
    first = client.get(url)
    second = client.get(url)
    assert "X-Kreiskurs-Cache" not in first.headers and second.headers["X-Kreiskurs-Cache"] == "hit"
    assert second.content == first.content
    assert not first.cookies and not second.cookies  # no CSRF or session cookie for visitors


def test_an_htmx_fragment_and_the_whole_page_are_cached_apart() -> None:
    """The cache key reads django-htmx's ``request.htmx``: a cached fragment never answers a full page request."""
    version = factories.adopted_strategy()
    client = Client()
    url = f"/{version.district.slug}/massnahmen/"
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    page = client.get(url)
    again = client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in fragment and "<html" in page.content.decode()
    assert "X-Kreiskurs-Cache" not in page.headers  # not served from the fragment's entry
    assert again.headers["X-Kreiskurs-Cache"] == "hit" and again.content.decode() == fragment


def test_any_audited_change_invalidates_the_district_pages() -> None:
    version = factories.adopted_strategy()
    client = Client()
    url = f"/{version.district.slug}/versionen/"
    assert "DS 77" not in client.get(url).content.decode()
    council = factories.MunicipalityFactory(district=version.district)
    services.record_adoption(
        by=None, version=version, body="municipal_council", date="2024-05-01", reference="DS 77", municipality=council
    )
    response = client.get(url)
    assert "X-Kreiskurs-Cache" not in response.headers
    assert "DS 77" in response.content.decode()


def test_territory_import_invalidates_municipality_pages(tmp_path: Path) -> None:
    excerpt = Path("kreiskurs/demo/data/GV100AD_301123_excerpt.txt")
    import_gv100ad(excerpt, district_keys=["05558"])
    client = Client()
    url = "/coesfeld/gemeinden/ascheberg/"
    assert "15.822" in client.get(url).content.decode() or "15822" in client.get(url).content.decode()
    lines = excerpt.read_text(encoding="utf-8").splitlines()
    changed = [
        line[:139] + "00000015900" + line[150:] if line.startswith("6020231130055580040004") else line for line in lines
    ]
    path = tmp_path / "gv.txt"
    path.write_text("\n".join(changed) + "\n", encoding="utf-8")
    import_gv100ad(path, district_keys=["05558"])
    body = client.get(url).content.decode()
    assert "15.900" in body or "15900" in body
    assert Municipality.objects.get(ags="05558004").population == 15900


def test_members_bypass_the_cache() -> None:
    version = factories.adopted_strategy()
    url = f"/{version.district.slug}/"
    Client().get(url)
    member = Client()
    member.force_login(factories.member(version.district, Role.STEERING))
    response = member.get(url)
    assert "X-Kreiskurs-Cache" not in response.headers
    assert "Verwaltung dieses Kreises" in response.content.decode()
