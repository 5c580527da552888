"""A file's municipality name against the official one: spelling and designation do not count, another place does."""

from __future__ import annotations

import pytest

from kreiskurs.geo.names import same_municipality


@pytest.mark.parametrize(
    ("file_name", "official"),
    [
        ("Coesfeld", "Coesfeld, Stadt"),  # VG250 GEN against GV100AD
        ("Stadt Coesfeld", "Coesfeld, Stadt"),
        ("Muenster", "Münster, Stadt"),
        ("Halle (Saale)", "Halle (Saale), Stadt"),
        ("Neustadt a.d.Waldnaab", "Neustadt a.d. Waldnaab, St."),
        ("Chóśebuz", "Cottbus/Chóśebuz, Stadt"),
        ("COESFELD", "Coesfeld, Stadt"),
        ("", "Coesfeld, Stadt"),  # no name in the file: nothing to compare
    ],
)
def test_spellings_of_the_same_municipality_agree(file_name: str, official: str) -> None:
    assert same_municipality(file_name, official)


@pytest.mark.parametrize(
    ("file_name", "official"),
    [("Beckum", "Coesfeld, Stadt"), ("Coesfeld", "Dülmen, Stadt"), ("Frankfurt (Oder)", "Frankfurt am Main, Stadt")],
)
def test_another_municipality_does_not(file_name: str, official: str) -> None:
    assert not same_municipality(file_name, official)
