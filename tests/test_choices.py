"""Choice labels from the kept tables follow the active language (kreiskurs/choices.py)."""

from __future__ import annotations

from django.utils import translation

from kreiskurs.choices import label
from kreiskurs.strategy.models.measures import Phase, Priority


def test_labels_in_the_active_language_as_django_gives_them() -> None:
    for language in ("de", "en", "de"):
        with translation.override(language):
            for choices in (Phase, Priority):
                for value, text in choices.choices:
                    assert label(choices, value) == str(text)
    with translation.override("en"):
        assert label(Phase, "pilot") != label(Phase, "rollout")
        assert label(Phase, "pilot") == str(Phase.PILOT.label)
    with translation.override("de"):
        assert label(Phase, "pilot") == "Pilot"


def test_an_unknown_value_is_shown_as_it_is() -> None:
    assert label(Priority, "unbekannt") == "unbekannt"
