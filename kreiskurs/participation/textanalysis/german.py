"""German preprocessing: tokens, stop words, Snowball stems and the surface words behind them.

Lower-casing uses ``str.casefold`` (so ``ß`` becomes ``ss``); the Snowball German stemmer folds the
umlauts (``Bürger`` → ``burg``) and reads ``ue``/``oe``/``ae`` spellings of them. Hyphenated compounds
(``WLAN-Hotspot``, ``E-Akte``) count as the whole word and as their parts. Stems are cached per word, so
a corpus costs one stemmer call per distinct word.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")

#: Function words and the filler of citizen proposals ("bitte", "wäre schön", "sollte man"): they say
#: nothing about the subject, so they count neither for similarity nor for theme labels.
_STOP_TEXT = """
    aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anders
    auch auf aus bei beim bin bis bisher bist bitte bzw da dabei dadurch dafür dagegen daher damit dann
    dar daran darauf darum das dass dasselbe dazu dein deine dem den denen denn der deren des deshalb
    dessen die dies diese diesem diesen dieser dieses doch dort du durch eben ein eine einem einen einer
    eines einfach einige einmal er es etwa etwas euch euer eure für gab gar gegen gehabt gewesen gibt
    gerne gern gut habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
    ihrer im immer in ins ist ja je jede jedem jeden jeder jedes jetzt kann kein keine keinem keinen
    keiner können könnte könnten lassen man manche mehr mein meine meinem meinen meiner meines mich mir
    mit möchte möchten muss musste müsste müssen nach nicht nichts noch nun nur ob oder ohne schon
    sehr sein seine seinem seinen seiner seit selbst sich sie sind so soll sollen sollte sollten sonst
    sowie statt über um und uns unser unsere unserem unseren unserer unter viel viele vielleicht vom von
    vor wann war waren warum was weil welche welchem welchen welcher welches wenn wer werde werden wie
    wieder will wir wird wo wollen wurde würde würden z zu zum zur zwar zwischen wäre wären toll super
    schön endlich dringend wichtig gibt's finde fände meiner meinung idee vorschlag einfach eigentlich
    ganz leider ständig sowas etc usw bzw ca ggf evtl also ok bei gerade darf dürfen macht machen mal per pro
    ab brauchen braucht stellen anbieten
    """
STOP_WORDS = frozenset(_STOP_TEXT.split())

_stemmer = snowballstemmer.stemmer("german")


def fold(text: str) -> str:
    """``text`` lower-cased with ``ß`` → ``ss`` and Unicode normalised (NFC), for comparison."""
    return unicodedata.normalize("NFC", text).casefold()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball German stem of one folded word."""
    return str(_stemmer.stemWord(word))


@dataclass(frozen=True)
class Tokens:
    """A text's content words: ``stems`` (counted) and, per stem, the surface words seen."""

    stems: Counter[str]
    surfaces: dict[str, Counter[str]]


def words(text: str) -> list[str]:
    """The words of ``text`` as written (hyphenated compounds once whole, then their parts)."""
    found = []
    for match in _WORD.finditer(unicodedata.normalize("NFC", text)):
        word = match.group(0)
        found.append(word)
        if "-" in word:
            found.extend(part for part in word.split("-") if part)
    return found


def tokens(text: str) -> Tokens:
    """Stems and surface words of ``text`` without stop words, numbers and single letters."""
    stems: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    for word in words(text):
        folded = fold(word)
        if len(folded) < 2 or folded.isdigit() or folded in STOP_WORDS:
            continue
        key = stem(folded)
        if not key or key in STOP_WORDS:
            continue
        stems[key] += 1
        surfaces.setdefault(key, Counter())[word] += 1
    return Tokens(stems=stems, surfaces=surfaces)


def char_grams(text: str, n: int = 4) -> Counter[str]:
    """Character ``n``-grams of the folded words (padded with a blank), robust to typos and inflection."""
    grams: Counter[str] = Counter()
    for word in words(text):
        folded = fold(word)
        if folded in STOP_WORDS or folded.isdigit():
            continue
        padded = f" {folded} "
        if len(padded) <= n:
            grams[padded] += 1
            continue
        for start in range(len(padded) - n + 1):
            grams[padded[start : start + n]] += 1
    return grams


def canonical(text: str) -> str:
    """``text`` reduced to its folded words in order: equal for texts that differ only in case,
    punctuation and spacing (what counts as an exact duplicate)."""
    return " ".join(fold(word) for word in _WORD.findall(unicodedata.normalize("NFC", text)))


def surface_word(counts: Counter[str]) -> str:
    """The surface word to show for a stem: the most frequent spelling; on a tie the capitalised one
    (German nouns), then the alphabetically first (deterministic)."""
    return min(counts.items(), key=lambda item: (-item[1], not item[0][:1].isupper(), item[0]))[0]
