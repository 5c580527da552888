"""The district's open-data catalogue in DCAT-AP.de (rdflib graph; Turtle and JSON-LD).

One ``dcat:Dataset`` per published export: each public strategy version (JSON
exchange document), and the measures, indicators and measurements of the
current version (CSV and XLSX). What is checked as mandatory, with the
specification version, is listed in docs/open-data.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from kreiskurs.audit.models import AuditEntry
from kreiskurs.strategy.models import StrategyVersion
from kreiskurs.territory.models import District

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
#: Datenlizenz Deutschland – Namensnennung – Version 2.0 in the dcat-ap.de licence vocabulary
DEFAULT_LICENSE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
DISTRICT_KEY_URI = "http://dcat-ap.de/def/politicalGeocoding/districtKey/"
LEVEL_DISTRICT = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/administrativeDistrict")
GERMAN = URIRef("http://publications.europa.eu/resource/authority/language/DEU")
THEME_GOVERNMENT = URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
MEDIA_TYPE = "https://www.iana.org/assignments/media-types/"
FORMATS = {
    "json": ("JSON", "application/json"),
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def license_uri() -> str:
    """``KREISKURS_OPEN_DATA_LICENSE`` (a URI of the dcat-ap.de licence vocabulary), else DL-DE BY 2.0."""
    return str(getattr(settings, "KREISKURS_OPEN_DATA_LICENSE", "") or DEFAULT_LICENSE)


def contact_email() -> str:
    return str(getattr(settings, "KREISKURS_CONTACT_EMAIL", "") or settings.DEFAULT_FROM_EMAIL)


@dataclass
class Export:
    """One published export: a dataset with its files (format → path)."""

    slug: str
    title: str
    description: str
    issued: dt.datetime
    modified: dt.datetime
    files: dict[str, str] = field(default_factory=dict)


def exports_of(district: District) -> list[Export]:
    """The district's published exports; empty while it has no public strategy version."""
    versions = list(StrategyVersion.objects.public().filter(district=district).order_by("-number"))
    if not versions:
        return []
    changed = AuditEntry.objects.filter(district=district).aggregate(last=Max("at"))["last"]
    exports = [
        Export(
            slug=f"strategie-{v.number}",
            title=_("Digitalstrategie %(district)s, Version %(n)s (%(state)s)")
            % {"district": district.name, "n": v.number, "state": v.get_state_display()},
            description=_(
                "Die vollständige Strategie der Version: Leitbild, Werte, Handlungsfelder, Ziele, Kriterien, "
                "Maßnahmen mit Steckbrief, Indikatoren und Messwerte (JSON nach Schema strategy-v1)."
            ),
            issued=v.adopted_at or v.created_at,
            modified=v.adopted_at or v.created_at,
            files={"json": reverse("exchange:strategy_json", args=[district.slug, v.number])},
        )
        for v in versions
    ]
    current = next((v for v in versions if v.state == "adopted"), None)
    if current is not None:
        issued = current.adopted_at or current.created_at
        for name, title, description in (
            ("massnahmen", _("Maßnahmen"), _("Die Maßnahmen der geltenden Strategie mit Phase, Zuordnung und Kosten.")),
            ("indikatoren", _("Indikatoren"), _("Indikatoren mit Ausgangs- und Zielwert.")),
            ("messwerte", _("Messwerte"), _("Messwerte der Indikatoren für den Kreis und seine Gemeinden.")),
        ):
            exports.append(
                Export(
                    slug=name,
                    title=f"{title} – {_('Digitalstrategie')} {district.name}",
                    description=description,
                    issued=issued,
                    modified=max(issued, changed or issued),
                    files={fmt: reverse("exchange:table", args=[district.slug, name, fmt]) for fmt in ("csv", "xlsx")},
                )
            )
    return exports


