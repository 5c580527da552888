"""Generate a synthetic, national-size GV100AD file (Destatis fixed-width layout).

The layout matches ``kreiskurs/demo/data/GV100AD_301123_excerpt.txt``: record types 10
(Land), 20 (Regierungsbezirk), 30 (Region, Baden-Württemberg only), 40 (Kreis),
50 (Gemeindeverband) and 60 (Gemeinde), each line exactly 220 *characters*
wide (UTF-8, so lines with umlauts or Sorbian letters are longer in bytes).
Every Kreis record precedes its associations and municipalities.

The structure follows the real 2023 directory: 16 Länder, 400 Kreise,
about 4,700 Gemeindeverbände (including the type-50 pseudo-associations of
verbandsfreie Gemeinden) and about 10,800 Gemeinden, about 16,000 lines.
Names, populations and areas are invented but German-looking (umlauts, ß,
", Stadt", ", M", "Bad …", Sorbian double names in Brandenburg and Saxony).

Deterministic: the same ``--seed`` gives the same bytes.

    .venv/bin/python benchmarks/gv100ad_generate.py --out /tmp/GV100AD_bench.txt --seed 2023
"""

from __future__ import annotations

import argparse
import hashlib
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

LINE_WIDTH = 220
REFERENCE_DATE = "20231130"


@dataclass(frozen=True)
class LandSpec:
    key: str
    name: str
    capital: str
    regbez: tuple[tuple[str, str, str], ...]  # (digit, name, seat); empty: no Regierungsbezirke
    cities: int  # kreisfreie Städte (one municipality each)
    rural: int  # Landkreise / Kreise
    municipalities: int  # total, including the kreisfreie Städte
    assoc_share: float  # share of rural municipalities that belong to a real association
    assoc_size: float  # mean members per real association
    assoc_types: tuple[int, ...]  # type codes of real associations (51..58)
    city_type: int = 41  # 41 kreisfreie Stadt, 42 Stadtkreis (BW)
    rural_type: int = 44  # 43 Kreis, 44 Landkreis
    postcode_prefixes: tuple[str, ...] = ("0",)


