"""Illustrative strategy content for the demo district (Kreis Coesfeld).

Invented example content, marked as such in the portal. Territory data is real.
Municipalities are named by the last three digits of their AGS (05558xxx).
"""

VISION_TITLE = "Leitbild: Digital verbunden im Münsterland"
VISION_TEXT = (
    "Der Kreis Coesfeld nutzt die Digitalisierung, damit Menschen in Stadt und Land gleich gut leben, "
    "lernen, arbeiten und versorgt werden. Verwaltungsleistungen sind einfach online erreichbar, "
    "Daten werden offen und verantwortungsvoll genutzt, und niemand wird zurückgelassen.\n\n"
    "Kreis und Kommunen gehen diesen Weg gemeinsam: Der Kreis bündelt, die Städte und Gemeinden "
    "gestalten vor Ort, Wirtschaft, Schulen, Vereine und Bürgerschaft machen mit."
)

VALUES = [
    (
        "Gemeinsam",
        "Kreis und Kommunen planen und handeln abgestimmt; Lösungen werden einmal entwickelt und überall genutzt.",
    ),
    ("Menschen zuerst", "Digitale Angebote richten sich nach den Bedürfnissen der Nutzenden und bleiben barrierefrei."),
    ("Offen und sicher", "Daten sind offen, wo möglich, und geschützt, wo nötig; IT-Sicherheit ist Grundlage."),
    ("Nachhaltig", "Digitalisierung trägt zum Klimaschutz bei und wird wirtschaftlich verantwortbar betrieben."),
]

FIELDS = [
    (
        "HF1",
        "Verwaltung und Online-Dienste",
        "Moderne, medienbruchfreie Verwaltung in Kreis und Kommunen, OZG-Leistungen, E-Akte.",
    ),
    (
        "HF2",
        "Infrastruktur und Konnektivität",
        "Glasfaser, Mobilfunk und öffentliches WLAN als Grundlage für alles Weitere.",
    ),
    (
        "HF3",
        "Bildung und Kompetenzen",
        "Digitale Schulen, Medienkompetenz für alle Generationen, Qualifizierung der Beschäftigten.",
    ),
    ("HF4", "Gesundheit, Pflege und Soziales", "Telemedizin, digitale Unterstützung in Pflege und sozialer Teilhabe."),
    ("HF5", "Mobilität, Klima und Umwelt", "Vernetzte Mobilität im ländlichen Raum, Umwelt- und Klimadaten."),
    ("HF6", "Wirtschaft, Tourismus und Teilhabe", "Digitale Wirtschaft, Tourismus, Ehrenamt und Beteiligung."),
]

# code, title, field, parent code (or None), description
GOALS = [
    (
        "Z1",
        "Alle wichtigen Verwaltungsleistungen sind online verfügbar",
        "HF1",
        None,
        "Bis 2028 sind die 100 meistgenutzten Leistungen von Kreis und Kommunen vollständig digital.",
    ),
    (
        "Z1.1",
        "Interne Abläufe sind medienbruchfrei",
        "HF1",
        "Z1",
        "E-Akte und digitale Workflows in allen Kommunalverwaltungen.",
    ),
    (
        "Z2",
        "Flächendeckende gigabitfähige Versorgung",
        "HF2",
        None,
        "Jeder Haushalt, jede Schule und jedes Gewerbegebiet hat Zugang zu Gigabit.",
    ),
    (
        "Z2.1",
        "Lücken im Mobilfunk sind geschlossen",
        "HF2",
        "Z2",
        "Keine weißen Flecken entlang von Straßen und in Ortsteilen.",
    ),
    (
        "Z3",
        "Schulen sind digital gut ausgestattet und vernetzt",
        "HF3",
        None,
        "Ausstattung, Support und pädagogische Konzepte in allen Schulen in Kreisträgerschaft.",
    ),
    (
        "Z4",
        "Menschen jeden Alters nutzen digitale Angebote sicher",
        "HF3",
        None,
        "Angebote zur Medienkompetenz in jeder Kommune.",
    ),
    (
        "Z5",
        "Versorgung im ländlichen Raum wird digital gestärkt",
        "HF4",
        None,
        "Telemedizin und digitale Pflegeangebote ergänzen die Versorgung vor Ort.",
    ),
    (
        "Z6",
        "Mobilität ist vernetzt und klimafreundlich",
        "HF5",
        None,
        "Digitale Auskunft, On-Demand-Verkehre und Sharing-Angebote.",
    ),
    (
        "Z7",
        "Umwelt- und Klimadaten steuern Entscheidungen",
        "HF5",
        None,
        "Sensorik und offene Daten unterstützen Klimaanpassung.",
    ),
    (
        "Z8",
        "Unternehmen nutzen die Chancen der Digitalisierung",
        "HF6",
        None,
        "Beratung, Vernetzung und Fachkräfte für den Mittelstand.",
    ),
    (
        "Z9",
        "Ehrenamt und Beteiligung werden digital unterstützt",
        "HF6",
        None,
        "Plattformen für Vereine, Engagement und Bürgerbeteiligung.",
    ),
    (
        "Z10",
        "Daten werden offen und sicher bereitgestellt",
        "HF1",
        None,
        "Open-Data-Portal und Informationssicherheitsmanagement für Kreis und Kommunen.",
    ),
]

