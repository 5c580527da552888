"""Every message a user reads goes through gettext (CONVENTIONS: "UI in German via gettext").

An AST walk over ``kreiskurs/`` (tests and migrations aside) finds messages written as bare literals or
f-strings where users read them: the message of an error (``ValidationError``, ``CommandError``, ``Http404``,
the importers' ``TableError``, ``GeoJSONError``, ``BoundaryImportError`` …, and ``ValueError``, which the
plain parsers raise and the importers show line by line), ``messages.error(request, …)``, ``add_error(field, …)``,
what management commands write to stdout and the lines an importer adds to its error list. A message counts as
wrapped when it is a ``gettext`` call (or ``_("… %(x)s …") % {...}``); a variable or a call such as ``str(exc)``
passes on a message made elsewhere.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kreiskurs"

#: Exceptions whose message a user may read: the names the project gives them, Django's, and ValueError,
#: which the plain parsers (numbers, tabular, territory keys, periods) raise for a bad cell.
ERROR_NAME = re.compile(r"(Error_?|Refused|Denied|Rejected|Conflict|Frozen|Problem|NotAllowedNow|Http404)$")
GETTEXT = frozenset(
    {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
)
MESSAGE_LEVELS = frozenset({"debug", "info", "success", "warning", "error"})

#: (module, start of the message) of messages no user reads, each with the reason.
ALLOWED = {
    # a template names a section slot that does not exist: a programming error, raised while rendering
    ("kreiskurs/core/sections.py", "unknown section slot"),
    # a service announces a change of a kind no listener knows: a programming error
    ("kreiskurs/core/changes.py", "unknown kind"),
    # the plain algorithm modules are called with two labelings of different items: a programming error
    ("kreiskurs/participation/opinion/agreement.py", "must label the same items"),
    # a prepared query is called with other parameters than defined, or its SQL varies in the test
    # suite's check: programming errors (kreiskurs/prepared.py)
    ("kreiskurs/prepared.py", "expected the parameters"),
    ("kreiskurs/prepared.py", "parameter "),
    ("kreiskurs/prepared.py", "prepared query "),
    ("kreiskurs/prepared.py", "no slice from"),
}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def _has_words(text: str) -> bool:
    return re.search(r"[A-Za-zÄÖÜäöüß]{2}", text) is not None


def bare(node: ast.expr) -> bool:
    """A message written out in the code instead of passed through gettext."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and _has_words(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(v, ast.Constant) and _has_words(str(v.value)) for v in node.values)
    if isinstance(node, ast.BinOp):  # "…" % x, "…" + x, x + "…"
        return bare(node.left) or (isinstance(node.op, ast.Add) and bare(node.right))
    if isinstance(node, ast.Dict):  # ValidationError({"field": "…"})
        return any(value is not None and bare(value) for value in node.values)
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(bare(element) for element in node.elts)
    if isinstance(node, ast.IfExp):
        return bare(node.body) or bare(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return bare(node.func.value) or any(bare(a) for a in node.args)
    return False


def _message(call: ast.Call, *, command: bool) -> ast.expr | None:
    """The argument of ``call`` that a user reads, if ``call`` shows a message."""
    name = _name(call.func)
    if ERROR_NAME.search(name) or name == "ValueError":
        keywords = {k.arg: k.value for k in call.keywords}
        return call.args[0] if call.args else keywords.get("message")
    if (
        name in MESSAGE_LEVELS
        and isinstance(call.func, ast.Attribute)
        and _name(call.func.value) == "messages"
        and len(call.args) >= 2
    ):
        return call.args[1]
    if name == "add_error" and len(call.args) >= 2:
        return call.args[1]
    if (
        name in ("add", "append")
        and isinstance(call.func, ast.Attribute)
        and _name(call.func.value) in ("errors", "problems")
        and call.args
    ):
        return call.args[-1]  # an importer's error list: plan.errors.add(line, "…"), problems.append("…")
    if (
        command
        and name == "write"
        and isinstance(call.func, ast.Attribute)
        and _name(call.func.value)
        in (
            "stdout",
            "stderr",
        )
    ):
        written = call.args[0] if call.args else None
        if isinstance(written, ast.Call) and _name(getattr(written.func, "value", written.func)) == "style":
            return written.args[0] if written.args else None  # self.style.SUCCESS("…")
        return written
    return None


def unwrapped(source: str, module: str) -> list[str]:
    """``module:line: message`` for every message in ``source`` that bypasses gettext."""
    command = "/management/commands/" in module
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        message = _message(node, command=command)
        if message is None or not bare(message):
            continue
        text = ast.unparse(message)
        if any(module == allowed and allowed_text in text for allowed, allowed_text in ALLOWED):
            continue
        found.append(f"{module}:{node.lineno}: {text[:100]}")
    return found


def _modules() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if "tests" not in path.relative_to(PACKAGE).parts and "migrations" not in path.relative_to(PACKAGE).parts
    ]


def test_every_message_users_read_goes_through_gettext() -> None:
    found = [
        line
        for path in _modules()
        for line in unwrapped(path.read_text(encoding="utf-8"), path.relative_to(ROOT).as_posix())
    ]
    assert found == [], "messages outside gettext (wrap them in _()):\n" + "\n".join(found)


def test_the_check_finds_literal_and_f_string_messages_and_passes_wrapped_ones() -> None:
    source = """
raise ValidationError("Die Gemeinde gehört nicht zu diesem Kreis.")
raise ValidationError({"date": "liegt in der Zukunft"})
raise TableError(f"{filename}: Datei ist leer")
raise ValueError("„%s“ ist keine Zahl" % raw)
messages.error(request, "Gespeichert.")
plan.errors.add(row.line, f"Spalte {name}: fehlt")
raise ValidationError(_("Die Gemeinde gehört nicht zu diesem Kreis."))
raise TableError(_("%(file)s: Datei ist leer") % {"file": filename})
raise GeoJSONError(str(exc), feature=where)
raise ValueError(message)
plan.errors.add(row.line, "; ".join(problems))
"""
    assert [line.split(":")[1] for line in unwrapped(source, "kreiskurs/x.py")] == ["2", "3", "4", "5", "6", "7"]
    assert unwrapped('self.stdout.write(f"{n} Zeilen importiert")', "kreiskurs/x/management/commands/y.py")
    assert unwrapped('self.stdout.write(self.style.SUCCESS("Fertig."))', "kreiskurs/x/management/commands/y.py")
    assert not unwrapped('self.stdout.write(f"  {line}")', "kreiskurs/x/management/commands/y.py")


def test_plain_modules_translate_through_the_shim() -> None:
    from kreiskurs.i18n import gettext

    with translation.override("en"):
        assert gettext("Die Gemeinde gehört nicht zu diesem Kreis.") == (
            "The municipality does not belong to this district."
        )
    with translation.override("de"):
        assert gettext("Die Gemeinde gehört nicht zu diesem Kreis.") == "Die Gemeinde gehört nicht zu diesem Kreis."


def test_plain_modules_run_without_django_settings() -> None:
    """The parsers keep working (German messages) in a script that never configures Django."""
    script = (
        "from kreiskurs.tabular import parse_decimal\n"
        "try:\n    parse_decimal('abc')\n"
        "except ValueError as exc:\n    print(exc)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "„abc“ ist keine Zahl"