LANDS: tuple[LandSpec, ...] = (
    LandSpec("01", "Schleswig-Holstein", "Kiel", (), 4, 11, 1106, 0.91, 12.0, (51,), 41, 43, ("23", "24", "25")),
    LandSpec("02", "Hamburg", "Hamburg", (), 1, 0, 1, 0.0, 1.0, (), 41, 44, ("20", "21", "22")),
    LandSpec(
        "03",
        "Niedersachsen",
        "Hannover",
        (
            ("1", "früher: Statistische Region Braunschweig", "Braunschweig"),
            ("2", "früher: Statistische Region Hannover", "Hannover"),
            ("3", "früher: Statistische Region Lüneburg", "Lüneburg"),
            ("4", "früher: Statistische Region Weser-Ems", "Oldenburg (Oldenburg)"),
        ),
        8,
        37,
        941,
        0.62,
        5.5,
        (52,),
        41,
        44,
        ("26", "27", "29", "30", "31", "37", "38", "49"),
    ),
    LandSpec("04", "Bremen", "Bremen", (), 2, 0, 2, 0.0, 1.0, (), 41, 44, ("27", "28")),
    LandSpec(
        "05",
        "Nordrhein-Westfalen",
        "Düsseldorf",
        (
            ("1", "Reg.-Bez. Düsseldorf", "Düsseldorf"),
            ("3", "Reg.-Bez. Köln", "Köln"),
            ("5", "Reg.-Bez. Münster", "Münster"),
            ("7", "Reg.-Bez. Detmold", "Detmold"),
            ("9", "Reg.-Bez. Arnsberg", "Arnsberg"),
        ),
        22,
        31,
        396,
        0.0,
        1.0,
        (),
        41,
        43,
        ("32", "33", "40", "41", "42", "44", "45", "46", "47", "48", "50", "51", "52", "53", "57", "58", "59"),
    ),
    LandSpec(
        "06",
        "Hessen",
        "Wiesbaden",
        (
            ("4", "Reg.-Bez. Darmstadt", "Darmstadt"),
            ("5", "Reg.-Bez. Gießen", "Gießen"),
            ("6", "Reg.-Bez. Kassel", "Kassel"),
        ),
        5,
        21,
        421,
        0.0,
        1.0,
        (),
        41,
        44,
        ("34", "35", "36", "60", "61", "63", "64", "65"),
    ),
    LandSpec(
        "07",
        "Rheinland-Pfalz",
        "Mainz",
        (
            ("1", "früher: Reg.-Bez. Koblenz", "Koblenz"),
            ("2", "früher: Reg.-Bez. Trier", "Trier"),
            ("3", "früher: Reg.-Bez. Rheinhessen-Pfalz", "Neustadt an der Weinstraße"),
        ),
        12,
        24,
        2301,
        0.985,
        18.0,
        (53,),
        41,
        44,
        ("54", "55", "56", "57", "66", "67", "76"),
    ),
    LandSpec(
        "08",
        "Baden-Württemberg",
        "Stuttgart",
        (
            ("1", "Reg.-Bez. Stuttgart", "Stuttgart"),
            ("2", "Reg.-Bez. Karlsruhe", "Karlsruhe"),
            ("3", "Reg.-Bez. Freiburg", "Freiburg im Breisgau"),
            ("4", "Reg.-Bez. Tübingen", "Tübingen"),
        ),
        9,
        35,
        1101,
        0.8,
        3.4,
        (54, 56),
        42,
        44,
        ("68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79", "88", "89"),
    ),
    LandSpec(
        "09",
        "Bayern",
        "München",
        (
            ("1", "Reg.-Bez. Oberbayern", "München"),
            ("2", "Reg.-Bez. Niederbayern", "Landshut"),
            ("3", "Reg.-Bez. Oberpfalz", "Regensburg"),
            ("4", "Reg.-Bez. Oberfranken", "Bayreuth"),
            ("5", "Reg.-Bez. Mittelfranken", "Ansbach"),
            ("6", "Reg.-Bez. Unterfranken", "Würzburg"),
            ("7", "Reg.-Bez. Schwaben", "Augsburg"),
        ),
        25,
        71,
        2056,
        0.48,
        3.2,
        (54,),
        41,
        44,
        ("63", "80", "81", "82", "83", "84", "85", "86", "87", "90", "91", "92", "93", "94", "95", "96", "97"),
    ),
    LandSpec("10", "Saarland", "Saarbrücken", (), 0, 6, 52, 0.0, 1.0, (), 41, 44, ("66",)),
    LandSpec("11", "Berlin", "Berlin", (), 1, 0, 1, 0.0, 1.0, (), 41, 44, ("10", "12", "13", "14")),
    LandSpec(
        "12", "Brandenburg", "Potsdam", (), 4, 14, 413, 0.66, 5.2, (51, 53), 41, 44, ("03", "14", "15", "16", "19")
    ),
    LandSpec("13", "Mecklenburg-Vorpommern", "Schwerin", (), 2, 6, 726, 0.95, 9.0, (51,), 41, 44, ("17", "18", "19")),
    LandSpec(
        "14",
        "Sachsen",
        "Dresden",
        (
            ("5", "früher: Direktionsbezirk Chemnitz", "Chemnitz"),
            ("6", "früher: Direktionsbezirk Dresden", "Dresden"),
            ("7", "früher: Direktionsbezirk Leipzig", "Leipzig"),
        ),
        3,
        10,
        418,
        0.42,
        3.0,
        (54, 56),
        41,
        44,
        ("01", "02", "04", "08", "09"),
    ),
    LandSpec("15", "Sachsen-Anhalt", "Magdeburg", (), 3, 11, 218, 0.45, 5.5, (53,), 41, 44, ("06", "29", "38", "39")),
    LandSpec(
        "16", "Thüringen", "Erfurt", (), 5, 17, 605, 0.5, 5.0, (53, 58), 41, 44, ("04", "07", "36", "37", "98", "99")
    ),
)