CRITERIA = [
    ("Rechtlich zulässig", "knockout", "Die Maßnahme ist rechtlich umsetzbar.", 1),
    ("Finanzierung gesichert oder absehbar", "knockout", "Eigenmittel oder Förderung sind realistisch.", 1),
    ("Nutzen für Bürgerinnen und Bürger", "scored", "Wie stark profitieren Menschen im Kreis?", 3),
    ("Nutzen für mehrere Kommunen", "scored", "Lässt sich die Lösung kreisweit nachnutzen?", 2),
    ("Umsetzbarkeit", "scored", "Aufwand, Risiken und Abhängigkeiten.", 2),
]

EXISTING = [
    (
        "Kreisentwicklungskonzept Coesfeld 2030",
        "Kreis Coesfeld",
        2021,
        [
            ("K1", "Gleichwertige Lebensverhältnisse in allen Kommunen"),
            ("K2", "Starker Wirtschaftsstandort mit Fachkräften"),
            ("K3", "Gute Bildung von Anfang an"),
        ],
    ),
    (
        "Integriertes Klimaschutzkonzept",
        "Kreis Coesfeld",
        2020,
        [
            ("KS1", "Treibhausgasneutralität der Kreisverwaltung bis 2035"),
            ("KS2", "Verkehrswende im ländlichen Raum"),
            ("KS3", "Flächenverbrauch begrenzen"),
        ],
    ),
    (
        "Nahverkehrsplan",
        "Kreis Coesfeld",
        2022,
        [
            ("N1", "Taktverdichtung auf Hauptachsen"),
            ("N2", "Flexible Bedienformen in der Fläche"),
        ],
    ),
]

# our goal, their goal code, kind
ALIGNMENTS = [
    ("Z1", "K1", "supports"),
    ("Z2", "K1", "supports"),
    ("Z2", "K2", "supports"),
    ("Z3", "K3", "supports"),
    ("Z4", "K3", "overlaps"),
    ("Z5", "K1", "supports"),
    ("Z6", "KS2", "supports"),
    ("Z6", "N2", "overlaps"),
    ("Z6", "N1", "overlaps"),
    ("Z7", "KS1", "supports"),
    ("Z8", "K2", "supports"),
    ("Z2.1", "KS3", "conflicts"),
    ("Z10", "K2", "supports"),
    ("Z9", "K1", "supports"),
]

ACTOR_GROUPS = ["Verwaltung", "Kommunen", "Wirtschaft", "Bildung", "Zivilgesellschaft", "Gesundheit und Pflege"]

STAKEHOLDERS = [
    ("IHK Nord Westfalen", "Wirtschaft", 3, 3, "collaborate"),
    ("Handwerkskammer Münster", "Wirtschaft", 2, 2, "consult"),
    ("Wirtschaftsförderung Kreis Coesfeld (wfc)", "Wirtschaft", 3, 3, "empower"),
    ("Kommunales Rechenzentrum (Beispiel-IT-Dienstleister)", "Verwaltung", 3, 3, "collaborate"),
    ("Berufskolleg Coesfeld", "Bildung", 2, 3, "involve"),
    ("Volkshochschule (Beispiel)", "Bildung", 1, 3, "involve"),
    ("Kreissportbund Coesfeld", "Zivilgesellschaft", 1, 2, "consult"),
    ("Seniorenbeirat (Beispiel)", "Zivilgesellschaft", 1, 3, "involve"),
    ("Christophorus-Kliniken (Beispiel)", "Gesundheit und Pflege", 2, 2, "consult"),
    ("Regionalverkehr Münsterland (Beispiel)", "Verwaltung", 2, 3, "collaborate"),
]

