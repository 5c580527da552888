"""Reads of the text analysis for the back office: open duplicate suggestions, themes, the suggested field and goal."""

from __future__ import annotations

import dataclasses
import functools
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from kreiskurs.strategy.models import FieldOfAction, Goal, Measure
from kreiskurs.territory.models import District

from ..models import (
    CommentDuplicate,
    CommentDuplicateState,
    DuplicateSuggestion,
    FieldAssignment,
    Idea,
    Process,
    SuggestionState,
    TextAnalysis,
    Visibility,
)


def open_duplicates(district: District) -> QuerySet[DuplicateSuggestion]:
    """Suggestions nobody decided yet, of ideas still in play (neither hidden nor merged meanwhile)."""
    return (
        DuplicateSuggestion.objects.filter(district=district, state=SuggestionState.OPEN)
        .exclude(Q(first__visibility=Visibility.HIDDEN) | Q(second__visibility=Visibility.HIDDEN))
        .exclude(Q(first__merged_into__isnull=False) | Q(second__merged_into__isnull=False))
        .select_related("process", "first__author", "second__author")
    )


def open_comment_duplicates(district: District) -> QuerySet[CommentDuplicate]:
    """Comment pairs nobody decided yet whose comments are both still shown (neither hidden meanwhile)."""
    return (
        CommentDuplicate.objects.filter(district=district, state=CommentDuplicateState.OPEN)
        .exclude(Q(first__visibility=Visibility.HIDDEN) | Q(second__visibility=Visibility.HIDDEN))
        .select_related("process", "first__author", "second__author", "first__idea", "second__idea")
    )


def duplicates_of(idea: Idea) -> list[DuplicateSuggestion]:
    """Open suggestions naming ``idea`` (as the original or as the possible repetition)."""
    return list(open_duplicates(idea.district).filter(Q(first=idea) | Q(second=idea)))


@dataclass
class Theme:
    label: str
    keywords: list[str]
    ideas: list[Idea] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.ideas)


def themes_of(process: Process) -> tuple[list[Theme], TextAnalysis | None]:
    """The themes of the latest analysis run with their ideas (two queries, whatever the number of themes)."""
    analysis = TextAnalysis.objects.filter(process=process).select_related("job").first()
    if analysis is None:
        return [], None
    wanted = {int(pk) for theme in analysis.themes for pk in theme.get("members", [])}
    ideas = Idea.objects.filter(process=process, pk__in=wanted).exclude(visibility=Visibility.HIDDEN).in_bulk()
    themes = []
    for row in analysis.themes:
        members = [ideas[int(pk)] for pk in row.get("members", []) if int(pk) in ideas]
        if members:
            themes.append(Theme(label=row.get("label", ""), keywords=list(row.get("keywords", [])), ideas=members))
    return themes, analysis


@dataclass(frozen=True)
class FieldSuggestion:
    field: FieldOfAction | None
    field_score: float
    goal: Goal | None
    goal_score: float
    #: the runners-up (at most two): staff see three suggestions for the field
    other_fields: list[FieldOfAction] = dataclasses.field(default_factory=list)


def idea_text(idea: Idea) -> str:
    return f"{idea.title}\n{idea.text}"


def latest_assignments(district: District) -> list[FieldAssignment]:
    """The staff's confirmed assignment per idea (the latest; earlier ones were corrected since)."""
    seen: set[int] = set()
    latest = []
    for row in FieldAssignment.objects.filter(district=district).order_by("-assigned_at", "-pk"):
        if row.idea_id not in seen:
            seen.add(row.idea_id)
            latest.append(row)
    return latest


def field_suggestion(idea: Idea, process: Process) -> FieldSuggestion | None:
    """The field of action and goal the idea's text suggests, learnt from the version's own texts (a
    field's title and description, its goals' and its measures'; a goal's own and its measures') and
    every confirmation or correction the staff made in the district (labels are lineages, so examples
    stay valid across revisions)."""
    from ..textanalysis import Example

    if process.version_id is None:
        return None
    fields = {str(f.lineage): f for f in FieldOfAction.objects.filter(version_id=process.version_id)}
    goals = {str(g.lineage): g for g in Goal.objects.filter(version_id=process.version_id).select_related("field")}
    if not fields and not goals:
        return None
    field_examples = [Example(f"{f.title}\n{f.description}", lineage) for lineage, f in fields.items()]
    field_examples += [
        Example(f"{g.title}\n{g.description}", str(g.field.lineage)) for g in goals.values() if g.field is not None
    ]
    goal_examples = [Example(f"{g.title}\n{g.description}", lineage) for lineage, g in goals.items()]
    for measure in Measure.objects.filter(version_id=process.version_id).prefetch_related("fields_of_action", "goals"):
        text = f"{measure.title}\n{measure.summary}"
        field_examples += [Example(text, str(f.lineage)) for f in measure.fields_of_action.all()]
        goal_examples += [Example(text, str(g.lineage)) for g in measure.goals.all()]
    for row in latest_assignments(process.district):
        if row.idea_id == idea.pk or not row.text:
            continue  # an idea does not teach its own suggestion; a forgotten person's text teaches nothing
        if row.field_lineage and str(row.field_lineage) in fields:
            field_examples.append(Example(row.text, str(row.field_lineage)))
        if row.goal_lineage and str(row.goal_lineage) in goals:
            goal_examples.append(Example(row.text, str(row.goal_lineage)))
    text = idea_text(idea)
    ranked_fields = _ranked(field_examples, text)
    ranked_goals = _ranked(goal_examples, text)
    return FieldSuggestion(
        field=fields[ranked_fields[0][0]] if ranked_fields else None,
        field_score=ranked_fields[0][1] if ranked_fields else 0.0,
        goal=goals[ranked_goals[0][0]] if ranked_goals else None,
        goal_score=ranked_goals[0][1] if ranked_goals else 0.0,
        other_fields=[fields[label] for label, _score in ranked_fields[1:]],
    )


def _ranked(examples: list[Any], text: str) -> list[tuple[str, float]]:
    """The three best labels with a score above zero, best first."""
    from ..textanalysis import LabelSuggester

    if not examples:
        return []
    found = LabelSuggester(examples, embedder=embedder()).suggest(text, top=3)
    return [(str(s.label), float(s.score)) for s in found if s.score > 0]


def field_initial(idea: Idea, suggestion: FieldSuggestion | None) -> dict[str, uuid.UUID | None]:
    """What the assignment form starts with: the idea's own field and goal once set, else the suggestion
    (so confirming it is one click)."""
    if idea.field_lineage or idea.goal_lineage:
        return {"field_lineage": idea.field_lineage, "goal_lineage": idea.goal_lineage}
    if suggestion is None:
        return {}
    return {
        "field_lineage": suggestion.field.lineage if suggestion.field else None,
        "goal_lineage": suggestion.goal.lineage if suggestion.goal else None,
    }


def embedder() -> Any:
    """The installed sentence-embedding model, loaded once per process (it remembers the vectors of the
    examples); ``None`` with ``KREISKURS_TEXT_EMBEDDINGS=0`` (and in tests) or without the package:
    stemmed TF-IDF only."""
    from django.conf import settings

    return _installed_embedder() if settings.TEXT_ANALYSIS_EMBEDDINGS else None


@functools.cache
def _installed_embedder() -> Any:
    from ..textanalysis.embedding import installed_embedder

    return installed_embedder()
