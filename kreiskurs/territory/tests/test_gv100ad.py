"""GV100AD import: the real excerpt, encodings, re-import, malformed files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kreiskurs.territory import gv100ad
from kreiskurs.territory.importer import ImportError_, import_gv100ad
from kreiskurs.territory.models import District, MunicipalAssociation, Municipality
from kreiskurs.territory.slugs import slugify_name

EXCERPT = Path(__file__).resolve().parents[2] / "demo" / "data" / "GV100AD_301123_excerpt.txt"


def lines() -> list[str]:
    return EXCERPT.read_text(encoding="utf-8").splitlines()


def write(tmp_path: Path, content: list[str], encoding: str = "utf-8") -> Path:
    path = tmp_path / "gv.txt"
    path.write_bytes(("\n".join(content) + "\n").encode(encoding))
    return path


def snapshot() -> list[tuple[object, ...]]:
    return (
        list(District.objects.values_list("key", "name", "population"))
        + list(MunicipalAssociation.objects.values_list("key", "name"))
        + list(Municipality.objects.values_list("ags", "name", "population", "area_km2"))
    )


@pytest.mark.django_db
def test_excerpt_imports_three_districts_with_official_keys() -> None:
    report = import_gv100ad(EXCERPT)
    assert report.created == {"Kreise": 3, "Gemeindeverbände": 50, "Gemeinden": 74}
    coesfeld = District.objects.get(key="05558")
    assert (coesfeld.name, coesfeld.slug, coesfeld.type_code, coesfeld.seat) == ("Coesfeld", "coesfeld", 43, "Coesfeld")
    assert coesfeld.land_name == "Nordrhein-Westfalen"
    assert coesfeld.reference_date == dt.date(2023, 11, 30)
    assert District.objects.get(key="08336").slug == "loerrach"
    assert District.objects.get(key="14627").slug == "meissen"
    assert Municipality.objects.filter(district=coesfeld).count() == 11
    ascheberg = Municipality.objects.get(ags="05558004")
    assert ascheberg.ars == "055580004004"
    assert ascheberg.ars[:5] + ascheberg.ars[9:] == ascheberg.ags
    assert (ascheberg.population, ascheberg.area_km2, ascheberg.postcode) == (15822, Decimal("106.32"), "59387")
    assert ascheberg.type_code == 64
    # district totals are the sum of the municipalities
    assert coesfeld.population == sum(
        Municipality.objects.filter(district=coesfeld).values_list("population", flat=True)
    )


@pytest.mark.django_db
def test_municipalities_in_associations_link_to_them() -> None:
    import_gv100ad(EXCERPT)
    tunau = Municipality.objects.select_related("association").get(name="Tunau")
    assert tunau.association.key == "083365006"
    assert tunau.association.type_code == 56
    assert tunau.association.is_real_association
    assert tunau.ars == "083365006089"
    assert not Municipality.objects.get(ags="05558004").association.is_real_association


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_1252_and_latin1_copies_import_identically(tmp_path: Path, encoding: str) -> None:
    import_gv100ad(EXCERPT)
    utf8 = snapshot()
    Municipality.objects.all().delete()
    MunicipalAssociation.objects.all().delete()
    District.objects.all().delete()
    import_gv100ad(write(tmp_path, lines(), encoding=encoding))
    assert snapshot() == utf8
    assert Municipality.objects.get(ags="14627010").name == "Coswig, Stadt"
    assert District.objects.get(key="14627").name == "Meißen"
    assert Municipality.objects.filter(name__contains="ü").exists()


@pytest.mark.django_db
def test_reimport_updates_in_place_and_reports_changes(tmp_path: Path) -> None:
    import_gv100ad(EXCERPT)
    pk = Municipality.objects.get(ags="05558004").pk
    changed = [
        line[:139] + "00000015900" + line[150:] if line.startswith("6020231130055580040004") else line
        for line in lines()
    ]
    report = import_gv100ad(write(tmp_path, changed))
    assert report.created == {}
    assert report.updated == {"Gemeinden": 1, "Kreise": 1}
    assert any("05558004" in c and "15822 → 15900" in c for c in report.changes)
    ascheberg = Municipality.objects.get(ags="05558004")
    assert (ascheberg.pk, ascheberg.population) == (pk, 15900)
    again = import_gv100ad(write(tmp_path, changed))
    assert again.updated == {} and again.unchanged["Gemeinden"] == 74


@pytest.mark.django_db
def test_district_filter_imports_only_those_districts() -> None:
    import_gv100ad(EXCERPT, district_keys=["05558"])
    assert list(District.objects.values_list("key", flat=True)) == ["05558"]
    assert Municipality.objects.count() == 11


BROKEN = [
    (lambda ls: ls[:14] + [ls[14][:150]] + ls[15:], "Zeile 15", "Satzlänge"),
    (lambda ls: ls[:14] + [ls[14][:139] + "0000001x822" + ls[14][150:]] + ls[15:], "Zeile 15", "Bevölkerung"),
    (lambda ls: ls[:3] + ["77" + ls[3][2:]] + ls[4:], "Zeile 4", "Satzart"),
    (lambda ls: [ls[0], ls[1]] + ls[3:], "Zeile", "Kreis"),
    (lambda ls: ls[:14] + [ls[14][:10] + "0555" + "X" + ls[14][15:]] + ls[15:], "Zeile 15", "Gemeindeschlüssel"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("mutate", "where", "field"), BROKEN, ids=["short", "not-numeric", "record-type", "no-district", "bad-key"]
)
def test_malformed_file_names_line_and_field_and_changes_nothing(
    tmp_path: Path, mutate, where: str, field: str
) -> None:  # type: ignore[no-untyped-def]
    import_gv100ad(EXCERPT, district_keys=["08336"])
    before = snapshot()
    with pytest.raises(ImportError_) as excinfo:
        import_gv100ad(write(tmp_path, mutate(lines())))
    message = str(excinfo.value)
    assert where in message and field in message and "gv.txt" in message
    assert snapshot() == before


@pytest.mark.django_db
def test_command_reports_and_fails_cleanly(tmp_path: Path) -> None:
    out = StringIO()
    call_command("import_gv100ad", str(EXCERPT), "--district", "05558", stdout=out)
    assert "Gemeinden: 11 neu" in out.getvalue()
    with pytest.raises(CommandError, match="Nichts wurde importiert"):
        call_command("import_gv100ad", str(tmp_path / "missing.txt"))


def test_parser_counts_characters_not_bytes() -> None:
    line = (
        "60"
        + "20231130"
        + "12071"
        + "0001"
        + "001"
        + "Cottbus/Chóśebuz".ljust(50)
        + " " * 50
        + "61"
        + "    "
        + "00000016400"
        + "00000098693"
        + "00000048500"
        + "    "
        + "03046"
    ).ljust(220)
    record, errors = gv100ad.parse_line(line, 1)
    assert errors == []
    assert isinstance(record, gv100ad.MunicipalityRecord)
    assert record.name == "Cottbus/Chóśebuz" and record.population == 98693 and record.postcode == "03046"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Coesfeld", "coesfeld"),
        ("Lörrach", "loerrach"),
        ("Meißen", "meissen"),
        ("Rheinfelden (Baden)", "rheinfelden-baden"),
        ("Cottbus/Chóśebuz", "cottbus-chosebuz"),
        ("Mühldorf a.Inn", "muehldorf-a-inn"),
    ],
)
def test_slug_rule(name: str, slug: str) -> None:
    assert slugify_name(name) == slug


@pytest.mark.django_db
def test_duplicate_records_are_refused_with_both_lines(tmp_path: Path) -> None:
    ls = lines()
    with pytest.raises(ImportError_, match=r"Zeile 16.*steht schon in Zeile 15"):
        import_gv100ad(write(tmp_path, [*ls[:15], ls[14], *ls[15:]]))
    assert not Municipality.objects.exists()


@pytest.mark.django_db
def test_record_order_within_a_district_does_not_matter(tmp_path: Path) -> None:
    ls = lines()
    associations = [line for line in ls if line.startswith("50")]
    rest = [line for line in ls if not line.startswith("50")]
    import_gv100ad(write(tmp_path, rest + associations))  # municipalities before their associations
    assert Municipality.objects.count() == 74


@pytest.mark.django_db
def test_form_feed_in_a_name_does_not_split_the_line(tmp_path: Path) -> None:
    ls = lines()
    ls[14] = ls[14][:30] + "\x0c" + ls[14][31:]
    import_gv100ad(write(tmp_path, ls))
    assert Municipality.objects.count() == 74


@pytest.mark.django_db
def test_dos_end_of_file_mark_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "gv.txt"
    path.write_bytes(("\r\n".join(lines()) + "\r\n\x1a").encode("cp1252"))
    assert import_gv100ad(path).created["Gemeinden"] == 74