def catalogue(district: District, exports: list[Export], base: str) -> Graph:
    """The DCAT-AP.de graph of ``exports``; ``base`` is the site's address without trailing slash."""
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dct", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("vcard", VCARD)
    g.bind("dcatde", DCATDE)
    home = URIRef(f"{base}/{district.slug}/")
    licence = URIRef(license_uri())
    publisher = URIRef(f"{base}/{district.slug}/#herausgeber")
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(district.display_name, lang="de")))
    g.add((publisher, FOAF.homepage, home))
    contact = BNode()
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(district.display_name, lang="de")))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{contact_email()}")))
    g.add((contact, VCARD.hasURL, home))
    geocoding = URIRef(f"{DISTRICT_KEY_URI}{district.key}")
    contributor = str(getattr(settings, "KREISKURS_DCAT_CONTRIBUTOR_ID", "") or "")

    cat = URIRef(f"{base}/{district.slug}/dcat.ttl#katalog")
    g.add((cat, RDF.type, DCAT.Catalog))
    g.add(
        (cat, DCTERMS.title, Literal(_("Offene Daten der Digitalstrategie – %(d)s") % {"d": district.name}, lang="de"))
    )
    g.add(
        (
            cat,
            DCTERMS.description,
            Literal(
                _(
                    "Die Digitalstrategie des Kreises %(d)s als offene Daten: Strategieversionen, Maßnahmen, "
                    "Indikatoren und Messwerte."
                )
                % {"d": district.name},
                lang="de",
            ),
        )
    )
    g.add((cat, DCTERMS.publisher, publisher))
    g.add((cat, FOAF.homepage, home))
    g.add((cat, DCTERMS.language, GERMAN))
    g.add((cat, DCTERMS.license, licence))
    g.add((cat, DCATDE.politicalGeocodingURI, geocoding))
    if exports:
        g.add((cat, DCTERMS.modified, _instant(max(e.modified for e in exports))))
    for export in exports:
        ds = URIRef(f"{base}/{district.slug}/dcat.ttl#{export.slug}")
        g.add((cat, DCAT.dataset, ds))
        g.add((ds, RDF.type, DCAT.Dataset))
        g.add((ds, DCTERMS.title, Literal(export.title, lang="de")))
        g.add((ds, DCTERMS.description, Literal(export.description, lang="de")))
        g.add((ds, DCTERMS.identifier, Literal(f"{district.key}-{export.slug}")))
        g.add((ds, DCTERMS.publisher, publisher))
        g.add((ds, DCAT.contactPoint, contact))
        g.add((ds, DCATDE.politicalGeocodingURI, geocoding))
        g.add((ds, DCATDE.politicalGeocodingLevelURI, LEVEL_DISTRICT))
        g.add((ds, DCTERMS.issued, _instant(export.issued)))
        g.add((ds, DCTERMS.modified, _instant(export.modified)))
        g.add((ds, DCTERMS.language, GERMAN))
        g.add((ds, DCAT.theme, THEME_GOVERNMENT))
        g.add((ds, DCAT.keyword, Literal("Digitalstrategie", lang="de")))
        g.add((ds, DCAT.landingPage, home))
        if contributor:
            g.add((ds, DCATDE.contributorID, URIRef(contributor)))
        for fmt, path in export.files.items():
            _distribution(g, ds, fmt, f"{base}{path}", export, licence, district)
    return g


def _distribution(
    g: Graph, ds: URIRef, fmt: str, url: str, export: Export, licence: URIRef, district: District
) -> None:
    file_type, media_type = FORMATS[fmt]
    dist = URIRef(url)
    g.add((ds, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(f"{export.title} ({file_type})", lang="de")))
    g.add((dist, DCAT.accessURL, dist))
    g.add((dist, DCAT.downloadURL, dist))
    g.add((dist, DCTERMS.format, URIRef(FILE_TYPE + file_type)))
    g.add((dist, DCAT.mediaType, URIRef(MEDIA_TYPE + media_type)))
    g.add((dist, DCTERMS.license, licence))
    g.add((dist, DCATDE.licenseAttributionByText, Literal(district.display_name, lang="de")))
    g.add((dist, DCTERMS.issued, _instant(export.issued)))
    g.add((dist, DCTERMS.modified, _instant(export.modified)))


def _instant(value: dt.datetime) -> Literal:
    return Literal(value.astimezone(dt.UTC).replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def serialise(graph: Graph, fmt: str) -> tuple[bytes, str]:
    """``fmt`` is ``ttl`` or ``jsonld``; returns the bytes and their content type."""
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8"), "text/turtle; charset=utf-8"
    data: Any = graph.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
    return data, "application/ld+json"