# Regionen (record type 30) exist only in Baden-Württemberg: (Regierungsbezirk digit, name).
BW_REGIONS = (
    ("1", "Region Stuttgart"),
    ("1", "Region Heilbronn-Franken"),
    ("1", "Region Ostwürttemberg"),
    ("2", "Region Mittlerer Oberrhein"),
    ("2", "Region Rhein-Neckar"),
    ("2", "Region Nordschwarzwald"),
    ("3", "Region Südlicher Oberrhein"),
    ("3", "Region Schwarzwald-Baar-Heuberg"),
    ("3", "Region Hochrhein-Bodensee"),
    ("4", "Region Neckar-Alb"),
    ("4", "Region Donau-Iller"),
    ("4", "Region Bodensee-Oberschwaben"),
)

PREFIXES = (
    "Alt", "Neu", "Ober", "Nieder", "Groß", "Klein", "Hohen", "Unter", "Mittel", "Wester", "Oster", "Sonnen",
    "Rosen", "Linden", "Eichen", "Buchen", "Birken", "Hasel", "Weiden", "Mühl", "Kirch", "Brunn", "Stein",
    "Wald", "Berg", "Fried", "Hein", "Rein", "Wolfs", "Bären", "Hirsch", "Fuchs", "Falken", "Schön", "Grün",
    "Weiß", "Schwarz", "Roth", "Lauter", "Marien", "Georgs", "Johannis", "Michel", "Ludwigs", "Karls",
    "Wilhelms", "Friedrichs", "Ahl", "Bram", "Eber", "Ger", "Hild", "Mein", "Pfaff", "Sieg", "Uhl", "Wend",
    "Zell", "Lüt", "Bück", "Mös", "Göt", "Höx", "Jöl", "Kü", "Lö", "Rö", "Sü", "Wür", "Brä", "Dä", "Gä",
    "Hä", "Mä", "Esch", "Horn", "Hamm", "Lem", "Nort", "Olden", "Quer", "Treu", "Vel", "Wittgen", "Züll",
)  # fmt: skip
SUFFIXES = (
    "bach", "berg", "burg", "dorf", "feld", "hausen", "heim", "ingen", "stadt", "stedt", "wald", "tal", "au",
    "brück", "rode", "hof", "kirchen", "münster", "höhe", "born", "brunn", "furt", "hagen", "horst", "leben",
    "lar", "loh", "mar", "ow", "itz", "witz", "zig", "ern", "beck", "büttel", "fleth", "siel", "wedel", "wörth",
    "weiler", "reuth", "grün", "ried", "moos", "see", "hütte", "mühle", "schlag", "städt", "lingen", "sen",
)  # fmt: skip
QUALIFIERS = (
    " am See", " an der Ilm", " im Taunus", " (Westerwald)", " (Oder)", " an der Donau", " im Allgäu", " (Pfalz)",
    " bei Neuhaus", " (Eifel)", " im Schwarzwald", " am Main", " (Vogtland)", " (Holstein)", " an der Saale",
)  # fmt: skip
REGION_PARTS = (
    "Rhein", "Main", "Lahn", "Dill", "Sieg", "Ruhr", "Lippe", "Ems", "Weser", "Elbe", "Havel", "Spree", "Neiße",
    "Oder", "Saale", "Unstrut", "Werra", "Fulda", "Kinzig", "Neckar", "Tauber", "Alb", "Donau", "Iller", "Lech",
    "Isar", "Inn", "Vils", "Regen", "Naab", "Wörnitz", "Mosel", "Nahe", "Hunsrück", "Eifel", "Harz", "Heide",
)  # fmt: skip
SORBIAN = (
    "Chó", "śe", "buz", "Bu", "dy", "šin", "Wó", "jer", "ecy", "Lub", "njow", "Kam", "jenc", "Rě", "čicy",
    "Bó", "šicy", "Slě", "pe", "Hó", "dźij", "Ćis", "kow", "Přiłuk", "Łaz", "Žar", "nja", "Bór", "kowy",
    "Wój", "erecy", "Ně", "mc", "Łu", "žic", "Drje", "ždźany", "Kó", "ńc",
)  # fmt: skip