# code, title, fields, goals, type, priority, phase, lead unit, cost, funding, programme, start, end, municipalities, partners, summary
MEASURES = [
    (
        "M1",
        "Gemeinsames Serviceportal für Kreis und Kommunen",
        ["HF1"],
        ["Z1"],
        "lead",
        "high",
        "rollout",
        "Stabsstelle Digitalisierung",
        450000,
        "grant",
        "Digitalstrategie NRW",
        "2024-01-01",
        "2026-12-31",
        [("012", "lead"), ("016", "pilot"), ("024", "rollout"), ("044", "rollout")],
        ["Kommunales Rechenzentrum (Beispiel-IT-Dienstleister)"],
        "Ein Portal, über das Bürgerinnen und Bürger alle Online-Leistungen von Kreis und Kommunen finden und beantragen.",
    ),
    (
        "M2",
        "E-Akte in allen Kommunalverwaltungen",
        ["HF1"],
        ["Z1.1"],
        "lead",
        "high",
        "pilot",
        "Stabsstelle Digitalisierung",
        820000,
        "own",
        "",
        "2024-06-01",
        "2027-12-31",
        [("004", "pilot"), ("036", "pilot"), ("040", "interested")],
        ["Kommunales Rechenzentrum (Beispiel-IT-Dienstleister)"],
        "Einheitliche E-Akte mit gemeinsamem Betrieb und Schulungsprogramm.",
    ),
    (
        "M3",
        "Digitale Bauantragsstrecke",
        ["HF1"],
        ["Z1", "Z1.1"],
        "potential",
        "high",
        "operating",
        "Bauordnungsamt",
        180000,
        "grant",
        "OZG-Umsetzung",
        "2023-03-01",
        "2024-12-31",
        [("012", "rollout"), ("016", "rollout")],
        [],
        "Bauanträge werden vollständig digital gestellt, geprüft und beschieden.",
    ),
    (
        "M4",
        "Termin- und Wartemanagement in Bürgerbüros",
        ["HF1"],
        ["Z1"],
        "potential",
        "medium",
        "selected",
        "Kreisverwaltung, Bürgerservice",
        60000,
        "own",
        "",
        "2025-04-01",
        "2026-03-31",
        [("020", "pilot"), ("028", "rollout"), ("032", "rollout")],
        [],
        "Online-Terminvergabe und digitale Wartemarken in allen Bürgerbüros.",
    ),
    (
        "M5",
        "Informationssicherheits-Verbund",
        ["HF1"],
        ["Z10"],
        "lead",
        "high",
        "preparing",
        "IT-Sicherheitsbeauftragter des Kreises",
        240000,
        "own",
        "",
        "2025-01-01",
        "2027-06-30",
        [
            ("004", "rollout"),
            ("008", "rollout"),
            ("012", "lead"),
            ("016", "rollout"),
            ("020", "rollout"),
            ("024", "rollout"),
            ("028", "rollout"),
            ("032", "rollout"),
            ("036", "rollout"),
            ("040", "rollout"),
            ("044", "rollout"),
        ],
        ["Kommunales Rechenzentrum (Beispiel-IT-Dienstleister)"],
        "Gemeinsamer Informationssicherheitsbeauftragter und ISMS für Kreis und Kommunen.",
    ),
    (
        "M6",
        "Open-Data-Portal des Kreises",
        ["HF1", "HF5"],
        ["Z10", "Z7"],
        "potential",
        "medium",
        "profiled",
        "Stabsstelle Digitalisierung",
        90000,
        "grant",
        "Open Data Förderung",
        "2025-09-01",
        "2026-12-31",
        [("012", "interested")],
        [],
        "Offene Daten des Kreises und der Kommunen werden maschinenlesbar veröffentlicht (DCAT-AP.de).",
    ),
    (
        "M7",
        "Glasfaser für Außenbereiche (Graue Flecken)",
        ["HF2"],
        ["Z2"],
        "lead",
        "high",
        "rollout",
        "Breitbandkoordination",
        12500000,
        "grant",
        "Gigabitförderung des Bundes",
        "2023-01-01",
        "2027-12-31",
        [("008", "rollout"), ("020", "rollout"), ("032", "rollout"), ("040", "rollout")],
        ["Wirtschaftsförderung Kreis Coesfeld (wfc)"],
        "Ausbau gigabitfähiger Anschlüsse in bisher unterversorgten Außenbereichen.",
    ),
    (
        "M8",
        "Mobilfunk-Lückenanalyse und Standortsuche",
        ["HF2"],
        ["Z2.1"],
        "potential",
        "medium",
        "preparing",
        "Breitbandkoordination",
        40000,
        "own",
        "",
        "2025-03-01",
        "2025-12-31",
        [("040", "pilot"), ("028", "interested")],
        [],
        "Messfahrten, Lückenkarte und gemeinsame Standortsuche mit Netzbetreibern.",
    ),
    (
        "M9",
        "Öffentliches WLAN an Schulen und in Ortszentren",
        ["HF2", "HF6"],
        ["Z2", "Z9"],
        "potential",
        "low",
        "idea",
        "Breitbandkoordination",
        150000,
        "mixed",
        "",
        None,
        None,
        [("036", "interested"), ("044", "interested")],
        [],
        "Freies WLAN in Ortskernen, Bürgerhäusern und an Schulen.",
    ),
    (
        "M10",
        "Gigabit-Anschluss aller Schulen",
        ["HF2", "HF3"],
        ["Z2", "Z3"],
        "lead",
        "high",
        "completed",
        "Schulverwaltungsamt",
        2100000,
        "grant",
        "Gigabitförderung des Bundes",
        "2021-06-01",
        "2024-08-31",
        [("004", "rollout"), ("012", "rollout"), ("016", "rollout"), ("024", "rollout")],
        [],
        "Alle Schulen in Trägerschaft von Kreis und Kommunen sind mit Glasfaser angeschlossen.",
    ),
    (
        "M11",
        "Medienentwicklungsplan und IT-Support für Schulen",
        ["HF3"],
        ["Z3"],
        "lead",
        "high",
        "operating",
        "Schulverwaltungsamt",
        600000,
        "grant",
        "DigitalPakt Schule",
        "2022-01-01",
        "2026-12-31",
        [("012", "lead"), ("016", "rollout"), ("024", "rollout")],
        ["Berufskolleg Coesfeld"],
        "Gemeinsamer Medienentwicklungsplan, zentraler Support und Geräteverwaltung.",
    ),
    (
        "M12",
        "Digitale Lernwerkstätten in Bibliotheken",
        ["HF3"],
        ["Z4"],
        "potential",
        "medium",
        "pilot",
        "Kreisbibliotheksnetz",
        75000,
        "grant",
        "Landesförderung Bibliotheken",
        "2024-09-01",
        "2026-06-30",
        [("008", "pilot"), ("036", "pilot")],
        ["Volkshochschule (Beispiel)"],
        "Lernorte für 3D-Druck, Programmieren und Medienkompetenz in Stadtbibliotheken.",
    ),
    (
        "M13",
        "Digitallotsen für Seniorinnen und Senioren",
        ["HF3", "HF4"],
        ["Z4", "Z5"],
        "lead",
        "medium",
        "rollout",
        "Sozialamt",
        50000,
        "own",
        "",
        "2024-01-01",
        "2026-12-31",
        [("004", "rollout"), ("016", "rollout"), ("020", "rollout"), ("028", "rollout"), ("044", "rollout")],
        ["Seniorenbeirat (Beispiel)", "Volkshochschule (Beispiel)"],
        "Ehrenamtliche Lotsinnen und Lotsen begleiten Ältere bei der Nutzung digitaler Angebote.",
    ),
    (
        "M14",
        "Qualifizierungsprogramm Digitale Verwaltung",
        ["HF1", "HF3"],
        ["Z1.1", "Z4"],
        "potential",
        "medium",
        "operating",
        "Personalamt",
        120000,
        "own",
        "",
        "2023-09-01",
        "2026-12-31",
        [("012", "rollout"), ("024", "rollout")],
        [],
        "Fortbildungsreihe für Beschäftigte von Kreis und Kommunen: Prozesse, E-Akte, Datenkompetenz.",
    ),
    (
        "M15",
        "Telemedizinische Versorgung in Pflegeheimen",
        ["HF4"],
        ["Z5"],
        "lead",
        "medium",
        "pilot",
        "Gesundheitsamt",
        300000,
        "grant",
        "Krankenhauszukunftsfonds",
        "2024-10-01",
        "2026-09-30",
        [("024", "pilot"), ("028", "pilot")],
        ["Christophorus-Kliniken (Beispiel)"],
        "Videosprechstunden und Telekonsile zwischen Pflegeheimen und Hausarztpraxen.",
    ),
    (
        "M16",
        "Digitale Pflegeplatzbörse",
        ["HF4"],
        ["Z5"],
        "potential",
        "medium",
        "selected",
        "Sozialamt",
        45000,
        "own",
        "",
        "2025-05-01",
        "2026-04-30",
        [],
        [],
        "Freie Pflege- und Kurzzeitpflegeplätze im Kreis tagesaktuell auf einen Blick.",
    ),
    (
        "M17",
        "Gemeindeschwester plus mit digitaler Dokumentation",
        ["HF4"],
        ["Z5"],
        "potential",
        "low",
        "idea",
        "Sozialamt",
        80000,
        "grant",
        "",
        None,
        None,
        [("040", "interested")],
        [],
        "Präventive Hausbesuche mit mobiler, digitaler Dokumentation.",
    ),
    (
        "M18",
        "On-Demand-Verkehr im ländlichen Raum",
        ["HF5"],
        ["Z6"],
        "lead",
        "high",
        "rollout",
        "Amt für Mobilität",
        1400000,
        "grant",
        "Modellvorhaben ÖPNV",
        "2023-08-01",
        "2027-07-31",
        [("008", "rollout"), ("020", "pilot"), ("032", "rollout"), ("040", "pilot")],
        ["Regionalverkehr Münsterland (Beispiel)"],
        "Per App buchbare Kleinbusse ergänzen Linienverkehr in der Fläche.",
    ),
    (
        "M19",
        "Mobilitätsstationen mit digitaler Buchung",
        ["HF5"],
        ["Z6"],
        "potential",
        "medium",
        "preparing",
        "Amt für Mobilität",
        900000,
        "grant",
        "Förderprogramm Mobilitätsstationen",
        "2025-01-01",
        "2027-12-31",
        [("012", "rollout"), ("016", "rollout"), ("024", "rollout")],
        ["Regionalverkehr Münsterland (Beispiel)"],
        "Bike- und Carsharing an Bahnhöfen, buchbar über eine gemeinsame App.",
    ),
    (
        "M20",
        "Echtzeit-Fahrgastinformation",
        ["HF5"],
        ["Z6"],
        "potential",
        "medium",
        "operating",
        "Amt für Mobilität",
        350000,
        "grant",
        "",
        "2022-03-01",
        "2024-06-30",
        [("012", "rollout"), ("016", "rollout")],
        ["Regionalverkehr Münsterland (Beispiel)"],
        "Dynamische Anzeiger und offene Echtzeitdaten für alle Buslinien.",
    ),
    (
        "M21",
        "Sensornetz für Klimaanpassung",
        ["HF5"],
        ["Z7"],
        "potential",
        "medium",
        "pilot",
        "Umweltamt",
        110000,
        "grant",
        "Smarte.Land.Regionen (Beispiel)",
        "2024-04-01",
        "2026-03-31",
        [("036", "pilot"), ("044", "pilot")],
        [],
        "Pegel-, Boden- und Temperatursensoren für Hitze- und Starkregenvorsorge.",
    ),
    (
        "M22",
        "Digitales Energiemanagement kreiseigener Gebäude",
        ["HF5"],
        ["Z7"],
        "potential",
        "high",
        "rollout",
        "Gebäudemanagement",
        260000,
        "grant",
        "Kommunalrichtlinie",
        "2024-01-01",
        "2026-12-31",
        [],
        [],
        "Verbrauchsdaten aller Liegenschaften werden automatisch erfasst und ausgewertet.",
    ),
    (
        "M23",
        "Digitalberatung für kleine und mittlere Unternehmen",
        ["HF6"],
        ["Z8"],
        "lead",
        "high",
        "operating",
        "Wirtschaftsförderung",
        200000,
        "mixed",
        "",
        "2022-01-01",
        "2026-12-31",
        [("012", "rollout"), ("016", "rollout"), ("024", "rollout")],
        ["Wirtschaftsförderung Kreis Coesfeld (wfc)", "IHK Nord Westfalen", "Handwerkskammer Münster"],
        "Niedrigschwellige Erstberatung und Digitalisierungs-Checks für Betriebe.",
    ),
    (
        "M24",
        "Coworking-Spaces in Ortszentren",
        ["HF6"],
        ["Z8"],
        "potential",
        "low",
        "profiled",
        "Wirtschaftsförderung",
        180000,
        "grant",
        "Regionale Strukturförderung",
        "2026-01-01",
        "2027-12-31",
        [("004", "interested"), ("032", "interested")],
        ["Wirtschaftsförderung Kreis Coesfeld (wfc)"],
        "Gemeinsam betriebene Arbeitsorte beleben Ortskerne und verkürzen Pendelwege.",
    ),
    (
        "M25",
        "Digitales Tourismusnetzwerk Münsterland",
        ["HF6"],
        ["Z8"],
        "potential",
        "medium",
        "rollout",
        "Kreis Coesfeld Tourismus",
        95000,
        "mixed",
        "",
        "2024-03-01",
        "2026-02-28",
        [("008", "rollout"), ("036", "rollout"), ("040", "rollout")],
        [],
        "Offene Tourismusdaten, digitale Radroutenplanung und Buchbarkeit.",
    ),
    (
        "M26",
        "Ehrenamtsplattform des Kreises",
        ["HF6"],
        ["Z9"],
        "potential",
        "medium",
        "preparing",
        "Stabsstelle Ehrenamt",
        70000,
        "own",
        "",
        "2025-02-01",
        "2026-01-31",
        [("016", "pilot"), ("044", "rollout")],
        ["Kreissportbund Coesfeld"],
        "Vereine finden Engagierte, Engagierte finden passende Aufgaben.",
    ),
    (
        "M27",
        "Digitale Bürgerbeteiligung für Kreis und Kommunen",
        ["HF6"],
        ["Z9"],
        "lead",
        "medium",
        "pilot",
        "Stabsstelle Digitalisierung",
        85000,
        "own",
        "",
        "2024-11-01",
        "2026-06-30",
        [("012", "pilot"), ("028", "pilot")],
        [],
        "Gemeinsame Beteiligungsplattform für Kreis und Kommunen, auch für diese Strategie.",
    ),
    (
        "M28",
        "Vereinsverwaltung in der Cloud",
        ["HF6"],
        ["Z9"],
        "potential",
        "low",
        "idea",
        "Stabsstelle Ehrenamt",
        30000,
        "external",
        "",
        None,
        None,
        [],
        ["Kreissportbund Coesfeld"],
        "Sammellizenz und Schulungen für digitale Vereinsverwaltung.",
    ),
    (
        "M29",
        "KI-Assistenz für Bürgeranfragen",
        ["HF1"],
        ["Z1"],
        "potential",
        "low",
        "idea",
        "Stabsstelle Digitalisierung",
        120000,
        "own",
        "",
        None,
        None,
        [("012", "interested")],
        [],
        "Ein Assistent beantwortet häufige Fragen rund um Verwaltungsleistungen in einfacher Sprache.",
    ),
    (
        "M30",
        "Geodateninfrastruktur für Kreis und Kommunen",
        ["HF1", "HF5"],
        ["Z10", "Z7"],
        "potential",
        "medium",
        "operating",
        "Vermessungs- und Katasteramt",
        210000,
        "own",
        "",
        "2021-01-01",
        "2025-12-31",
        [
            ("004", "rollout"),
            ("008", "rollout"),
            ("012", "rollout"),
            ("016", "rollout"),
            ("020", "rollout"),
            ("024", "rollout"),
        ],
        [],
        "Gemeinsames Geoportal mit Bebauungsplänen, Leitungsauskunft und Luftbildern.",
    ),
]

