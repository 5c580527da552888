"""The texts a fresh installation shows until someone edits them (data, not logic).

They are legal texts in German and stay German in every interface language
(the page marks them ``lang="de"``). Places the operator must fill in are
marked ``[BITTE ERGÄNZEN: …]`` and shown as such. The privacy statement's list
of processing comes from ``processing.py`` and is added below the text, so it
is not part of the default text.
"""

from __future__ import annotations

import datetime as dt

from .models import PageKind

#: the date the shipped texts were written (shown as the date of the statement until a page is saved)
DEFAULT_DATE = dt.date(2026, 12, 3)

#: marks a place the operator must fill in (the edit page and the public page point them out)
PLACEHOLDER = "[BITTE ERGÄNZEN"

IMPRINT = """\
Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG) und § 18 Abs. 2 Medienstaatsvertrag (MStV).

## Herausgeber

[BITTE ERGÄNZEN: Name der Behörde, z. B. Kreisverwaltung Musterkreis]
[BITTE ERGÄNZEN: Straße und Hausnummer]
[BITTE ERGÄNZEN: Postleitzahl und Ort]

Die Kreisverwaltung ist eine Körperschaft des öffentlichen Rechts. Sie wird vertreten durch
[BITTE ERGÄNZEN: Landrätin oder Landrat, Name].

## Kontakt

- Telefon: [BITTE ERGÄNZEN]
- E-Mail: [BITTE ERGÄNZEN]

## Umsatzsteuer-Identifikationsnummer

[BITTE ERGÄNZEN: USt-IdNr. nach § 27a Umsatzsteuergesetz, falls vorhanden]

## Zuständige Aufsichtsbehörde

[BITTE ERGÄNZEN: Kommunalaufsicht, z. B. die Bezirksregierung oder das Landesministerium]

## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV

[BITTE ERGÄNZEN: Name und Anschrift der verantwortlichen Person]

## Beiträge von Teilnehmenden

Ideen, Kommentare und Thesen auf den Beteiligungsseiten geben die Meinung der Personen wieder, die sie geschrieben haben. Die Moderation prüft gemeldete Beiträge und entfernt rechtswidrige Inhalte.

## Software

Diese Plattform nutzt Kreiskurs, freie Software unter der Lizenz EUPL-1.2. Gebietsdaten: © Statistisches Bundesamt (Destatis), dl-de/by-2-0.
"""

PRIVACY = """\
Wir nehmen den Schutz Ihrer Daten ernst. Hier steht, welche Daten diese Plattform verarbeitet, wofür, auf welcher Rechtsgrundlage und wie lange. Die Liste der Verarbeitungen weiter unten erzeugt die Plattform selbst aus ihrem Programmcode. Sie ist deshalb immer auf dem Stand der Software.

## Verantwortliche Stelle

[BITTE ERGÄNZEN: Name und Anschrift der Behörde, Telefon, E-Mail]

## Datenschutzbeauftragte oder Datenschutzbeauftragter

[BITTE ERGÄNZEN: Name oder Funktion, Anschrift, E-Mail]

## Ihre Rechte

Sie haben das Recht auf Auskunft (Art. 15 DSGVO), Berichtigung (Art. 16 DSGVO), Löschung (Art. 17 DSGVO), Einschränkung der Verarbeitung (Art. 18 DSGVO), Datenübertragbarkeit (Art. 20 DSGVO) und Widerspruch (Art. 21 DSGVO). Eine Einwilligung können Sie jederzeit für die Zukunft widerrufen (Art. 7 Abs. 3 DSGVO).

Angemeldet finden Sie unter „Meine Daten“ alles, was die Plattform über Sie gespeichert hat. Dort können Sie es herunterladen und löschen.

Sie können sich bei einer Aufsichtsbehörde beschweren (Art. 77 DSGVO):
[BITTE ERGÄNZEN: Landesbeauftragte oder Landesbeauftragter für Datenschutz, Anschrift, Website]

## Keine Weitergabe, keine Analyse-Dienste

Die Plattform bindet keine Dienste Dritter ein: keine Analyse- oder Werbedienste, keine fremden Schriften, keine Karten- oder Videodienste. Schriften und Kartenbilder kommen von diesem Server. Daten werden nicht an Dritte übermittelt, außer an den E-Mail-Dienst, der Benachrichtigungen zustellt:
[BITTE ERGÄNZEN: Rechenzentrum oder Auftragsverarbeiter für Betrieb und E-Mail]
"""

