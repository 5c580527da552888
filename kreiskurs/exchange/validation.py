"""Checking an exchange document before anything is written: JSON, schema, district, references.

Every problem is named by its place in the document (a JSON Pointer such as
``/measures/3/goals/0``) and what is wrong there, in German; the importer
writes nothing while there is one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from kreiskurs.territory.models import District, Municipality

from .document import SCHEMA_VERSION, schema

#: at most this many problems are reported (a foreign file would otherwise list thousands)
MAX_PROBLEMS = 20


@dataclass(frozen=True)
class Problem:
    message: str
    path: str  # JSON Pointer into the document; "" is the document itself

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message}"


class DocumentRefused(Exception):
    """The document cannot be imported; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def pointer(parts: Iterable[Any]) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def parse(data: bytes) -> dict[str, Any]:
    """The document as a dict, or ``DocumentRefused`` naming where the text stops being JSON."""
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DocumentRefused([Problem(_("Die Datei ist nicht UTF-8 (Byte %(n)s).") % {"n": exc.start}, "")]) from None
    except json.JSONDecodeError as exc:
        message = _("Kein gültiges JSON: Zeile %(line)s, Spalte %(col)s: %(msg)s") % {
            "line": exc.lineno,
            "col": exc.colno,
            "msg": exc.msg,
        }
        raise DocumentRefused([Problem(message, "")]) from None
    if not isinstance(document, dict):
        raise DocumentRefused([Problem(_("Das Dokument ist kein JSON-Objekt."), "")])
    return document


def _message(error: ValidationError) -> str:
    kind, value, instance = error.validator, error.validator_value, error.instance
    shown = json.dumps(instance, ensure_ascii=False)[:80]
    if kind == "required":
        missing = [name for name in value if isinstance(instance, dict) and name not in instance]
        return _("Pflichtfeld fehlt: %(names)s") % {"names": ", ".join(missing)}
    if kind == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in instance if k not in allowed) if isinstance(instance, dict) else []
        return _("Unbekanntes Feld: %(names)s") % {"names": ", ".join(extra)}
    if kind == "type":
        return _("Falscher Typ: erwartet %(expected)s, gefunden %(value)s") % {"expected": value, "value": shown}
    if kind in ("enum", "const"):
        choices = value if kind == "enum" else [value]
        return _("Wert %(value)s ist nicht erlaubt (erlaubt: %(allowed)s)") % {
            "value": shown,
            "allowed": ", ".join(json.dumps(a, ensure_ascii=False) for a in choices),
        }
    if kind == "pattern":
        return _("Wert %(value)s hat nicht die erwartete Form (%(pattern)s)") % {"value": shown, "pattern": value}
    if kind in ("minLength", "minItems"):
        return _("Wert %(value)s ist zu kurz (mindestens %(n)s)") % {"value": shown, "n": value}
    if kind == "maxLength":
        return _("Wert ist zu lang (höchstens %(n)s Zeichen)") % {"n": value}
    if kind in ("minimum", "maximum"):
        return _("Wert %(value)s liegt außerhalb des erlaubten Bereichs (%(kind)s %(n)s)") % {
            "value": shown,
            "kind": _("mindestens") if kind == "minimum" else _("höchstens"),
            "n": value,
        }
    if kind == "format":
        return _("Wert %(value)s ist kein gültiges %(format)s") % {"value": shown, "format": value}
    if kind == "oneOf":
        return _("Wert %(value)s passt zu keiner erlaubten Form") % {"value": shown}
    return error.message