ADOPTIONS = [
    ("kreistag", None, "2024-03-20", "SV-10/0412", "https://oparl.example.org/coesfeld/paper/10-0412"),
    ("municipal_council", "012", "2024-04-25", "Vorlage 2024/087", ""),
    ("municipal_council", "016", "2024-05-14", "DS 0156/2024", ""),
]

DEMO_PASSWORD = "kreiskurs-demo"

# username, display name, role, municipality suffix or measure code
ACCOUNTS = [
    ("admin", "Plattform-Administration", None, None),
    ("cdo", "Carla Demir (CDO, Strategieteam)", "strategy_team", None),
    ("lenkung", "Lars Engel (Lenkungskreis)", "steering", None),
    ("gemeinde", "Greta Meier (Ansprechperson Dülmen)", "municipal_contact", "016"),
    ("massnahme", "Mia Kaya (Verantwortlich M1)", "measure_lead", "M1"),
    ("moderation", "Moritz Wolf (Moderation)", "moderator", None),
    ("buerger", "Bea Sommer", None, None),
]

# Indicators as a CSV file would bring them (semicolon, German decimal comma)
INDICATORS_CSV = """code;name;unit;direction;baseline_value;baseline_date;target_value;target_date;level;scope;source;description
I1;Online verfügbare Verwaltungsleistungen;%;up;18;31.12.2022;80;31.12.2028;strategy;district;OZG-Dashboard (Beispiel);Anteil der 100 meistgenutzten Leistungen von Kreis und Kommunen, die vollständig online beantragt werden können.
I2;Haushalte mit Gigabit-Anschluss;%;up;35;31.12.2022;95;31.12.2030;strategy;municipality;Breitbandatlas (Beispiel);Anteil der Haushalte mit Zugang zu mindestens 1 Gbit/s.
I3;Teilnehmende an Digitallotsen-Angeboten;Personen;up;0;31.12.2023;1500;31.12.2026;measure;district;Sozialamt (Beispiel);Teilnahmen an Sprechstunden und Kursen der Digitallotsen (Maßnahme M13).
I4;Papierausdrucke der Kreisverwaltung;Blatt je Beschäftigte;down;4200;31.12.2022;1500;31.12.2027;strategy;district;Gebäudemanagement (Beispiel);Gedruckte Seiten je Beschäftigte und Jahr.
BEV-U18;Bevölkerung unter 18 Jahre;Personen;up;;;;;strategy;district;Regionalstatistik 12411-03-03-4;Einwohnerinnen und Einwohner unter 18 Jahren am 31.12. (Altersgruppen unter 3 bis 15 bis unter 18).
BEV-18-29;Bevölkerung 18 bis 29 Jahre;Personen;up;;;;;strategy;district;Regionalstatistik 12411-03-03-4;Einwohnerinnen und Einwohner von 18 bis unter 30 Jahren am 31.12.
BEV-30-44;Bevölkerung 30 bis 44 Jahre;Personen;up;;;;;strategy;district;Regionalstatistik 12411-03-03-4;Einwohnerinnen und Einwohner von 30 bis unter 45 Jahren am 31.12.
BEV-45-64;Bevölkerung 45 bis 64 Jahre;Personen;up;;;;;strategy;district;Regionalstatistik 12411-03-03-4;Einwohnerinnen und Einwohner von 45 bis unter 65 Jahren am 31.12.
BEV-65;Bevölkerung 65 Jahre und älter;Personen;up;;;;;strategy;district;Regionalstatistik 12411-03-03-4;Einwohnerinnen und Einwohner ab 65 Jahren am 31.12.
"""

