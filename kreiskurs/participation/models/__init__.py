"""Participation models (DESIGN.md §3 "Participation")."""

from .analysis import (
    CommentDuplicate,
    CommentDuplicateState,
    DuplicateSuggestion,
    FieldAssignment,
    SuggestionState,
    TextAnalysis,
)
from .consideration import Consideration, Decision
from .contributions import AbuseReport, Comment, Idea, IdeaStatus, MeasureRating, Moderated, Support, Visibility
from .events import Event
from .opinion import OpinionMap
from .participants import AgeBand, Consent, Participant
from .processes import (
    PHASE_ACTIONS,
    Action,
    Phase,
    PhaseKind,
    Process,
    RunningRepresentativeness,
    sees_published_only,
)
from .protection import PendingMail
from .statements import Statement, StatementVote, Vote
from .surveys import Answer, Choice, Question, Survey, SurveyResponse

__all__ = [
    "PHASE_ACTIONS",
    "AbuseReport",
    "Action",
    "AgeBand",
    "Answer",
    "Choice",
    "Comment",
    "CommentDuplicate",
    "CommentDuplicateState",
    "Consent",
    "Consideration",
    "Decision",
    "DuplicateSuggestion",
    "Event",
    "FieldAssignment",
    "Idea",
    "IdeaStatus",
    "MeasureRating",
    "Moderated",
    "OpinionMap",
    "Participant",
    "PendingMail",
    "Phase",
    "PhaseKind",
    "Process",
    "Question",
    "RunningRepresentativeness",
    "Statement",
    "StatementVote",
    "SuggestionState",
    "Support",
    "Survey",
    "SurveyResponse",
    "TextAnalysis",
    "Visibility",
    "Vote",
    "sees_published_only",
]