def schema_problems(document: dict[str, Any]) -> list[Problem]:
    version = document.get("schema_version")
    if version != SCHEMA_VERSION:
        return [
            Problem(
                _("Schemaversion %(found)s wird nicht unterstützt (erwartet %(expected)s).")
                % {"found": json.dumps(version), "expected": SCHEMA_VERSION},
                "/schema_version",
            )
        ]
    validator = Draft202012Validator(schema(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(document), key=lambda e: [str(p) for p in e.absolute_path])
    return [Problem(_message(e), pointer(e.absolute_path)) for e in errors[:MAX_PROBLEMS]]


def _duplicates(items: list[dict[str, Any]], key: str | tuple[str, ...], base: str) -> Iterator[Problem]:
    keys = (key,) if isinstance(key, str) else key
    counts = Counter(tuple(item[k] for k in keys) for item in items)
    for n, item in enumerate(items):
        value = tuple(item[k] for k in keys)
        if counts[value] > 1:
            shown = " ".join(str(v) for v in value)
            yield Problem(_("%(value)s kommt mehrfach vor.") % {"value": shown}, f"{base}/{n}/{keys[0]}")


def _cycles(goals: list[dict[str, Any]]) -> Iterator[Problem]:
    parent = {g["code"]: g["parent"] for g in goals}
    for n, g in enumerate(goals):
        seen, code = set(), g["code"]
        while code is not None and code not in seen:
            seen.add(code)
            code = parent.get(code)
        if code == g["code"]:
            yield Problem(_("Die Oberziele bilden einen Kreis."), f"/goals/{n}/parent")


def reference_problems(document: dict[str, Any], district: District) -> list[Problem]:
    """What the schema cannot say: the district, unique codes and ids, and that every reference resolves."""
    problems: list[Problem] = []
    key = document["district"]["key"]
    if key != district.key:
        problems.append(
            Problem(
                _("Das Dokument gehört zu Kreis %(found)s, importiert wird in %(expected)s (%(name)s).")
                % {"found": key, "expected": district.key, "name": district.name},
                "/district/key",
            )
        )
        return problems
    for name, unique in (
        ("values", ("id",)),
        ("baseline", ("id",)),
        ("swot", ("id",)),
        ("fields_of_action", ("id", "code")),
        ("goals", ("id", "code")),
        ("criteria", ("id",)),
        ("measures", ("id", "code")),
        ("indicators", ("code",)),
    ):
        for field in unique:
            problems.extend(_duplicates(document[name], field, f"/{name}"))
    fields = {f["code"] for f in document["fields_of_action"]}
    goals = {g["code"] for g in document["goals"]}
    goal_ids = {g["id"] for g in document["goals"]}
    measures = {m["code"] for m in document["measures"]}
    measure_ids = {m["id"] for m in document["measures"]}
    criteria = {c["id"] for c in document["criteria"]}
    ags = set(Municipality.objects.filter(district=district).values_list("ags", flat=True))

    def check(path: str, value: Any, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            problems.append(
                Problem(_("Unbekannter Verweis auf %(what)s: %(value)s") % {"what": what, "value": value}, path)
            )

    for n, a in enumerate(document["version"]["adoptions"]):
        check(f"/version/adoptions/{n}/municipality", a["municipality"], ags, _("Gemeinde"))
    for n, g in enumerate(document["goals"]):
        check(f"/goals/{n}/parent", g["parent"], goals, _("Ziel"))
        check(f"/goals/{n}/field", g["field"], fields, _("Handlungsfeld"))
    swot = {f["id"] for f in document["swot"]}
    for n, b in enumerate(document["baseline"]):
        check(f"/baseline/{n}/field", b["field"], fields, _("Handlungsfeld"))
    for n, f in enumerate(document["swot"]):
        for i, code in enumerate(f["fields"]):
            check(f"/swot/{n}/fields/{i}", code, fields, _("Handlungsfeld"))
    for n, g in enumerate(document["goals"]):
        for i, finding in enumerate(g["findings"]):
            check(f"/goals/{n}/findings/{i}", finding, swot, _("Befund der Ausgangslage"))
    problems.extend(_cycles(document["goals"]))
    for n, m in enumerate(document["measures"]):
        base = f"/measures/{n}"
        problems.extend(_duplicates(m["municipalities"], "ags", f"{base}/municipalities"))
        problems.extend(_duplicates(m["scores"], "criterion", f"{base}/scores"))
        for i, code in enumerate(m["fields"]):
            check(f"{base}/fields/{i}", code, fields, _("Handlungsfeld"))
        for i, code in enumerate(m["goals"]):
            check(f"{base}/goals/{i}", code, goals, _("Ziel"))
        for i, code in enumerate(m["dependencies"]):
            check(f"{base}/dependencies/{i}", code, measures, _("Maßnahme"))
        for i, row in enumerate(m["municipalities"]):
            check(f"{base}/municipalities/{i}/ags", row["ags"], ags, _("Gemeinde des Kreises"))
        for i, row in enumerate(m["scores"]):
            check(f"{base}/scores/{i}/criterion", row["criterion"], criteria, _("Kriterium"))
    for n, ind in enumerate(document["indicators"]):
        problems.extend(_duplicates(ind["measurements"], ("period", "municipality"), f"/indicators/{n}/measurements"))
        for i, lineage in enumerate(ind["goals"]):
            check(f"/indicators/{n}/goals/{i}", lineage, goal_ids, _("Ziel"))
        for i, lineage in enumerate(ind["measures"]):
            check(f"/indicators/{n}/measures/{i}", lineage, measure_ids, _("Maßnahme"))
        for i, row in enumerate(ind["measurements"]):
            check(f"/indicators/{n}/measurements/{i}/municipality", row["municipality"], ags, _("Gemeinde des Kreises"))
    return problems[:MAX_PROBLEMS]


def validated(data: bytes, district: District) -> dict[str, Any]:
    """The parsed document if it may be imported into ``district``; else ``DocumentRefused``."""
    document = parse(data)
    problems = schema_problems(document)
    if not problems:
        problems = reference_problems(document, district)
    if problems:
        raise DocumentRefused(problems)
    return document