# The population of Kreis Coesfeld by age band, Stichtag 31.12.2022: the measurements of the five BEV-*
# indicators that the representativeness table compares the participants' age bands with (decision 0029,
# docs/participation.md "Repräsentativität"). Source: Regionalstatistik table 12411-03-03-4 "Bevölkerung nach
# Geschlecht und Altersgruppen (17)", Kreis 05558, the 17 age groups added into the five bands. Rounded to
# hundreds and scaled to the GV100AD population of the demo's eleven municipalities (224.692, the same
# Stichtag), so the two tables describe the same people; the shares (18 %, 12,8 %, 17 %, 29,5 %, 22,7 %) are
# demo values in the shape of that table, written down without access to it: look the rows up before quoting
# them as the Kreis' figures.
AGE_BAND_POPULATION_2022 = {
    "BEV-U18": 40_400,
    "BEV-18-29": 28_800,
    "BEV-30-44": 38_200,
    "BEV-45-64": 66_300,
    "BEV-65": 51_000,
}

GIGABIT_2025 = {
    "004": 71,
    "008": 58,
    "012": 88,
    "016": 84,
    "020": 62,
    "024": 79,
    "028": 55,
    "032": 66,
    "036": 73,
    "040": 49,
    "044": 81,
}

# measure code, reported by ("lead" = the measure lead of M1, else the team), reports
STATUS_REPORTS = [
    (
        "M1",
        "lead",
        [
            ("2024-06-30", "pilot", 25, "Pilotbetrieb in Coesfeld gestartet; 40 Leistungen online.", ""),
            (
                "2024-12-31",
                "rollout",
                45,
                "Dülmen angebunden, Lüdinghausen und Senden in Vorbereitung.",
                "Schnittstelle zum Fachverfahren Gewerbe verzögert sich.",
            ),
            ("2025-06-30", "rollout", 60, "Vier Kommunen produktiv; 72 Leistungen online.", ""),
        ],
    ),
    (
        "M7",
        "team",
        [
            (
                "2025-03-31",
                "rollout",
                55,
                "Tiefbau in Billerbeck und Rosendahl abgeschlossen.",
                "Baukosten steigen um 8 %.",
            ),
        ],
    ),
    (
        "M18",
        "team",
        [
            (
                "2024-09-30",
                "rollout",
                35,
                "Nach dem Pilot in Havixbeck und Rosendahl (2.300 Fahrten im ersten Quartal) folgen Billerbeck und Nordkirchen.",
                "",
            ),
        ],
    ),
]

