"""Plain dicts for the API, built with a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache

from kreiskurs.participation.models import PHASE_ACTIONS
from kreiskurs.participation.selectors.statements import Tally
from kreiskurs.strategy.models import (
    Adoption,
    StrategyVersion,
)
from kreiskurs.strategy.selectors import current_version
from kreiskurs.territory.models import District, Municipality

from .documents import strategy_document


def district_dict(d: District, published: set[int]) -> dict[str, Any]:
    return {
        "key": d.key,
        "name": d.name,
        "slug": d.slug,
        "type": d.type_label,
        "type_code": d.type_code,
        "land": d.land_name,
        "seat": d.seat,
        "population": d.population,
        "area_km2": d.area_km2,
        "reference_date": d.reference_date,
        "has_published_strategy": d.pk in published,
    }


def municipality_dict(m: Municipality) -> dict[str, Any]:
    real = m.association is not None and m.association.is_real_association
    return {
        "ags": m.ags,
        "ars": m.ars,
        "name": m.name,
        "slug": m.slug,
        "type": m.type_label,
        "type_code": m.type_code,
        "population": m.population,
        "area_km2": m.area_km2,
        "postcode": m.postcode,
        "association": m.association.name if real and m.association else None,
        "association_key": m.association.key if real and m.association else None,
    }


def adoption_dict(a: Adoption) -> dict[str, Any]:
    return {
        "body": a.body,
        "body_label": a.get_body_display(),
        "municipality_ags": a.municipality.ags if a.municipality else None,
        "date": a.date,
        "reference": a.reference,
        "url": a.url,
    }


def version_dict(v: StrategyVersion) -> dict[str, Any]:
    return {
        "number": v.number,
        "state": v.state,
        "adopted_at": v.adopted_at,
        "change_summary": v.change_summary,
        "based_on": v.based_on.number if v.based_on else None,
        "adoptions": [adoption_dict(a) for a in v.adoptions.all()],
    }


#: per-process copies of recent documents: a hit costs no unpickling; bounded by bytes
_LOCAL: dict[str, bytes] = {}
_LOCAL_MAX_BYTES = 8 * 1024 * 1024


def current_strategy_json(district: District) -> bytes | None:
    """The district's current (adopted) version as one JSON document, or None.

    Cached under the district's generation, which every audited write and
    every territory import moves on — adoptions included, so a generation
    also fixes which version is current. A hit therefore costs no query
    beyond the district lookup, and the per-process copy can never go stale.
    A miss builds only the document's head: the content of the adopted
    version is stored once (``api.documents``).
    """
    key = f"api:strategy:{district.pk}:{district.generation}"
    document = _LOCAL.get(key)
    if document is None:
        document = cache.get(key)
        if document is None:
            version = current_version(district)
            if version is None:
                return None
            document = strategy_document(version, version_dict)
            cache.set(key, document, 3600)
        for old in [k for k in _LOCAL if k.startswith(f"api:strategy:{district.pk}:")]:
            del _LOCAL[old]  # an older generation of this district
        if len(document) <= _LOCAL_MAX_BYTES:
            _LOCAL[key] = document
            while sum(len(d) for d in _LOCAL.values()) > _LOCAL_MAX_BYTES:
                del _LOCAL[next(iter(_LOCAL))]
    return document


def measurement_dict(m: Any) -> dict[str, Any]:
    return {
        "period": m.period,
        "ags": m.municipality.ags if m.municipality else None,
        "municipality": m.municipality.name if m.municipality else None,
        "value": m.value,
        "source": m.source,
        "note": m.note,
    }


def process_dict(p: Any) -> dict[str, Any]:
    """A published participation process; its phases are prefetched in order."""
    phases = list(p.phases.all())
    return {
        "id": p.pk,
        "title": p.title,
        "summary": p.summary,
        "template": p.template,
        "state": p.state(),
        "external_source": p.external_source,
        "phases": [
            {
                "kind": ph.kind,
                "title": ph.title,
                "start": ph.start,
                "end": ph.end,
                "actions": sorted(PHASE_ACTIONS[ph.kind]),
            }
            for ph in phases
        ],
    }


def statement_dicts(statements: list[Any], *, opens: dt.datetime | None, public: bool) -> list[dict[str, Any]]:
    """A page of statements with their counts, as kept on their rows (no query). While the vote can still
    come (``public`` false) the counts are null: as on the statements page, where a person sees them only after
    their own vote (``participation.selectors.statements.counts_public``)."""
    counts = {s.pk: Tally.of(s) for s in statements} if public else {}
    return [
        {
            "id": s.pk,
            "external_id": s.external_id,
            "text": s.text,
            "agree": counts[s.pk].agree if public else None,
            "disagree": counts[s.pk].disagree if public else None,
            "pass": counts[s.pk].passed if public else None,
            "counts_public": public,
            "counts_public_from": opens,
        }
        for s in statements
    ]


def consideration_dict(process: Any, rows: list[Any], hidden: int) -> dict[str, Any]:
    """The consideration table of a process (``participation.selectors.consideration``)."""
    answered = sum(1 for r in rows if r.consideration is not None)
    return {
        "process_id": process.pk,
        "title": process.title,
        "answered": answered,
        "awaiting": len(rows) - answered,
        "hidden": hidden,
        "rows": [
            {
                "number": r.number,
                "kind": r.kind,
                "where": r.where,
                "text": r.text,
                "author": r.author,
                "created_at": r.created_at,
                "decision": r.consideration.decision if r.consideration else "",
                "decision_label": r.decision,
                "reason": r.reason,
                "change": r.change_label,
                "change_url": r.change_url or None,
            }
            for r in rows
        ],
    }