ACCESSIBILITY = """\
Der Kreis ist bemüht, diese Plattform im Einklang mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und dem Behindertengleichstellungsrecht des Landes barrierefrei zugänglich zu machen. Diese Erklärung gilt für die Beteiligungs- und Strategieplattform unter dieser Adresse.

## Stand der Vereinbarkeit mit den Anforderungen

Diese Website ist **teilweise barrierefrei**. Sie ist mit den Anforderungen der BITV 2.0 (WCAG 2.1, Stufen A und AA, sowie EN 301 549) teilweise vereinbar. Die unten genannten Inhalte sind nicht oder nicht vollständig barrierefrei.

## Nicht barrierefreie Inhalte

- **Karte:** Die Kreiskarte lässt sich mit der Tastatur nur eingeschränkt bedienen. Alle Angaben der Karte stehen zusätzlich in einer Tabelle unter der Karte.
- **Diagramme:** Verläufe von Indikatoren sind Grafiken. Die Werte stehen zusätzlich in einer Datentabelle.
- **Hochgeladene Dokumente:** Dokumente, die der Kreis oder Gemeinden hochladen (zum Beispiel PDF-Dateien), sind nicht immer barrierefrei.
- **Beiträge von Teilnehmenden:** Texte von Teilnehmenden prüfen wir nicht auf verständliche Sprache.
- **Gebärdensprache:** Informationen in Deutscher Gebärdensprache (§ 4 BITV 2.0) fehlen noch. Eine Erklärung in Leichter Sprache gibt es auf der Seite „Leichte Sprache“.

## Erstellung dieser Erklärung

Grundlage ist eine Selbstbewertung. Jede Seitenart der Plattform wird bei jeder Änderung der Software automatisch mit axe-core gegen WCAG 2.1 A und AA geprüft. Eine Prüfung durch eine unabhängige Prüfstelle steht aus: [BITTE ERGÄNZEN: Datum und Stelle, sobald geprüft].

## Feedback und Kontaktangaben

Sind Ihnen Mängel beim barrierefreien Zugang aufgefallen? Brauchen Sie Inhalte in einer anderen Form? Schreiben Sie uns über das Formular auf dieser Seite. Ihre Nachricht geht an die zuständige Stelle des Kreises. Wir antworten innerhalb von vier Wochen.

## Durchsetzungsverfahren

Wenn wir nicht oder nicht zufriedenstellend antworten, können Sie sich an die Schlichtungsstelle wenden.

Für Stellen des Bundes ist das die Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG) beim Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen. Sie hilft, Streit über Barrieren ohne Gericht zu lösen. Das Verfahren ist kostenlos. Sie brauchen keinen Rechtsbeistand.

- Schlichtungsstelle nach dem Behindertengleichstellungsgesetz bei dem Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen
- Mauerstraße 53, 10117 Berlin
- Telefon: 030 18 527-2805
- E-Mail: info@schlichtungsstelle-bgg.de
- Internet: [www.schlichtungsstelle-bgg.de](https://www.schlichtungsstelle-bgg.de)

Kreise sind Stellen des Landes. Für sie ist die Durchsetzungs- oder Schlichtungsstelle des Landes zuständig:
[BITTE ERGÄNZEN: Name, Anschrift und Website der Stelle des Landes]
"""

EASY_LANGUAGE = """\
## Was ist das hier?

Das ist eine Seite im Internet.
Die Seite gehört zum Kreis.
Der Kreis macht einen Plan.
Der Plan heißt: Digital-Strategie.

## Was steht in dem Plan?

In dem Plan steht:
Was soll im Kreis digital werden?
Zum Beispiel: Anträge im Internet stellen.
Oder: schnelles Internet in allen Orten.

Im Plan stehen Ziele.
Im Plan stehen Aufgaben.
Die Aufgaben heißen Maßnahmen.
Bei jeder Maßnahme steht:
Wie weit ist die Arbeit?

## Wie können Sie mitmachen?

Sie können Ihre Ideen sagen.
Sie können Ideen von anderen gut finden.
Sie können den Plan lesen.
Und Sie können dazu etwas schreiben.

So geht es:

1. Klicken Sie auf: Beteiligung.
2. Suchen Sie ein Thema aus.
3. Klicken Sie auf: Mitmachen.
4. Geben Sie sich einen Namen.
   Der Name muss nicht Ihr echter Name sein.
5. Schreiben Sie Ihre Idee.

Manchmal brauchen Sie ein Konto.
Das Konto ist kostenlos.

## Was passiert mit Ihren Daten?

Wir schützen Ihre Daten.
Wir geben Ihre Daten nicht weiter.
Sie können Ihre Daten jederzeit löschen.
Mehr dazu steht in der Datenschutz-Erklärung.

## Haben Sie Fragen?

Schreiben Sie uns.
Oder rufen Sie uns an.
Die Adresse steht im Impressum.
"""

TEXTS: dict[str, tuple[str, str]] = {
    PageKind.IMPRINT: ("Impressum", IMPRINT),
    PageKind.PRIVACY: ("Datenschutzerklärung", PRIVACY),
    PageKind.ACCESSIBILITY: ("Erklärung zur Barrierefreiheit", ACCESSIBILITY),
    PageKind.EASY_LANGUAGE: ("Leichte Sprache", EASY_LANGUAGE),
}