# The evaluation of version 1 for 2025: ratings that differ from the suggestion, findings, change proposals.
EVALUATION_TITLE = "Evaluation 2025"
EVALUATION_PERIOD = ("2025-01-01", "2025-12-31")
EVALUATION_RATINGS = [
    ("M7", "at_risk", "Der Tiefbau kommt voran, aber die Baukosten steigen; Nachfinanzierung ist offen."),
    ("M3", "off_track", "Die Ausschreibung der Bauantragsstrecke hat sich um ein Jahr verzögert."),
]
EVALUATION_FINDINGS = (
    "Die Online-Dienste kommen gut voran: vier Kommunen nutzen das Serviceportal produktiv. "
    "Beim Breitbandausbau steigen die Kosten, und die digitale Bauantragsstrecke hängt an der Ausschreibung. "
    "In der Beteiligung wurde mehrfach eine digitale Sprechstunde im Bürgerbüro gewünscht."
)
# element kind, element code, action, title, change, reason, decision ("accept"/"reject"/""), note
EVALUATION_PROPOSALS = [
    (
        "field",
        "HF1",
        "new_measure",
        "Digitale Sprechstunde im Bürgerbüro",
        "Termine per Video für Beratungen, die keinen Besuch vor Ort brauchen.",
        "Wunsch aus der Beteiligung; entlastet die Bürgerbüros in den kleinen Gemeinden.",
        "accept",
        "Im Steuerungskreis am 20.01.2026 befürwortet.",
    ),
    (
        "measure",
        "M3",
        "change",
        "Bauantragsstrecke über das Landesportal",
        "Statt eigener Ausschreibung die Lösung des Landes nachnutzen.",
        "Die eigene Ausschreibung verzögert die Maßnahme um ein Jahr.",
        "",
        "",
    ),
    (
        "measure",
        "M7",
        "retire",
        "Breitbandausbau dem Land überlassen",
        "Die Maßnahme streichen und auf das Landesprogramm verweisen.",
        "Kostensteigerung beim Tiefbau.",
        "reject",
        "Die Anbindung der Außenbereiche bleibt Kreisaufgabe; die Mehrkosten sind gedeckt.",
    ),
]

