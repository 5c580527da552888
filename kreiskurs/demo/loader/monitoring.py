"""The demo indicators and their measurements."""

from __future__ import annotations

from kreiskurs.accounts.models import User
from kreiskurs.monitoring.models import Indicator
from kreiskurs.monitoring.services import import_indicators, import_measurements, set_indicator_links
from kreiskurs.strategy.models import (
    Goal,
    Measure,
)
from kreiskurs.territory.models import District

from .. import content


def _indicators(by: User, district: District, goals: dict[str, Goal], measures: dict[str, Measure]) -> None:
    """Indicators and measurements, loaded through the same file imports staff use."""
    import_indicators(
        by=by, district=district, data=content.INDICATORS_CSV.encode("utf-8"), filename="demo-indikatoren.csv"
    )
    rows = ["indicator_code;ags;period;value;source;note"]
    for year, value in ((2022, "18"), (2023, "31"), (2024, "44,5"), (2025, "52")):
        rows.append(f"I1;;{year};{value};OZG-Dashboard (Beispiel);")
    for year, value in ((2022, "35"), (2023, "48"), (2024, "61"), (2025, "70,2")):
        rows.append(f"I2;;{year};{value};Breitbandatlas (Beispiel);")
    for suffix, share in content.GIGABIT_2025.items():
        rows.append(f"I2;05558{suffix};2025;{share};Breitbandatlas (Beispiel);")
    for quarter, count in (("2024-Q1", 120), ("2024-Q2", 260), ("2024-Q3", 410), ("2024-Q4", 590), ("2025-Q1", 720)):
        rows.append(f"I3;;{quarter};{count};Sozialamt (Beispiel);kumuliert")
    for year, value in ((2022, "4200"), (2023, "3650"), (2024, "2900")):
        rows.append(f"I4;;{year};{value};Gebäudemanagement (Beispiel);")
    for code, people in content.AGE_BAND_POPULATION_2022.items():  # the age bands' population (decision 0029)
        rows.append(f"{code};;2022;{people};Regionalstatistik 12411-03-03-4;gerundet")
    import_measurements(by=by, district=district, data="\n".join(rows).encode("utf-8"), filename="demo-messwerte.csv")
    links = {
        "I1": [("goal", goals["Z1"].lineage)],
        "I2": [("goal", goals["Z2"].lineage)],
        "I3": [("measure", measures["M13"].lineage)],
    }
    for code, targets in links.items():
        set_indicator_links(
            by=by,
            indicator=Indicator.objects.get(district=district, code=code),
            goals=[lineage for kind, lineage in targets if kind == "goal"],
            measures=[lineage for kind, lineage in targets if kind == "measure"],
        )
