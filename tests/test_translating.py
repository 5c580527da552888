"""``{% translate %}`` of every template answers as Django's own tag, a plain literal directly."""

from __future__ import annotations

import pytest
from django.template import Context, engines
from django.template.engine import Engine
from django.utils import translation

from kreiskurs.translating import LiteralTranslateNode

#: the same sources rendered by Django's own i18n library (an engine without the settings' mapping)
DJANGO = Engine(libraries={"i18n": "django.templatetags.i18n"})

SOURCES = [
    '{% translate "Strategie" %}',
    "{% translate 'Maßnahmen' %}",
    '{% translate "100 %" %}',
    '{% translate "a <b> & c" %}',
    '{% translate "Strategie" as label %}[{{ label }}]',
    '{% translate "Strategie" noop %}',
    '{% translate "Mai" context "month name" %}',
    '{% translate "Strategie"|upper %}',
    "{% translate text %}",
    '{% trans "Ziele" %}',
    '{% translate "" %}',
]


def render(engine_template: object, **context: object) -> str:
    return engine_template.render(Context(context))  # type: ignore[attr-defined]


def test_every_load_of_i18n_gets_the_direct_tag() -> None:
    template = engines["django"].from_string('{% load i18n %}{% translate "Strategie" %}')
    node = template.template.nodelist[1]  # type: ignore[attr-defined]
    assert isinstance(node, LiteralTranslateNode)
    assert node.msgid == "Strategie"


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("source", SOURCES)
def test_output_is_djangos_in_each_language(source: str, language: str) -> None:
    ours = engines["django"].from_string("{% load i18n %}" + source)
    theirs = DJANGO.from_string("{% load i18n %}" + source)
    assert not any(isinstance(n, LiteralTranslateNode) for n in theirs.nodelist)
    with translation.override(language):
        expected = render(theirs, text="Ziele")
        assert ours.render({"text": "Ziele"}) == expected


def test_the_literal_is_translated_in_the_active_language() -> None:
    """The same node in turn in each language: each language's text, also when the node kept it."""
    template = engines["django"].from_string('{% load i18n %}{% translate "Maßnahmen" %}')
    with translation.override("en"):
        english = template.render({})
    with translation.override("de"):
        german = template.render({})
    assert german == "Maßnahmen"
    assert english != german and english.strip()
    with translation.override("en"):
        assert template.render({}) == english
    with translation.override("de"):
        assert template.render({}) == german