# --- participation ----------------------------------------------------------------------------

# pseudonym, actor group or "", municipality of residence (last three digits of the AGS) or "", age band or ""
# (the self-declarations the representativeness table compares; decision 0029)
DEMO_PARTICIPANTS = [
    ("Radlerin aus Nottuln", "Zivilgesellschaft", "032", "30-44"),
    ("Hofladen Billerbeck", "Wirtschaft", "004", "45-64"),
    ("Schulleitung GS Lüdinghausen", "Bildung", "028", "45-64"),
    ("Jonas", "", "016", "18-29"),
    ("Seniorenbeirat Senden", "Zivilgesellschaft", "044", "65+"),
    ("Pflegedienst Havixbeck", "Gesundheit und Pflege", "", ""),
]
# More people who voted on the statements only (no actor group; pseudonyms "Teilnehmende 1" …), so the
# statements process has enough people for the representativeness tables to show figures and flags beyond
# "< 5": (age band or "", municipality of residence or "", how many). Together with DEMO_PARTICIPANTS the age
# bands are 5 / 5 / 7 / 22 / 6 of 45 people who declared one: 45–64 over-represented, the others not flagged
# (compare AGE_BAND_POPULATION_2022); Coesfeld and Billerbeck over-represented among the municipalities.
DEMO_VOTERS = [
    ("u18", "008", 5),
    ("18-29", "012", 2),
    ("18-29", "016", 2),
    ("30-44", "012", 3),
    ("30-44", "016", 3),
    ("45-64", "012", 9),
    ("45-64", "016", 5),
    ("45-64", "032", 3),
    ("45-64", "", 3),
    ("65+", "012", 3),
    ("65+", "", 2),
    ("", "", 3),
]
#: how the voters of DEMO_VOTERS vote on the statements (1 agree, -1 disagree, 0 pass, None no vote), by their
#: number modulo 5: one vote each, enough to count as taking part (every vote goes through ``cast_vote``; four
#: votes for each of 80 people cost the demo 18 s more on this machine, one for each of these 43 about 2 s)
DEMO_VOTER_PATTERNS = [
    [1, None, None, None],
    [None, -1, None, None],
    [None, None, 1, None],
    [None, None, None, -1],
    [None, 1, None, None],
]
IDEAS_PROCESS = (
    "Ideen für das digitale Coesfeld",
    "Was soll der Kreis mit seinen Städten und Gemeinden digital angehen? Sammeln Sie Ideen, unterstützen Sie die "
    "Ideen anderer und diskutieren Sie mit. Wir sagen zu jeder Idee, was aus ihr wird.",
)
# author index, title, text, field code, status, reason, measure code (version 2) or ""
DEMO_IDEAS = [
    (
        0,
        "Video-Sprechstunde im Bürgerbüro",
        "Viele Anliegen ließen sich per Video klären, ohne dass ich nach Coesfeld fahren muss.",
        "HF1",
        "taken",
        "Aufgenommen als Maßnahme E1 (Digitale Sprechstunde im Bürgerbüro) in den Entwurf der Fortschreibung 2026.",
        "E1",
    ),
    (
        1,
        "Regionale Händler gemeinsam online",
        "Ein gemeinsamer Online-Marktplatz für Hofläden und Geschäfte im Kreis, mit Abholung vor Ort.",
        "HF6",
        "in_review",
        "",
        "",
    ),
    (
        2,
        "WLAN in allen Turnhallen",
        "Für den digitalen Sportunterricht und für Vereine am Abend.",
        "HF3",
        "merged",
        "Gleiches Anliegen wie „Öffentliches WLAN an Schulen“ (Maßnahme M9); dort weiterverfolgt.",
        "",
    ),
    (3, "Busfahrplan als offene Daten", "Damit Apps die Abfahrten im Kreis anzeigen können.", "HF5", "new", "", ""),
    (
        4,
        "Digitalsprechstunde für Ältere",
        "Ehrenamtliche helfen älteren Menschen einmal im Monat mit Smartphone und Online-Diensten.",
        "HF6",
        "declined",
        "Das gibt es schon: die Digitallotsen (Maßnahme M21) bieten genau das in allen Gemeinden an.",
        "",
    ),
]
# idea index, author index, text, reply (author index, text) or None
DEMO_COMMENTS = [
    (0, 3, "Gute Idee, gerade für Termine beim Straßenverkehrsamt.", (0, "Genau, oder für Beratungen zum Wohngeld.")),
    (1, 5, "Wäre auch für Apotheken interessant.", None),
    (3, 2, "Die Schülerinnen und Schüler würden sich freuen.", None),
]
DRAFT_PROCESS = (
    "Entwurf der Fortschreibung 2026 kommentieren",
    "Der Entwurf der fortgeschriebenen Digitalstrategie liegt vor. Kommentieren Sie Leitbild, Ziele, Handlungsfelder "
    "und Maßnahmen Absatz für Absatz.",
)
# paragraph ("vision:<n>" or "<kind>:<code>"), author index, text
DEMO_DRAFT_COMMENTS = [
    ("vision:1", 4, "Bitte auch an Menschen denken, die nicht online sind."),
    ("goal:Z1", 1, "100 Leistungen bis 2028 ist ehrgeizig – gut so."),
    ("measure:M1", 3, "Das Serviceportal sollte auch als App funktionieren."),
]
STATEMENTS_PROCESS = (
    "Meinungsbild: Künstliche Intelligenz in der Verwaltung",
    "Wie sollen Kreis und Gemeinden KI einsetzen? Stimmen Sie den Thesen zu, lehnen Sie sie ab – oder überspringen "
    "Sie sie. Eigene Thesen können Sie vorschlagen; sie erscheinen nach der Moderation.",
)
# statement, votes of the demo participants in order (1 agree, -1 disagree, 0 pass, None no vote)
DEMO_STATEMENTS = [
    ("KI darf Anträge vorsortieren, entscheiden muss ein Mensch.", [1, 1, 1, 1, 1, 0]),
    ("Chatbots sollen rund um die Uhr Fragen zu Verwaltungsleistungen beantworten.", [1, -1, 1, 1, -1, 1]),
    ("Der Kreis soll offenlegen, wo er KI einsetzt.", [1, 1, 1, None, 1, 1]),
    ("Für KI sollte lieber in mehr Personal investiert werden.", [-1, 0, -1, -1, 1, 1]),
]
SURVEY_PROCESS = (
    "Umfrage: Wie digital ist Ihr Alltag?",
    "Eine kurze Umfrage für die Fortschreibung der Strategie. Die Ergebnisse erscheinen nach dem Ende der Umfrage.",
)
SURVEY_TITLE = "Digitaler Alltag im Kreis Coesfeld"
# kind, text, choices (or scale labels), answers of the demo participants in order
DEMO_SURVEY = [
    (
        "single",
        "Wie erledigen Sie Behördengänge am liebsten?",
        ["online", "vor Ort", "telefonisch"],
        ["online", "vor Ort", "online", "online", "vor Ort", "telefonisch"],
    ),
    (
        "multiple",
        "Welche Online-Dienste nutzen Sie schon?",
        ["Terminbuchung", "Online-Antrag", "Bürger-App", "keine"],
        [
            ["Terminbuchung", "Online-Antrag"],
            ["keine"],
            ["Terminbuchung"],
            ["Online-Antrag", "Bürger-App"],
            ["keine"],
            ["Terminbuchung"],
        ],
    ),
    (
        "scale",
        "Wie zufrieden sind Sie mit dem Mobilfunk an Ihrem Wohnort?",
        ["sehr unzufrieden", "sehr zufrieden"],
        [2, 1, 4, 3, 2, 3],
    ),
    (
        "text",
        "Was wünschen Sie sich vom Kreis?",
        [],
        ["Schnelleres Internet auf dem Land.", "", "Mehr WLAN in Schulen.", "", "", ""],
    ),
]
# title, days from today (negative: past), place, format, attendees, results (title, text) or None
DEMO_EVENTS = [
    (
        "Zukunftswerkstatt Digitales Coesfeld",
        -20,
        "Kreishaus Coesfeld, Sitzungssaal",
        "workshop",
        38,
        (
            "Digitale Sprechstunden in allen Bürgerbüros",
            "Die Werkstatt empfiehlt Video-Sprechstunden in allen elf Kommunen, zuerst für Beratungen ohne Unterschrift.",
        ),
    ),
    ("Infoabend Breitband in Rosendahl", 12, "Bürgerhaus Osterwick", "info", None, None),
]
# municipality key (AGS suffix), title, description, status, contact, field codes, goal codes
DEMO_INITIATIVES = [
    (
        "012",
        "Bürger-App Coesfeld",
        "Mängelmelder, Abfallkalender und Terminbuchung in einer App der Stadt.",
        "running",
        "Stabsstelle Digitalisierung der Stadt",
        ["HF1"],
        ["Z1"],
    ),
    (
        "016",
        "Digitale Schultafeln in allen Grundschulen",
        "Ausstattung und Fortbildung, finanziert aus dem Digitalpakt.",
        "done",
        "Schulamt",
        ["HF3"],
        [],
    ),
    ("004", "Dorf-WLAN Billerbeck", "Freies WLAN auf Marktplatz und am Dom.", "running", "", ["HF2"], []),
    (
        "028",
        "Online-Ratsinformationssystem",
        "Sitzungsunterlagen öffentlich und barrierefrei.",
        "planned",
        "Ratsbüro",
        ["HF1", "HF6"],
        [],
    ),
]
PRIORITIES_PROCESS = (
    "Welche Maßnahmen zuerst?",
    "Bewerten Sie, wie wichtig Ihnen die Maßnahmen des Entwurfs sind. Das Ergebnis fließt in die Priorisierung ein.",
)
# measure code, ratings of the demo participants in order
DEMO_PRIORITIES = [("M1", [5, 4, 5, 3, 4, 5]), ("M7", [4, 5, 3, 2, 5, 4]), ("M13", [3, 2, 4, 3, 5, 4])]
