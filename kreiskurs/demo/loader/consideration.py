"""The demo's consideration (Abwägung) of the consultation on version 2: every visible comment answered."""

from __future__ import annotations

from typing import Any

from kreiskurs.accounts.models import User
from kreiskurs.participation.models import Comment, Process
from kreiskurs.participation.services import ideas as idea_services
from kreiskurs.participation.services import moderation
from kreiskurs.participation.services.consideration import respond_to_contribution
from kreiskurs.strategy.models import Goal, Measure

#: paragraph of the comment (by code), its author (index into the demo participants), its text
EXTRA_COMMENTS = [
    ("goal:Z11", 0, "KI bitte nur mit klaren Regeln – und offen sagen, wo sie eingesetzt wird."),
]

#: the start of a comment's text → decision, reason, the changed element (by code) or ""
RESPONSES = {
    "Bitte auch an Menschen denken": (
        "partly",
        "Der Wert „Menschen zuerst“ verlangt barrierefreie Angebote. Dass jede Leistung auch vor Ort und "
        "telefonisch erreichbar bleibt, nimmt das Team in die Beschreibung des Serviceportals auf.",
        "",
    ),
    "100 Leistungen bis 2028": (
        "noted",
        "Danke für die Zustimmung. Das Ziel bleibt unverändert; der Fortschritt steht im Monitoring.",
        "",
    ),
    "KI bitte nur mit klaren Regeln": (
        "adopted",
        "Die neue Maßnahme M31 legt Leitlinien für den KI-Einsatz fest und macht jeden Einsatz öffentlich.",
        "measure:M31",
    ),
}


def _consideration(process: Process, team: User, people: list[Any]) -> None:
    """Comments on the new goal Z11, then a response to every visible comment of the draft process."""
    version = process.version
    codes = {
        f"{kind}:{obj.code}": f"{kind}:{obj.lineage}"
        for kind, model in (("goal", Goal), ("measure", Measure))
        for obj in model.objects.filter(version=version)
    }
    for paragraph, author, text in EXTRA_COMMENTS:
        row = idea_services.comment(
            by=None, process=process, participant=people[author], text=text, paragraph=codes[paragraph]
        )
        moderation.moderate(by=team, obj=row, visibility="visible")
    for comment in Comment.objects.filter(process=process).visible().order_by("created_at", "id"):
        decision, reason, change = next(answer for start, answer in RESPONSES.items() if comment.text.startswith(start))
        respond_to_contribution(
            by=team,
            contribution=comment,
            decision=decision,
            reason=reason,
            change_key=codes[change] if change else "",
            expected_revision=0,
        )
