"""The default maturity model that ships with Kreiskurs (plain data, no Django).

Eight dimensions that match the usual fields of a district strategy, three or
four questions each, five level descriptions per question (0–4). The
questions are written so that a village of 200 inhabitants with a volunteer
mayor and a town of 50,000 can both answer honestly: they ask what the
municipality does *or arranges* (through its Amt, Verbandsgemeinde, the
district or an IT service provider), and "trifft nicht zu" is always an
answer (e.g. a municipality that runs no school).

``keywords`` of a dimension are matched (case-insensitive, as substrings)
against the titles of the district's fields of action when the model is
installed; the matches become the dimension's default links (editable).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuestionData:
    code: str
    text: str
    help: str
    levels: tuple[str, str, str, str, str]
    weight: int = 1


@dataclass(frozen=True)
class DimensionData:
    code: str
    title: str
    description: str
    keywords: tuple[str, ...]
    questions: tuple[QuestionData, ...]
    weight: int = 1


TITLE = "Digitale Reife der Gemeinden"
DESCRIPTION = (
    "Selbsteinschätzung der kreisangehörigen Städte und Gemeinden (und der Kreisverwaltung) in neun Dimensionen. "
    "Jede Frage wird mit einer Stufe von 0 (nicht begonnen) bis 4 (fest verankert und weiterentwickelt) "
    "beantwortet, oder mit „trifft nicht zu“."
)

DIMENSIONS: tuple[DimensionData, ...] = (
    DimensionData(
        code="verwaltung",
        title="Verwaltung und Online-Dienste",
        description="Online-Leistungen, elektronische Akten, Ratsarbeit und die Kompetenzen der Beschäftigten.",
        keywords=("Verwaltung", "Online-Dienst", "OZG"),
        weight=2,
        questions=(
            QuestionData(
                "V1",
                "Wie viele Ihrer Verwaltungsleistungen können Bürgerinnen, Bürger und Unternehmen vollständig "
                "online beantragen?",
                "Leistungen, die Ihre Gemeinde erbringt (oder Amt bzw. Verbandsgemeinde für Sie), z. B. "
                "Meldebescheinigung, Hundesteuer, Gewerbeanzeige. „Vollständig online“ heißt: Antrag, Nachweise "
                "und Bescheid ohne Papier und ohne Vorsprache.",
                (
                    "Keine Leistung ist online beantragbar; Formulare gibt es höchstens zum Ausdrucken.",
                    "Einzelne Formulare lassen sich online ausfüllen, werden aber ausgedruckt oder per E-Mail "
                    "weiterbearbeitet.",
                    "Einige häufig genutzte Leistungen sind vollständig online beantragbar, etwa über das "
                    "Serviceportal des Landes oder des Kreises.",
                    "Die meisten häufig genutzten Leistungen sind vollständig online beantragbar, mit Nutzerkonto "
                    "und elektronischer Bezahlung.",
                    "Nahezu alle Leistungen sind vollständig online beantragbar; Bescheide kommen digital zurück, "
                    "die Nutzung wird ausgewertet und verbessert.",
                ),
                weight=2,
            ),
            QuestionData(
                "V2",
                "Wie arbeitet Ihre Verwaltung mit Akten und Vorgängen?",
                "E-Akte, Dokumentenmanagement, digitale Vorgangsbearbeitung – in kleinen Gemeinden auch über eine "
                "gemeinsame Lösung mit Amt, Verband oder Kreis.",
                (
                    "Akten werden auf Papier geführt; Dateien liegen verstreut auf einzelnen Rechnern.",
                    "Es gibt gemeinsame Ablagen mit Ordnerregeln; maßgeblich ist aber die Papierakte.",
                    "Eine E-Akte oder ein Dokumentenmanagement ist eingeführt, wird aber nur in einzelnen "
                    "Bereichen genutzt.",
                    "Die E-Akte ist in den meisten Bereichen die maßgebliche Akte; eingehende Post wird gescannt.",
                    "Vorgänge laufen durchgängig elektronisch vom Eingang bis ins Archiv, auch im Austausch mit "
                    "Kreis und Land.",
                ),
            ),
            QuestionData(
                "V3",
                "Wie ist die Arbeit von Rat und Ausschüssen digital unterstützt?",
                "Sitzungsdienst, Ratsinformationssystem, digitale Sitzungsunterlagen – bei ehrenamtlich "
                "verwalteten Gemeinden auch über Amt oder Verbandsgemeinde.",
                (
                    "Einladungen und Vorlagen gehen nur auf Papier an die Ratsmitglieder.",
                    "Vorlagen werden zusätzlich per E-Mail verschickt.",
                    "Ein Ratsinformationssystem stellt Vorlagen und Niederschriften für die Ratsmitglieder bereit.",
                    "Der Rat arbeitet papierlos; öffentliche Vorlagen und Beschlüsse sind für alle online einsehbar.",
                    "Zusätzlich sind hybride Sitzungen oder Übertragungen möglich, und Ratsdaten stehen offen und "
                    "maschinenlesbar bereit (z. B. OParl).",
                ),
            ),
            QuestionData(
                "V4",
                "Wie steht es um die digitalen Kompetenzen der haupt- und ehrenamtlich Tätigen in der Verwaltung?",
                "Auch in einer kleinen Gemeinde mit wenigen Beschäftigten oder ehrenamtlicher Bürgermeisterin "
                "bzw. ehrenamtlichem Bürgermeister.",
                (
                    "Digitale Themen hängen an einzelnen Personen; Fortbildung dazu gibt es nicht.",
                    "Einzelne besuchen bei Bedarf Schulungen.",
                    "Es gibt eine benannte Ansprechperson für Digitalisierung und regelmäßige Schulungsangebote.",
                    "Fortbildung ist geplant und erreicht alle; neue Verfahren werden mit Einarbeitung eingeführt.",
                    "Digitale Kompetenz ist Teil der Personalentwicklung; die Gemeinde teilt ihr Wissen mit "
                    "Nachbarkommunen.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="infrastruktur",
        title="Digitale Infrastruktur",
        description="Glasfaser, Mobilfunk, die Anbindung öffentlicher Gebäude und öffentliches WLAN.",
        keywords=("Infrastruktur", "Breitband", "Konnektivität", "Glasfaser"),
        questions=(
            QuestionData(
                "I1",
                "Wie gut sind Haushalte und Betriebe Ihrer Gemeinde mit schnellem Internet versorgt?",
                "Gigabitfähig heißt: Glasfaser bis ins Gebäude oder gleichwertig. Einschätzung nach "
                "Breitbandatlas oder Auskunft des Netzbetreibers; Außenbereiche und Höfe zählen mit.",
                (
                    "Große Teile der Gemeinde haben weniger als 30 Mbit/s; ein Ausbau ist nicht geplant.",
                    "Die Grundversorgung ist überwiegend gesichert; gigabitfähige Anschlüsse gibt es kaum, ein "
                    "Ausbau ist in Planung.",
                    "Ein Teil der Haushalte ist gigabitfähig angeschlossen; der Ausbau für die übrigen läuft.",
                    "Die meisten Haushalte und Betriebe sind gigabitfähig angeschlossen; verbliebene Lücken sind "
                    "erfasst und in der Förderung.",
                    "Nahezu alle Gebäude, auch im Außenbereich, haben einen gigabitfähigen Anschluss.",
                ),
                weight=2,
            ),
            QuestionData(
                "I2",
                "Wie ist der Mobilfunkempfang in Ihrer Gemeinde?",
                "Sprache und mobile Daten (mindestens 4G/LTE) in den Ortslagen, an den Straßen und in der Fläche.",
                (
                    "Es gibt ausgedehnte Funklöcher, auch in den Ortslagen.",
                    "In den Ortslagen ist meist Empfang, außerhalb häufig nicht.",
                    "4G ist in den Ortslagen verlässlich verfügbar; bekannte Funklöcher sind gemeldet.",
                    "4G ist fast überall verfügbar; die Gemeinde hilft aktiv bei der Suche nach Standorten für Masten.",
                    "Flächendeckend guter Empfang, in den Ortslagen auch mit 5G.",
                ),
            ),
            QuestionData(
                "I3",
                "Wie sind die öffentlichen Gebäude Ihrer Gemeinde angebunden?",
                "Rathaus oder Gemeindebüro, Bauhof, Feuerwehrhaus, Dorfgemeinschaftshaus, Schulen und Kitas in "
                "Ihrer Trägerschaft.",
                (
                    "Öffentliche Gebäude haben keinen oder nur einen langsamen Internetzugang.",
                    "Das Rathaus bzw. Gemeindebüro ist angebunden, die anderen Gebäude nicht.",
                    "Die meisten öffentlichen Gebäude haben einen ausreichenden Anschluss.",
                    "Alle öffentlichen Gebäude sind gigabitfähig angebunden und vernetzt.",
                    "Alle Gebäude sind angebunden, werden zentral betreut und bieten, wo es sinnvoll ist, Gäste-WLAN.",
                ),
            ),
            QuestionData(
                "I4",
                "Gibt es öffentliches WLAN an wichtigen Orten?",
                "Ortsmitte, Bürgerhaus, Bahnhof oder Haltestelle, Sportstätten, Ausflugsziele – in kleinen Orten "
                "kann ein Zugangspunkt am Dorfplatz genügen.",
                (
                    "Nein, und es ist nicht geplant.",
                    "Einzelne Zugangspunkte, etwa von Vereinen oder einer Freifunk-Initiative.",
                    "Öffentliches WLAN an einzelnen zentralen Orten.",
                    "Öffentliches WLAN an den meisten wichtigen Orten, betrieben oder unterstützt von der Gemeinde.",
                    "Öffentliches WLAN an allen wichtigen Orten; Betrieb, Jugendschutz und Auswertung der Nutzung "
                    "sind geregelt.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="bildung",
        title="Bildung und Schulen",
        description="Ausstattung und Betreuung der Schulen und Kitas, digitale Kompetenzen aller Generationen.",
        keywords=("Bildung", "Schule", "Kompetenz"),
        questions=(
            QuestionData(
                "B1",
                "Wie sind die Schulen in Ihrer Trägerschaft digital ausgestattet?",
                "Netz, WLAN, Präsentationstechnik, Endgeräte. Ist Ihre Gemeinde nicht Schulträgerin, wählen Sie "
                "„trifft nicht zu“.",
                (
                    "Es gibt kaum digitale Ausstattung in den Schulen.",
                    "Einzelne Räume sind ausgestattet; das WLAN reicht nicht für ganze Klassen.",
                    "Ein Medienentwicklungsplan liegt vor, die Ausstattung wird umgesetzt.",
                    "Alle Unterrichtsräume haben WLAN und Präsentationstechnik; Endgeräte stehen für viele "
                    "Schülerinnen und Schüler bereit.",
                    "Die Ausstattung ist vollständig, wird regelmäßig erneuert und gemeinsam mit den Schulen geplant.",
                ),
                weight=2,
            ),
            QuestionData(
                "B2",
                "Wer betreut die Technik in Schulen, Kitas und anderen Bildungseinrichtungen Ihrer Gemeinde?",
                "Ohne eigene Schulen: die Technik in Kita, Bücherei oder Jugendtreff. Gibt es keine solche "
                "Einrichtung, wählen Sie „trifft nicht zu“.",
                (
                    "Niemand ist zuständig; die Beschäftigten der Einrichtungen helfen sich selbst.",
                    "Engagierte Einzelne kümmern sich nebenbei, bei akuten Problemen hilft eine Firma.",
                    "Die Betreuung ist vertraglich geregelt, mit festen Reaktionszeiten.",
                    "Ein professioneller Support betreut alle Einrichtungen; die Geräte werden zentral verwaltet.",
                    "Der Support ist professionell, mit Kreis oder Nachbarn gebündelt und wird regelmäßig mit den "
                    "Einrichtungen abgestimmt.",
                ),
            ),
            QuestionData(
                "B3",
                "Können Menschen jeden Alters in Ihrer Gemeinde digitale Kompetenzen erwerben?",
                "Kurse der Volkshochschule, Handy-Sprechstunden für Ältere, Angebote der Bücherei, von Vereinen "
                "oder Kirchengemeinden – auch im Nachbarort, wenn sie gut erreichbar sind.",
                (
                    "Es gibt keine erreichbaren Angebote.",
                    "Es gibt gelegentlich einzelne Angebote.",
                    "Es gibt regelmäßige Angebote für einzelne Gruppen, z. B. für Seniorinnen und Senioren.",
                    "Es gibt regelmäßige Angebote für mehrere Altersgruppen; die Gemeinde macht sie bekannt und "
                    "stellt Räume bereit.",
                    "Ein mit Partnern abgestimmtes Programm erreicht alle Altersgruppen und wird nach Bedarf "
                    "weiterentwickelt.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="gesundheit",
        title="Gesundheit und Pflege",
        description="Digitale Gesundheitsversorgung, Unterstützung Älterer und Pflegender, auffindbare Angebote.",
        keywords=("Gesundheit", "Pflege", "Soziales"),
        questions=(
            QuestionData(
                "G1",
                "Wie unterstützt Ihre Gemeinde digitale Angebote der Gesundheitsversorgung?",
                "Etwa Videosprechstunde, Telemedizin-Räume, digitale Terminvergabe, Zusammenarbeit mit Praxen "
                "und Apotheken im Ort oder in der Nachbarschaft.",
                (
                    "Das Thema spielt in der Gemeinde bisher keine Rolle.",
                    "Die Gemeinde informiert über bestehende Angebote.",
                    "Die Gemeinde ist mit Praxen, Apotheken oder dem Kreis im Gespräch über konkrete digitale "
                    "Angebote.",
                    "Es gibt mindestens ein digitales Versorgungsangebot vor Ort, das die Gemeinde mit ermöglicht hat.",
                    "Digitale Angebote sind fester Teil der örtlichen Versorgung und werden mit Partnern "
                    "weiterentwickelt.",
                ),
            ),
            QuestionData(
                "G2",
                "Wie werden ältere und pflegebedürftige Menschen und ihre Angehörigen digital unterstützt?",
                "Etwa digitale Pflegeberatung, Hausnotruf, Nachbarschaftsplattformen, Tablets in Einrichtungen.",
                (
                    "Es gibt keine solchen Angebote.",
                    "Einzelne Einrichtungen oder Vereine bieten etwas an; die Gemeinde ist nicht beteiligt.",
                    "Die Gemeinde vermittelt Angebote und Beratung, z. B. über eine Ansprechperson.",
                    "Die Gemeinde fördert oder betreibt mit Partnern eigene Angebote.",
                    "Digitale und analoge Unterstützung greifen planvoll ineinander; alle, die sie brauchen, "
                    "werden erreicht.",
                ),
            ),
            QuestionData(
                "G3",
                "Sind Informationen zu Gesundheits-, Pflege- und Sozialangeboten digital leicht zu finden?",
                "Auf der Internetseite der Gemeinde, des Amts oder des Kreises: aktuell, barrierefrei, verständlich.",
                (
                    "Nein, es gibt keine Übersicht.",
                    "Es gibt eine Übersicht, sie ist aber unvollständig oder veraltet.",
                    "Eine aktuelle Übersicht ist online, aber schwer zu finden oder nicht barrierefrei.",
                    "Eine aktuelle, barrierefreie Übersicht ist leicht zu finden und wird regelmäßig gepflegt.",
                    "Die Übersicht ist mit dem Kreis verknüpft und auch in Leichter Sprache und weiteren Sprachen "
                    "verfügbar.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="mobilitaet",
        title="Mobilität",
        description="Digitale Fahrplan- und Mobilitätsinformation, neue Angebote, Daten für die Verkehrsplanung.",
        keywords=("Mobilität", "Verkehr"),
        questions=(
            QuestionData(
                "M1",
                "Wie einfach finden Menschen in Ihrer Gemeinde digitale Fahrplan- und Mobilitätsinformationen?",
                "Fahrpläne, Echtzeitdaten, Rufbus und Bürgerbus, Mitfahrangebote – auch wenn der Kreis den "
                "Nahverkehr organisiert.",
                (
                    "Es gibt nur gedruckte Fahrpläne.",
                    "Fahrpläne stehen online, aber ohne Echtzeit und ohne Hinweis auf ergänzende Angebote.",
                    "Eine Fahrplanauskunft mit Echtzeit ist verfügbar; die Gemeinde verweist darauf.",
                    "Alle Angebote, auch Rufbus, Bürgerbus oder Mitfahrbank, sind digital auffindbar und buchbar.",
                    "Die Angebote sind in einer gemeinsamen Auskunft mit Nachbarn und Kreis gebündelt und werden "
                    "nach ihrer Nutzung weiterentwickelt.",
                ),
            ),
            QuestionData(
                "M2",
                "Gibt es digital unterstützte Mobilitätsangebote vor Ort?",
                "Etwa On-Demand-Verkehr, Carsharing, Verleih von (E-)Rädern, Ladesäulen mit digitaler Bezahlung, "
                "digitale Mitfahrbörse.",
                (
                    "Nein.",
                    "Es wird darüber nachgedacht, oder es gibt ein einzelnes privates Angebot.",
                    "Es gibt ein solches Angebot, das die Gemeinde unterstützt.",
                    "Es gibt mehrere solche Angebote, die aufeinander abgestimmt sind.",
                    "Die Angebote sind vernetzt, gut genutzt und Teil eines Mobilitätskonzepts.",
                ),
            ),
            QuestionData(
                "M3",
                "Nutzt die Gemeinde Daten für die Verkehrsplanung?",
                "Etwa Verkehrszählungen, Parkraum- oder Radverkehrsdaten, online gemeldete Mängel an Wegen.",
                (
                    "Nein.",
                    "Einzelne Daten liegen vor, werden aber nicht ausgewertet.",
                    "Daten werden bei einzelnen Planungen ausgewertet.",
                    "Daten werden regelmäßig erhoben und genutzt; Mängel können online gemeldet werden.",
                    "Daten werden laufend genutzt und als offene Daten veröffentlicht.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="wirtschaft",
        title="Wirtschaft und Tourismus",
        description="Unterstützung der Betriebe, digitale Leistungen für Unternehmen, Tourismus und Freizeit.",
        keywords=("Wirtschaft", "Tourismus"),
        questions=(
            QuestionData(
                "W1",
                "Wie unterstützt die Gemeinde örtliche Betriebe bei der Digitalisierung?",
                "Handel, Handwerk, Landwirtschaft, Gastronomie – auch durch Vermittlung an Kammern, "
                "Wirtschaftsförderung des Kreises oder Förderprogramme.",
                (
                    "Gar nicht.",
                    "Auf Nachfrage werden Betriebe an andere Stellen verwiesen.",
                    "Die Gemeinde informiert aktiv über Beratungs- und Förderangebote.",
                    "Die Gemeinde organisiert mit Partnern Angebote vor Ort, etwa Sprechstunden oder Veranstaltungen.",
                    "Es gibt eine dauerhafte Zusammenarbeit mit den Betrieben, etwa ein Netzwerk oder einen "
                    "gemeinsamen digitalen Marktplatz.",
                ),
            ),
            QuestionData(
                "W2",
                "Sind Gewerbeflächen und Leistungen für Unternehmen digital zugänglich?",
                "Gewerbeflächen, Ansprechpersonen, Gewerbeanmeldung, Ausschreibungen. Ohne Gewerbegebiet: die "
                "Informationen für Betriebe im Ort.",
                (
                    "Informationen gibt es nur auf Nachfrage.",
                    "Grundlegende Informationen stehen auf der Internetseite.",
                    "Flächen und Ansprechpersonen sind online, Anträge teilweise digital.",
                    "Flächen mit Lage und Erschließung, Ansprechpersonen und die wichtigsten Anträge sind online.",
                    "Alles ist online, aktuell und mit den Portalen von Kreis und Land verknüpft.",
                ),
            ),
            QuestionData(
                "W3",
                "Wie sind Tourismus, Kultur und Freizeitangebote Ihrer Gemeinde digital präsent?",
                "Sehenswürdigkeiten, Rad- und Wanderwege, Gastgeber, Veranstaltungen – selbst betrieben oder "
                "über Tourismusverband oder Kreis.",
                (
                    "Kaum oder gar nicht.",
                    "Es gibt einzelne Informationen, meist veraltet.",
                    "Aktuelle Informationen stehen online, bei der Gemeinde oder einem Verband.",
                    "Angebote sind online buchbar oder in regionale Portale und Apps eingebunden.",
                    "Daten zu Angeboten und Veranstaltungen werden gepflegt und offen für regionale Plattformen "
                    "bereitgestellt.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="beteiligung",
        title="Beteiligung und Gemeinschaft",
        description="Digitale Information der Einwohnerschaft, Beteiligung an Entscheidungen, Vereine und Ehrenamt.",
        keywords=("Beteiligung", "Teilhabe", "Ehrenamt", "Gemeinschaft"),
        questions=(
            QuestionData(
                "T1",
                "Wie informiert die Gemeinde ihre Einwohnerinnen und Einwohner digital?",
                "Internetseite, Newsletter, Dorf-App, soziale Medien, digitales Amtsblatt.",
                (
                    "Nur über Aushang und Mitteilungsblatt auf Papier.",
                    "Es gibt eine Internetseite, die selten aktualisiert wird.",
                    "Die Internetseite ist aktuell; wichtige Mitteilungen erscheinen auch digital.",
                    "Mehrere digitale Kanäle werden regelmäßig bespielt; die Internetseite ist barrierefrei.",
                    "Die Information ist zielgruppengerecht und barrierefrei, wird nach Rückmeldungen "
                    "weiterentwickelt, und wer keinen digitalen Zugang hat, wird weiter analog erreicht.",
                ),
            ),
            QuestionData(
                "T2",
                "Können sich Einwohnerinnen und Einwohner digital an Entscheidungen beteiligen?",
                "Etwa Online-Umfragen, Ideenplattformen, Mängelmelder, digitale Bürgerversammlungen.",
                (
                    "Nein.",
                    "Gelegentlich, etwa bei einer einzelnen Online-Umfrage.",
                    "Bei wichtigen Vorhaben wird auch digital beteiligt.",
                    "Digitale Beteiligung findet regelmäßig statt, und die Gemeinde berichtet, was aus den "
                    "Beiträgen wurde.",
                    "Digitale und analoge Beteiligung sind verbindlich geregelt und ergänzen sich.",
                ),
            ),
            QuestionData(
                "T3",
                "Wie werden Vereine und Ehrenamt digital unterstützt?",
                "Etwa Raumbuchung online, Vereinsverzeichnis, Schulungen, gemeinsame Plattformen, Hinweise auf "
                "Fördermittel.",
                (
                    "Gar nicht.",
                    "Es gibt ein Vereinsverzeichnis oder einzelne Hinweise.",
                    "Die Gemeinde bietet einzelne digitale Hilfen, z. B. eine Online-Raumbuchung.",
                    "Es gibt mehrere Hilfen und regelmäßige Angebote zur Digitalisierung für Vereine.",
                    "Vereine, Ehrenamt und Gemeinde nutzen gemeinsame digitale Werkzeuge und entwickeln sie "
                    "zusammen weiter.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="daten",
        title="Daten und IT-Sicherheit",
        description="Organisation der IT-Sicherheit, Datensicherung, Datenschutz und offene Daten.",
        keywords=("Daten", "IT-Sicherheit", "Verwaltung"),
        weight=2,
        questions=(
            QuestionData(
                "D1",
                "Wie ist die IT-Sicherheit Ihrer Gemeinde organisiert?",
                "Zuständigkeit, Regeln, Notfallplan. Auch wenn ein kommunaler IT-Dienstleister oder das Amt den "
                "Betrieb übernimmt: Wer ist verantwortlich, und was ist vereinbart?",
                (
                    "Es gibt keine Regeln und keine Zuständigkeit.",
                    "Eine Person ist zuständig, schriftliche Regeln gibt es nicht.",
                    "Grundregeln (Passwörter, Updates, Datensicherung) sind schriftlich festgelegt und bekannt; "
                    "ein IT-Dienstleister ist vertraglich eingebunden.",
                    "Ein Sicherheitskonzept nach anerkanntem Standard (z. B. BSI-Grundschutz-Profil für Kommunen) "
                    "ist umgesetzt, mit Notfallplan.",
                    "Das Sicherheitskonzept wird regelmäßig geprüft und geübt; alle Beschäftigten werden jährlich "
                    "geschult.",
                ),
                weight=2,
            ),
            QuestionData(
                "D2",
                "Wie sind Ihre Daten gegen Verlust und Angriffe gesichert?",
                "Datensicherung, Wiederherstellung, Schutz vor Schadsoftware – im eigenen Betrieb oder beim "
                "Dienstleister.",
                (
                    "Es gibt keine regelmäßige Datensicherung.",
                    "Daten werden gesichert, die Wiederherstellung wurde aber nie geprüft.",
                    "Die Sicherung läuft regelmäßig, auch getrennt vom Netz; die Wiederherstellung wurde "
                    "mindestens einmal geprüft.",
                    "Sicherung und Wiederherstellung werden regelmäßig getestet; Schutz vor Schadsoftware und "
                    "Updates laufen zentral.",
                    "Zusätzlich werden Angriffe überwacht, und der Wiederanlauf nach einem Angriff ist geplant und "
                    "geübt.",
                ),
                weight=2,
            ),
            QuestionData(
                "D3",
                "Wie ist der Datenschutz organisiert?",
                "Verzeichnis der Verarbeitungstätigkeiten, Datenschutzbeauftragte (eigene oder gemeinsam mit "
                "Nachbarn bzw. beim Dienstleister).",
                (
                    "Datenschutz ist nicht organisiert.",
                    "Eine Datenschutzbeauftragte oder ein Datenschutzbeauftragter ist benannt; weitere Unterlagen "
                    "fehlen.",
                    "Das Verzeichnis der Verarbeitungstätigkeiten ist weitgehend vollständig.",
                    "Verzeichnis, Verträge zur Auftragsverarbeitung und Löschregeln sind vollständig und aktuell.",
                    "Datenschutz wird bei jedem neuen Verfahren von Anfang an mitgeplant und regelmäßig überprüft.",
                ),
            ),
            QuestionData(
                "D4",
                "Stellt die Gemeinde Daten offen bereit?",
                "Offene Daten: z. B. Haushalt, Ratsbeschlüsse, Geodaten, Veranstaltungen – maschinenlesbar, mit "
                "offener Lizenz, selbst oder über Kreis oder Land.",
                (
                    "Nein.",
                    "Einzelne Daten stehen als PDF auf der Internetseite.",
                    "Einzelne Datensätze stehen maschinenlesbar mit offener Lizenz bereit.",
                    "Mehrere Datensätze werden regelmäßig aktualisiert, etwa im Open-Data-Portal von Kreis oder Land.",
                    "Offene Daten sind der Normalfall: neue Verfahren stellen ihre Daten von Anfang an offen bereit.",
                ),
            ),
        ),
    ),
    DimensionData(
        code="wandel",
        title="Veränderungsfähigkeit",
        description="Führung, Beteiligung der Beschäftigten und Steuerung von Vorhaben: wie gut die Verwaltung "
        "Neues einführt. Auch für die Selbsteinschätzung der Kreisverwaltung.",
        keywords=("Verwaltung", "Veränderung", "Organisation"),
        questions=(
            QuestionData(
                "O1",
                "Wie führt die Verwaltungsspitze die Digitalisierung?",
                "Ziele, Zuständigkeit, Zeit und Geld für Digitalisierung.",
                (
                    "Digitalisierung ist kein Thema der Leitung.",
                    "Die Leitung unterstützt einzelne Vorhaben, wenn sie an sie herangetragen werden.",
                    "Die Leitung hat Ziele gesetzt und eine Person oder Stelle mit der Koordination beauftragt.",
                    "Digitalisierung ist fester Teil der Steuerung: Ziele, Budget und regelmäßiger Bericht an die "
                    "Leitung.",
                    "Die Leitung überprüft die Ziele regelmäßig mit Beschäftigten und Politik und passt sie an.",
                ),
            ),
            QuestionData(
                "O2",
                "Wie werden die Beschäftigten an Veränderungen beteiligt?",
                "Information, Mitsprache und Qualifizierung, wenn sich Abläufe durch neue Software ändern.",
                (
                    "Neue Verfahren werden eingeführt, ohne die Beschäftigten einzubeziehen.",
                    "Die Beschäftigten werden informiert, wenn sich etwas ändert.",
                    "Die Betroffenen werden vor der Einführung gehört und geschult.",
                    "Beschäftigte gestalten neue Abläufe mit; es gibt Ansprechpersonen (z. B. Digitallotsen) in den "
                    "Ämtern.",
                    "Beteiligung und Qualifizierung gehören zu jedem Vorhaben; Erfahrungen werden ausgewertet und "
                    "geteilt.",
                ),
            ),
            QuestionData(
                "O3",
                "Wie werden Digitalisierungsvorhaben geplant und gesteuert?",
                "Projektmanagement, Betrachtung der Abläufe vor der Digitalisierung, Umgang mit Risiken.",
                (
                    "Vorhaben entstehen einzeln, ohne Plan und Abstimmung.",
                    "Vorhaben werden geplant, aber ohne einheitliches Vorgehen.",
                    "Es gibt ein einheitliches Vorgehen für Projekte; Abläufe werden vor der Digitalisierung "
                    "betrachtet.",
                    "Ein Überblick über alle Vorhaben mit Prioritäten und Ressourcen wird gepflegt.",
                    "Vorhaben werden nach Abschluss ausgewertet; die Erfahrungen fließen in neue Vorhaben ein.",
                ),
            ),
        ),
    ),
)


def matching_titles(dimension: DimensionData, titles: dict[str, str]) -> list[str]:
    """The keys of ``titles`` (e.g. field lineages) whose title contains one of the dimension's keywords."""
    words = [k.casefold() for k in dimension.keywords]
    return [key for key, title in titles.items() if any(w in title.casefold() for w in words)]
