"""The ``{% url %}`` tag of every template reverses through a per-process memo and answers as Django's."""

from __future__ import annotations

import uuid

import pytest
from django.template import Context, Template, engines
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation

from kreiskurs.reversing import CachedURLNode, _reversed, reverse_cached


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_every_template_gets_the_cached_url_tag_without_a_load() -> None:
    template = engines["django"].from_string("{% url 'portal:district' slug %}")
    assert isinstance(template.template.nodelist[0], CachedURLNode)  # type: ignore[attr-defined]


def test_the_tag_answers_as_djangos_reverse_with_args_kwargs_and_as_var() -> None:
    lineage = uuid.uuid4()
    assert render("{% url 'portal:district' 'coesfeld' %}") == reverse("portal:district", args=["coesfeld"])
    assert render("{% url 'portal:measure' slug=s lineage=l %}", s="coesfeld", l=lineage) == reverse(
        "portal:measure", kwargs={"slug": "coesfeld", "lineage": lineage}
    )
    assert render("{% url 'portal:district' 'ab' as u %}[{{ u }}]") == "[/ab/]"
    assert render("{% url 'no:such' as u %}[{{ u }}]") == "[]"
    with pytest.raises(NoReverseMatch):
        render("{% url 'no:such' %}")


def test_repeated_names_are_served_from_the_memo_and_typed_keys_do_not_mix() -> None:
    _reversed.cache_clear()
    first = reverse_cached("portal:district", ["kreis-a"])
    assert reverse_cached("portal:district", ["kreis-a"]) == first == "/kreis-a/"
    info = _reversed.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    reverse_cached("portal:versions", ["kreis-a"])
    reverse_cached("portal:document", kwargs={"slug": "kreis-a", "number": 1})
    with pytest.raises(NoReverseMatch):  # True is not 1 (str(True) == "True"), so never the kept entry of 1
        reverse_cached("portal:document", kwargs={"slug": "kreis-a", "number": True})
    assert _reversed.cache_info().misses == 3


def test_an_object_argument_is_reversed_directly_as_before() -> None:
    class Slug:
        def __str__(self) -> str:
            return "kreis-b"

    _reversed.cache_clear()
    assert reverse_cached("portal:district", [Slug()]) == "/kreis-b/"
    assert _reversed.cache_info().currsize == 0


def test_another_url_configuration_is_never_answered_from_the_old_entries() -> None:
    assert render("{% url 'portal:district' 'x' %}") == "/x/"  # kept for the project's configuration
    with override_settings(ROOT_URLCONF="tests.urls_reversing"):
        assert Template("{% url 'portal:district' 'x' %}").render(Context()) == "/anders/x/"
    assert render("{% url 'portal:district' 'x' %}") == "/x/"


def test_each_language_is_kept_on_its_own() -> None:
    _reversed.cache_clear()
    with translation.override("en"):
        english = reverse_cached("portal:district", ["kreis-c"])
    with translation.override("de"):
        assert reverse_cached("portal:district", ["kreis-c"]) == english  # no translated patterns today
    assert _reversed.cache_info().misses == 2
