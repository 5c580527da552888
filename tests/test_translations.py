"""The English catalogue is complete and its compiled .mo matches the .po."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[1] / "kreiskurs" / "locale" / "en" / "LC_MESSAGES"
ENTRY = re.compile(
    r'(#, fuzzy\n)?(?:#[^\n]*\n)*msgid ((?:"[^\n]*"\n)+)(?:msgid_plural (?:"[^\n]*"\n)+)?((?:msgstr(?:\[\d\])? (?:"[^\n]*"\n)+)+)'  # noqa: E501
)


def _text(block: str) -> str:
    return "".join(ast.literal_eval(line) for line in block.strip().splitlines())


def entries() -> list[tuple[bool, str, list[str]]]:
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    result = []
    for fuzzy, msgid, msgstrs in ENTRY.findall(po + "\n"):
        strs = [
            _text(re.sub(r"^msgstr(?:\[\d\])? ", "", part, flags=re.M))
            for part in re.split(r"(?=^msgstr)", msgstrs, flags=re.M)
            if part
        ]
        result.append((bool(fuzzy), _text(msgid), strs))
    return [e for e in result if e[1]]  # skip the header


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    found = entries()
    assert len(found) > 300
    assert [e[1] for e in found if e[0]] == []
    assert [e[1] for e in found if not all(e[2])] == []


def test_compiled_catalogue_is_in_sync() -> None:
    with (LOCALE / "django.mo").open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)
    stale = [msgid for _fuzzy, msgid, strs in entries() if len(strs) == 1 and catalogue.gettext(msgid) != strs[0]]
    assert stale == [], "run `make messages` (compilemessages) and commit django.mo"