def _base_name(rng: random.Random) -> str:
    name = rng.choice(PREFIXES) + rng.choice(SUFFIXES)
    r = rng.random()
    if r < 0.03:
        name = "Bad " + name
    elif r < 0.04:
        name = "Sankt " + name
    if rng.random() < 0.07:
        name += rng.choice(QUALIFIERS)
    return name


def _sorbian(rng: random.Random) -> str:
    parts = [rng.choice(SORBIAN) for _ in range(rng.randint(2, 3))]
    text = "".join(parts)
    return text[0].upper() + text[1:].lower()


def _fit(text: str, width: int = 50) -> str:
    return text[:width].rstrip()


def _lognormal_int(rng: random.Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, round(math.exp(rng.gauss(math.log(median), sigma)))))


def _allocate(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split ``total`` into ``parts`` positive integers with random weights (largest remainder)."""
    if parts == 0:
        return []
    weights = [rng.uniform(0.4, 1.6) for _ in range(parts)]
    scale = (total - parts) / sum(weights)
    raw = [w * scale for w in weights]
    counts = [1 + math.floor(x) for x in raw]
    remainder = total - sum(counts)
    order = sorted(range(parts), key=lambda i: raw[i] - math.floor(raw[i]), reverse=True)
    for i in order[:remainder]:
        counts[i] += 1
    return counts


def _numbers(count: int, start: int, limit: int, rng: random.Random) -> list[int]:
    """``count`` increasing numbers from ``start`` with small random gaps, never above ``limit``."""
    max_gap = max(1, min(3, (limit - start + 1) // max(count, 1)))
    numbers = []
    n = start
    for i in range(count):
        numbers.append(n)
        room = limit - n - (count - i - 1)
        n += max(1, min(rng.randint(1, max_gap), room))
    if numbers and numbers[-1] > limit:
        raise ValueError(f"cannot place {count} numbers between {start} and {limit}")
    return numbers


def _line(*fields: tuple[int, str]) -> str:
    """Assemble a fixed-width line from (1-based start column, text) pairs, padded to LINE_WIDTH."""
    buf = [" "] * LINE_WIDTH
    for start, text in fields:
        for i, ch in enumerate(text):
            buf[start - 1 + i] = ch
    return "".join(buf)


@dataclass
class Muni:
    number: int  # last three digits of the AGS
    name: str
    type_code: int
    population: int
    area_ha: int
    postcode: str
    several_postcodes: bool
    association: str = ""  # four digits


@dataclass
class Stats:
    records: Counter[str] = field(default_factory=Counter)
    lines: int = 0
    bytes: int = 0
    sha256: str = ""
    seconds: float = 0.0


def _postcode(rng: random.Random, land: LandSpec) -> str:
    return rng.choice(land.postcode_prefixes) + f"{rng.randint(0, 999):03d}"


def _tail(rng: random.Random) -> str:
    """Columns 178–193: Finanzamt, court and Bundestag keys (random digits here)."""
    return "".join(str(rng.randint(0, 9)) for _ in range(16))


def _muni_line(district_key: str, m: Muni, rng: random.Random) -> str:
    male = round(m.population * rng.uniform(0.48, 0.515))
    return _line(
        (1, "60" + REFERENCE_DATE + district_key + f"{m.number:03d}" + m.association),
        (23, _fit(m.name)),
        (123, f"{m.type_code:02d}"),
        (129, f"{m.area_ha:011d}{m.population:011d}{male:011d}"),
        (166, m.postcode),
        (171, "*****" if m.several_postcodes else ""),
        (178, _tail(rng)),
    )


def _town_name(rng: random.Random, land: LandSpec, type_code: int) -> str:
    name = _base_name(rng)
    if land.key in ("12", "14") and rng.random() < 0.08:
        name = f"{name}/{_sorbian(rng)}"
    if type_code in (63, 67):
        return _fit(name, 50 - len(", Stadt")) + ", Stadt"
    if type_code == 60:
        return _fit(name, 50 - len(", M")) + ", M"
    if type_code in (65, 66):
        return _fit("Forst " + name, 50 - len(" (gemfr. Gebiet)")) + " (gemfr. Gebiet)"
    return name


def _rural_municipalities(rng: random.Random, land: LandSpec, count: int) -> list[Muni]:
    numbers = _numbers(count, 1, 999, rng)
    munis = []
    for number in numbers:
        r = rng.random()
        if land.key == "09" and r < 0.09:
            type_code = 60  # Markt
        elif land.key in ("03", "09") and r < 0.105:
            type_code = 66  # gemeindefreies Gebiet, unbewohnt
        elif land.key in ("03", "09") and r < 0.108:
            type_code = 65  # gemeindefreies Gebiet, bewohnt
        elif land.key in ("08", "09", "14") and r > 0.985:
            type_code = 67  # Große Kreisstadt
        elif r > 0.82:
            type_code = 63  # Stadt
        else:
            type_code = 64
        if type_code == 65:
            population = _lognormal_int(rng, 40, 1.0, 1, 900)
            area_ha = _lognormal_int(rng, 900, 0.8, 20, 50_000)
            postcode = ""
        elif type_code == 66:
            population = 0
            area_ha = _lognormal_int(rng, 900, 0.8, 20, 50_000)
            postcode = ""
        elif type_code in (63, 67):
            population = _lognormal_int(rng, 14_000 if type_code == 63 else 35_000, 0.7, 800, 250_000)
            area_ha = _lognormal_int(rng, 7_500, 0.6, 300, 60_000)
            postcode = _postcode(rng, land)
        else:
            population = _lognormal_int(rng, 1_800, 1.0, 9, 60_000)
            area_ha = _lognormal_int(rng, 2_200, 0.7, 50, 30_000)
            postcode = _postcode(rng, land)
        munis.append(
            Muni(
                number=number,
                name=_town_name(rng, land, type_code),
                type_code=type_code,
                population=population,
                area_ha=area_ha,
                postcode=postcode,
                several_postcodes=population > 25_000 and rng.random() < 0.6,
            )
        )
    return munis


def _association_name(rng: random.Random, type_code: int, lead: str) -> str:
    lead = lead.removesuffix(", Stadt").removesuffix(", M")
    if type_code == 51:
        return _fit(f"Amt {lead}")
    if type_code == 52:
        return _fit(f"Samtgemeinde {lead}")
    if type_code == 53:
        return _fit(f"Verbandsgemeinde {lead}")
    if type_code == 56:
        return _fit(f"GVV {lead}")
    if type_code == 58:
        return _fit(f"Erfüllende Gemeinde {lead}")
    return _fit(f"VVG der {'Stadt' if rng.random() < 0.5 else 'Gemeinde'} {lead}")


def _rural_district_lines(
    rng: random.Random, land: LandSpec, district_key: str, type_code: int, munis: list[Muni]
) -> tuple[str, str, list[str]]:
    """The district's name, its seat, and its type-50 and type-60 lines (the caller writes type 40)."""
    inhabited = [m for m in munis if m.type_code != 66]
    in_assoc = round(land.assoc_share * len(munis)) if len(munis) > 2 else 0
    pool = list(munis)
    rng.shuffle(pool)
    members, free = pool[:in_assoc], pool[in_assoc:]
    assoc_lines: list[tuple[str, str]] = []
    number = 5001
    while members:
        size = max(2, min(len(members), round(rng.gauss(land.assoc_size, land.assoc_size / 3))))
        if len(members) - size == 1:
            size += 1
        group, members = members[:size], members[size:]
        group.sort(key=lambda m: m.number)
        lead = max(group, key=lambda m: m.population)
        assoc_type = rng.choice(land.assoc_types)
        key = f"{number:04d}"
        for m in group:
            m.association = key
        seat = lead.name.removesuffix(", Stadt").removesuffix(", M")
        assoc_lines.append(
            (
                key,
                _line(
                    (1, "50" + REFERENCE_DATE + district_key),
                    (19, key + _association_name(rng, assoc_type, lead.name)),
                    (73, _fit(seat)),
                    (123, f"{assoc_type:02d}"),
                ),
            )
        )
        number += 1
    for m in free:
        m.association = f"0{m.number:03d}"
        assoc_lines.append(
            (
                m.association,
                _line((1, "50" + REFERENCE_DATE + district_key), (19, m.association + m.name), (123, "50")),
            )
        )
    seat_town = max(inhabited or munis, key=lambda m: m.population)
    seat = seat_town.name.removesuffix(", Stadt").removesuffix(", M")
    r = rng.random()
    if r < 0.6:
        name = seat.split("/")[0]
    elif r < 0.8:
        a, b = rng.sample(REGION_PARTS, 2)
        name = f"{a}-{b}-Kreis" if type_code == 43 or rng.random() < 0.5 else f"{a}-{b}"
    else:
        name = f"{rng.choice(REGION_PARTS)}{rng.choice(('land', 'kreis', 'gau', ' Land', 'mark'))}"
    lines = [line for _key, line in sorted(assoc_lines)]
    lines += [_muni_line(district_key, m, rng) for m in sorted(munis, key=lambda m: m.number)]
    return _fit(name), _fit(seat), lines


def _land_lines(rng: random.Random, land: LandSpec) -> list[str]:
    lines = [_line((1, "10" + REFERENCE_DATE + land.key), (23, land.name), (73, land.capital))]
    digits = [d for d, _n, _s in land.regbez] or ["0"]
    # Spread districts over the Regierungsbezirke.
    city_split = _allocate(land.cities, len(digits), rng) if land.cities >= len(digits) else None
    rural_split = _allocate(land.rural, len(digits), rng) if land.rural >= len(digits) else None
    city_counts = city_split or [land.cities if i == 0 else 0 for i in range(len(digits))]
    rural_counts = rural_split or [land.rural if i == 0 else 0 for i in range(len(digits))]
    rural_munis = _allocate(land.municipalities - land.cities, land.rural, rng)
    rural_iter = iter(rural_munis)
    for index, digit in enumerate(digits):
        if land.regbez:
            _d, rb_name, rb_seat = land.regbez[index]
            lines.append(_line((1, "20" + REFERENCE_DATE + land.key + digit), (23, rb_name), (73, rb_seat)))
        if land.key == "08":
            regions = [region for rb, region in BW_REGIONS if rb == digit]
            for region_number, region in enumerate(regions, start=1):
                key = land.key + digit + str(region_number)
                lines.append(_line((1, "30" + REFERENCE_DATE + key), (23, region), (73, region.split()[-1])))
        single = land.cities + land.rural == 1
        city_numbers = (
            [0] if single else _numbers(city_counts[index], 11 if land.key == "04" else 1, 40, rng)
        )  # 00 for Hamburg/Berlin
        for number in city_numbers[: city_counts[index]]:
            district_key = land.key + digit + f"{number:02d}"
            if single:
                name = land.capital
                population = {"02": 1_892_122, "11": 3_755_251}.get(land.key, 500_000)
            else:
                name = _base_name(rng)
                if land.key in ("12", "14") and rng.random() < 0.25:
                    name = f"{name}/{_sorbian(rng)}"
                population = _lognormal_int(rng, 140_000, 0.75, 30_000, 1_600_000)
            area_ha = _lognormal_int(rng, 14_000, 0.6, 2_000, 90_000)
            district_name = name if single else _fit(name, 43) + ", Stadt"
            lines.append(
                _line(
                    (1, "40" + REFERENCE_DATE + district_key),
                    (23, district_name),
                    (73, _fit(name)),
                    (123, f"{land.city_type:02d}"),
                )
            )
            lines.append(_line((1, "50" + REFERENCE_DATE + district_key), (19, "0000" + district_name), (123, "50")))
            city = Muni(
                number=0,
                name=district_name,
                type_code=61 if land.city_type == 41 else 62,
                population=population,
                area_ha=area_ha,
                postcode=_postcode(rng, land),
                several_postcodes=True,
                association="0000",
            )
            lines.append(_muni_line(district_key, city, rng))
        for number in _numbers(rural_counts[index], 51, 99, rng):
            district_key = land.key + digit + f"{number:02d}"
            munis = _rural_municipalities(rng, land, next(rural_iter))
            type_code = land.rural_type
            if land.key == "10" and number == 51:
                type_code = 45  # Regionalverband Saarbrücken
            name, seat, body = _rural_district_lines(rng, land, district_key, type_code, munis)
            if type_code == 45:
                name = f"Regionalverband {name}"
            lines.append(
                _line(
                    (1, "40" + REFERENCE_DATE + district_key),
                    (23, _fit(name)),
                    (73, seat),
                    (123, f"{type_code:02d}"),
                )
            )
            lines.extend(body)
    lines.extend(_outside_lines(land.key))
    return lines


def _outside_lines(land_key: str) -> list[str]:
    """The areas Destatis lists under a Land without a Kreis (real keys and names)."""
    if land_key == "07":  # with its own type-50 record
        return [
            _line(
                (1, "50" + REFERENCE_DATE + "07000"),
                (19, "9999Gemeinsames deutsch-luxemburgisches Hoheitsgebiet"),
                (123, "50"),
            ),
            _line(
                (1, "60" + REFERENCE_DATE + "070009999999"),
                (23, "Gemeinsames deutsch-luxemburgisches Hoheitsgebiet"),
                (123, "66"),
                (129, f"{620:011d}{0:011d}{0:011d}"),
            ),
        ]
    if land_key == "13":  # no type-50 record above it
        return [
            _line(
                (1, "60" + REFERENCE_DATE + "130009999999"),
                (23, "Küstengewässer einschl. Anteil am Festlandsockel"),
                (123, "66"),
                (129, f"{1_065_321:011d}{0:011d}{0:011d}"),
            )
        ]
    return []


def generate(out: Path, seed: int = 2023) -> Stats:
    """Write the file to ``out`` and return counts, size and checksum."""
    started = time.perf_counter()
    rng = random.Random(seed)
    lines: list[str] = []
    for land in LANDS:
        lines.extend(_land_lines(rng, land))
    for line in lines:
        if len(line) != LINE_WIDTH:
            raise AssertionError(f"line of {len(line)} characters: {line!r}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    stats = Stats(
        records=Counter(line[:2] for line in lines),
        lines=len(lines),
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        seconds=time.perf_counter() - started,
    )
    return stats


def describe(stats: Stats) -> list[str]:
    kinds = {"10": "Länder", "20": "Reg.-Bez.", "30": "Regionen", "40": "Kreise", "50": "Verbände", "60": "Gemeinden"}
    parts = ", ".join(f"{stats.records.get(k, 0)} {label} ({k})" for k, label in kinds.items())
    return [
        f"records: {stats.lines} — {parts}",
        f"size: {stats.bytes:,} bytes, sha256 {stats.sha256[:16]}…, generated in {stats.seconds:.2f} s",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="file to write (UTF-8)")
    parser.add_argument("--seed", type=int, default=2023, help="random seed (default 2023)")
    args = parser.parse_args()
    stats = generate(args.out, args.seed)
    print(f"wrote {args.out}")
    for line in describe(stats):
        print(line)


if __name__ == "__main__":
    main()
