"""Builds GV100AD lines in the Destatis layout, and the national-shaped sample.

The sample ``tests/data/gv100ad_national_sample.txt`` is written by this
module (``.venv/bin/python -m kreiskurs.territory.tests.gv100ad_records``)
and a test checks the committed file is still what it writes. It has the
shape of the national file on a small scale: all 16 Länder, Regierungsbezirk
and Region records, a kreisfreie Stadt whose name needs "in" ("Münster,
Stadt"), a Sorbian name outside Latin-1 ("Cottbus/Chóśebuz"), a Landkreis
with gemeindefreie Gebiete (Gemeindetyp 65 and 66, one of them without a
type-50 record) and the two areas outside any Kreis (``07000999`` with its
type-50 record, ``13000999`` without). Names of the special areas and keys
are the real ones; figures of the invented parts are made up.
"""

from __future__ import annotations

from pathlib import Path

WIDTH = 220
DATE = "20231130"
SAMPLE = Path(__file__).resolve().parents[3] / "tests" / "data" / "gv100ad_national_sample.txt"


def line(*fields: tuple[int, str]) -> str:
    """A fixed-width line from (1-based start column, text) pairs, padded to 220 characters."""
    buf = [" "] * WIDTH
    for start, text in fields:
        for i, ch in enumerate(text):
            buf[start - 1 + i] = ch
    return "".join(buf)


def land(key: str, name: str, seat: str) -> str:
    return line((1, "10" + DATE + key), (23, name), (73, seat))


def regbez(key: str, name: str, seat: str, kind: str = "20") -> str:
    return line((1, kind + DATE + key), (23, name), (73, seat))


def district(key: str, name: str, seat: str, type_code: int) -> str:
    return line((1, "40" + DATE + key), (23, name), (73, seat), (123, f"{type_code:02d}"))


def association(district_key: str, number: str, name: str, type_code: int, seat: str = "") -> str:
    return line((1, "50" + DATE + district_key), (19, number + name), (73, seat), (123, f"{type_code:02d}"))


def municipality(
    ags: str, number: str, name: str, type_code: int, area_ha: int, population: int, postcode: str = ""
) -> str:
    male = population // 2
    return line(
        (1, "60" + DATE + ags + number),
        (23, name),
        (123, f"{type_code:02d}"),
        (129, f"{area_ha:011d}{population:011d}{male:011d}"),
        (166, postcode),
    )


def national_sample() -> list[str]:
    return [
        land("01", "Schleswig-Holstein", "Kiel"),
        land("02", "Hamburg", "Hamburg"),
        district("02000", "Hamburg, Freie und Hansestadt", "Hamburg", 41),
        association("02000", "0000", "Hamburg, Freie und Hansestadt", 50),
        municipality("02000000", "0000", "Hamburg, Freie und Hansestadt", 61, 75_520, 1_892_122, "20038"),
        land("03", "Niedersachsen", "Hannover"),
        land("04", "Bremen", "Bremen"),
        land("05", "Nordrhein-Westfalen", "Düsseldorf"),
        regbez("055", "Reg.-Bez. Münster", "Münster"),
        district("05515", "Münster, Stadt", "Münster", 41),
        association("05515", "0000", "Münster, Stadt", 50),
        municipality("05515000", "0000", "Münster, Stadt", 61, 30_311, 320_946, "48143"),
        land("06", "Hessen", "Wiesbaden"),
        land("07", "Rheinland-Pfalz", "Mainz"),
        association("07000", "9999", "Gemeinsames deutsch-luxemburgisches Hoheitsgebiet", 50),
        municipality("07000999", "9999", "Gemeinsames deutsch-luxemburgisches Hoheitsgebiet", 66, 620, 0),
        land("08", "Baden-Württemberg", "Stuttgart"),
        regbez("083", "Reg.-Bez. Freiburg", "Freiburg im Breisgau"),
        regbez("0831", "Region Südlicher Oberrhein", "Freiburg im Breisgau", kind="30"),
        district("08311", "Freiburg im Breisgau, Stadt", "Freiburg im Breisgau", 42),
        association("08311", "0000", "Freiburg im Breisgau, Stadt", 50),
        municipality("08311000", "0000", "Freiburg im Breisgau, Stadt", 62, 15_306, 236_140, "79098"),
        land("09", "Bayern", "München"),
        regbez("096", "Reg.-Bez. Unterfranken", "Würzburg"),
        district("09671", "Aschaffenburg", "Aschaffenburg", 44),
        association("09671", "0111", "Alzenau, St", 50),
        association("09671", "5101", "Schöllkrippen (VGem)", 54, "Schöllkrippen"),
        association("09671", "0451", "Forst Hain im Spessart (gemfr. Gebiet)", 50),
        municipality("09671111", "0111", "Alzenau, St", 63, 3_444, 19_271, "63755"),
        municipality("09671143", "5101", "Schöllkrippen, M", 60, 1_012, 4_430, "63825"),
        municipality("09671150", "5101", "Sommerkahl", 64, 1_115, 1_236, "63825"),
        municipality("09671451", "0451", "Forst Hain im Spessart (gemfr. Gebiet)", 66, 1_720, 0),
        municipality("09671452", "0452", "Rohrbrunner Forst (gemfr. Gebiet)", 65, 2_345, 12),
        land("10", "Saarland", "Saarbrücken"),
        district("10041", "Regionalverband Saarbrücken", "Saarbrücken", 45),
        association("10041", "0100", "Saarbrücken, Landeshauptstadt", 50),
        municipality("10041100", "0100", "Saarbrücken, Landeshauptstadt", 63, 16_752, 180_374, "66111"),
        land("11", "Berlin", "Berlin"),
        land("12", "Brandenburg", "Potsdam"),
        district("12052", "Cottbus/Chóśebuz, Stadt", "Cottbus/Chóśebuz", 41),
        association("12052", "0000", "Cottbus/Chóśebuz, Stadt", 50),
        municipality("12052000", "0000", "Cottbus/Chóśebuz, Stadt", 61, 16_563, 98_693, "03046"),
        land("13", "Mecklenburg-Vorpommern", "Schwerin"),
        municipality("13000999", "9999", "Küstengewässer einschl. Anteil am Festlandsockel", 66, 1_065_321, 0),
        land("14", "Sachsen", "Dresden"),
        land("15", "Sachsen-Anhalt", "Magdeburg"),
        land("16", "Thüringen", "Erfurt"),
    ]


def write_sample(path: Path = SAMPLE) -> None:
    path.write_text("\n".join(national_sample()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_sample()
    print(f"wrote {SAMPLE}")
