"""The text analysis of a process's ideas as background work: requested by every new contribution, debounced.

``request_analysis`` marks the process's analysis stale and, once the contribution is committed, queues a run
unless one is already waiting (however many ideas arrive meanwhile, one queued run reads them all). The run
(``run_text_analysis``, a runner of ``core.jobs``) continues the stored index with what was added, changed or
removed, stores new near-duplicate pairs as suggestions for the moderators and the themes of all ideas. The
process's published comments keep an index of their own (``TextAnalysis.comment_state``): a comment that
repeats an earlier one is suggested too (``CommentDuplicate``), for hiding with a reason naming the earlier.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kreiskurs.core.jobs import JobRefused, Outcome, Progress, start_job
from kreiskurs.core.models import Job, JobState

from ..models import (
    Comment,
    CommentDuplicate,
    DuplicateSuggestion,
    Idea,
    IdeaStatus,
    Process,
    TextAnalysis,
    Visibility,
)
from ..selectors.analysis import embedder

RUNNER = "kreiskurs.participation.services.analysis.run_text_analysis"
MAX_THEMES = 8
#: comments with fewer content words (stop words left out) are not compared: "Sehe ich genauso" would
#: otherwise pair every agreeing reply with every other one
MIN_COMMENT_WORDS = 5


def request_analysis(*, process_id: int, district_id: int) -> None:
    """A contribution of the process was written or changed: analyse again once it is committed."""
    TextAnalysis.objects.update_or_create(process_id=process_id, defaults={"district_id": district_id, "stale": True})
    transaction.on_commit(lambda: queue_analysis(process_id))


def queue_analysis(process_id: int) -> Job | None:
    """Queue a run unless the analysis is current or a run is already waiting (the debounce)."""
    with transaction.atomic():
        analysis = (
            TextAnalysis.objects.select_for_update()
            .select_related("process__district")
            .filter(process_id=process_id)
            .first()
        )
        if analysis is None or not analysis.stale:
            return None
        if analysis.job_id and Job.objects.filter(pk=analysis.job_id, state=JobState.QUEUED).exists():
            return None
        job = Job.objects.create(
            district=analysis.process.district,
            title=_("Textanalyse: %(p)s") % {"p": analysis.process.title},
            runner=RUNNER,
            params={"process_id": process_id},
        )
        TextAnalysis.objects.filter(pk=analysis.pk).update(job=job)
    from kreiskurs.core.jobs import run_job

    run_job.enqueue(str(job.pk))
    return job


def start_analysis(*, by: Any, process: Process) -> Job:
    """Staff ask for a run now (e.g. after an import); the same runner, queued for the district."""
    TextAnalysis.objects.update_or_create(process=process, defaults={"district_id": process.district_id, "stale": True})
    job = start_job(
        by=by,
        district=process.district,
        title=_("Textanalyse: %(p)s") % {"p": process.title},
        runner=RUNNER,
        params={"process_id": process.pk},
    )
    TextAnalysis.objects.filter(process=process).update(job=job)
    return job


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def analysed_ideas(process_id: int) -> dict[int, str]:
    """What is analysed: the ideas not hidden by moderation and not merged away (id → title and text)."""
    rows = (
        Idea.objects.filter(process_id=process_id)
        .exclude(visibility=Visibility.HIDDEN)
        .exclude(status=IdeaStatus.MERGED)
        .values_list("pk", "title", "text")
    )
    return {pk: f"{title}\n{text}" for pk, title, text in rows}


def analysed_comments(process_id: int) -> dict[int, str]:
    """The published comments (released, not hidden) with at least ``MIN_COMMENT_WORDS`` content words."""
    from ..textanalysis.german import tokens

    rows = Comment.objects.filter(process_id=process_id).visible().values_list("pk", "text")
    return {pk: text for pk, text in rows if sum(tokens(text).stems.values()) >= MIN_COMMENT_WORDS}


def _index_comments(analysis: TextAnalysis, model: Any) -> tuple[bytes, dict[str, str], list[Any]]:
    """Continue the comments' index as the ideas' one: (state, fingerprints, pairs with a new comment)."""
    from .. import textanalysis as ta

    comments = analysed_comments(analysis.process_id)
    current = {str(pk): fingerprint(text) for pk, text in comments.items()}
    state = bytes(analysis.comment_state)
    index = ta.TextIndex.from_state(state, embedder=model) if state else ta.TextIndex(embedder=model)
    index.remove([int(key) for key, mark in analysis.comments_indexed.items() if current.get(key) != mark])
    new = [int(key) for key, mark in current.items() if analysis.comments_indexed.get(key) != mark]
    index.add([ta.Doc(pk, comments[pk]) for pk in new])
    pairs = index.near_duplicates(ids=new) if new else []
    return index.state(), current, pairs


def run_text_analysis(*, job: Job, progress: Progress, process_id: int) -> Outcome:
    """Continue the stored index with the changes, store new duplicate pairs and the themes."""
    from .. import textanalysis as ta

    analysis = TextAnalysis.objects.filter(process_id=process_id, district=job.district).first()
    if analysis is None:
        raise JobRefused(_("Das Verfahren gibt es nicht mehr."))
    TextAnalysis.objects.filter(pk=analysis.pk).update(stale=False)  # what arrives from now on asks again
    progress(_("Beiträge lesen"), 0, 3)
    ideas = analysed_ideas(process_id)
    current = {str(pk): fingerprint(text) for pk, text in ideas.items()}
    model = embedder()  # None: stemmed TF-IDF only
    state = bytes(analysis.index_state)
    index = ta.TextIndex.from_state(state, embedder=model) if state else ta.TextIndex(embedder=model)
    gone = [int(key) for key, mark in analysis.indexed.items() if current.get(key) != mark]
    index.remove(gone)
    new = [int(key) for key, mark in current.items() if analysis.indexed.get(key) != mark]
    index.add([ta.Doc(pk, ideas[pk]) for pk in new])
    progress(_("Dubletten suchen"), 1, 3)
    pairs = index.near_duplicates(ids=new)  # the package's threshold, chosen on the labelled set if new else []
    comment_state, comments_indexed, comment_pairs = _index_comments(analysis, model)
    progress(_("Themen bilden"), 2, 3)
    themes = [
        {"label": t.label, "keywords": list(t.keywords), "members": list(t.members)}
        for t in index.themes(max_themes=MAX_THEMES)
    ]
    with transaction.atomic():
        suggested = _store_pairs(analysis, pairs, DuplicateSuggestion)
        repeated = _store_pairs(analysis, comment_pairs, CommentDuplicate)
        TextAnalysis.objects.filter(pk=analysis.pk).update(
            index_state=index.state(),
            indexed=current,
            comment_state=comment_state,
            comments_indexed=comments_indexed,
            themes=themes,
            analysed_at=timezone.now(),
        )
    return Outcome(
        _(
            "%(n)d Ideen und %(c)d Kommentare analysiert, %(d)d mögliche Dubletten neu, "
            "%(w)d mögliche Wiederholungen von Kommentaren neu, %(t)d Themen."
        )
        % {"n": len(current), "c": len(comments_indexed), "d": suggested, "w": repeated, "t": len(themes)}
    )


def _store_pairs(
    analysis: TextAnalysis, pairs: list[Any], model: type[DuplicateSuggestion] | type[CommentDuplicate]
) -> int:
    """New pairs as open suggestions; a pair already decided (or suggested) stays as it is."""
    rows = []
    for pair in pairs:
        first, second = sorted((int(pair.first), int(pair.second)))
        if first != second:
            rows.append((first, second, float(pair.score)))
    existing = set(
        model.objects.filter(process_id=analysis.process_id, first_id__in=[r[0] for r in rows]).values_list(
            "first_id", "second_id"
        )
    )
    fresh = [
        model(district_id=analysis.district_id, process_id=analysis.process_id, first_id=a, second_id=b, score=s)
        for a, b, s in rows
        if (a, b) not in existing
    ]
    model.objects.bulk_create(fresh, ignore_conflicts=True)  # type: ignore[arg-type]
    return len(fresh)
