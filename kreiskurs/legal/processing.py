"""What the platform really processes about people: the one list the privacy statement shows.

Each :class:`Purpose` names the models that hold the data and the cookies it
sets. ``tests/test_processing.py`` compares this list with the code: every
model that holds personal data (a link to an account or a participant, an
e-mail or IP address, or one of ``HOLDS_PERSONAL_DATA``) must be named by a
purpose, every name here must exist, and every cookie the pages set must be
listed. Adding such a model without saying here what it is for fails the
suite, so the statement stays true when features change.

Retention periods are read from the settings and the code at the time the
page is shown, not written down twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kreiskurs.accounts.ratelimit import KEEP as RATE_WINDOWS_KEPT

#: models with personal data that the automatic check cannot see (no link, no e-mail or IP field)
HOLDS_PERSONAL_DATA = {
    "accounts.RateWindow": "keyed hashes of an account or an IP address",
    "accounts.Session": "the login and a pseudonymous participant's browser session",
    "django_tasks_database.DBTaskResult": "queued mails with their recipients",
}

#: Art. 6 DSGVO bases used below
PUBLIC_TASK = "public_task"
CONSENT = "consent"
LEGAL_DUTY = "legal_duty"


@dataclass(frozen=True)
class Purpose:
    key: str
    title: str | Promise
    data: str | Promise
    purpose: str | Promise
    basis: str | Promise
    retention: str | Promise
    models: tuple[str, ...] = ()
    cookies: tuple[str, ...] = field(default=())


def _duration(delta: dt.timedelta) -> str:
    seconds = int(delta.total_seconds())
    if seconds % 86400 == 0:
        days = seconds // 86400
        return ngettext("%(n)d Tag", "%(n)d Tage", days) % {"n": days}
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(n)d Stunde", "%(n)d Stunden", hours) % {"n": hours}
    minutes = max(1, seconds // 60)
    return ngettext("%(n)d Minute", "%(n)d Minuten", minutes) % {"n": minutes}


def _basis(kind: str) -> str:
    return {
        PUBLIC_TASK: _(
            "Art. 6 Abs. 1 lit. e DSGVO (Aufgabe im öffentlichen Interesse: Strategiearbeit und Beteiligung "
            "des Kreises) in Verbindung mit dem Datenschutzgesetz des Landes"
        ),
        CONSENT: _("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung)"),
        LEGAL_DUTY: _("Art. 6 Abs. 1 lit. c DSGVO (rechtliche Pflicht, z. B. Art. 5 Abs. 2 und Art. 32 DSGVO)"),
    }[kind]


def _cookie_age(seconds: int | None) -> str:
    if not seconds:
        return _("bis der Browser geschlossen wird")
    return _duration(dt.timedelta(seconds=seconds))


def purposes() -> list[Purpose]:
    """Every processing of personal data, in the order the privacy statement lists them."""
    return [
        Purpose(
            key="accounts",
            title=_("Benutzerkonto"),
            data=_(
                "Benutzername, E-Mail-Adresse, Passwort (nur als Hash), Zeitpunkt der letzten Anmeldung; "
                "Rollen in einem Kreis und Einladungen dazu; "
                "gesammelte Benachrichtigungen für die tägliche Zusammenfassung; Schlüssel für die Schnittstelle, "
                "die Sie erstellt haben (nur als Hash), und wann sie zuletzt benutzt wurden."
            ),
            purpose=_("Anmelden, Rollen im Kreis vergeben, Benachrichtigungen und Passwort-Zurücksetzen per E-Mail."),
            basis=_basis(PUBLIC_TASK),
            retention=_("Bis Sie das Konto löschen; Einladungen verfallen nach ihrer Gültigkeit."),
            models=(
                "accounts.User",
                "accounts.Membership",
                "accounts.Invitation",
                "participation.PendingMail",
                "api.ApiToken",
            ),
        ),
        Purpose(
            key="following",
            title=_("Folgen per E-Mail"),
            data=_(
                "Welche Maßnahmen, Ziele und Beteiligungsverfahren Sie verfolgen, seit wann, und Ihre bestätigte "
                "E-Mail-Adresse als Empfänger der Benachrichtigungen."
            ),
            purpose=_(
                "Sie erhalten eine E-Mail, wenn sich etwas ändert, dem Sie folgen (neuer Statusbericht, neue "
                "beschlossene Fassung). Jede E-Mail enthält einen Link, mit dem Sie das Folgen ohne Anmeldung "
                "mit einem Klick beenden."
            ),
            basis=_basis(CONSENT),
            retention=_("Bis Sie nicht mehr folgen oder das Konto löschen."),
            models=("following.Follow",),
        ),
        Purpose(
            key="sign_on",
            title=_("Anmeldung über den Identitätsdienst und zweiter Faktor"),
            data=_(
                "Die Kennung Ihres Kontos beim Identitätsdienst der Verwaltung (OpenID Connect) und wann sie "
                "verknüpft wurde; bis zur Abmeldung das Anmeldetoken des Identitätsdienstes in Ihrer Sitzung "
                "(damit die Abmeldung Sie auch dort abmeldet); für den zweiten Faktor der geheime Schlüssel "
                "Ihrer Authenticator-App und Ihre Wiederherstellungscodes."
            ),
            purpose=_(
                "Mitarbeitende melden sich mit dem Konto ihrer Verwaltung an; ein zweiter Faktor schützt Konten "
                "mit Rollen vor fremdem Zugriff. Rollen vergibt weiterhin der Kreis in Kreiskurs."
            ),
            basis=_basis(LEGAL_DUTY),
            retention=_("Bis Sie das Konto löschen oder den zweiten Faktor entfernen."),
            models=("accounts.ProviderIdentity", "otp_totp.TOTPDevice", "otp_static.StaticDevice"),
        ),
        Purpose(
            key="participation",
            title=_("Beteiligung"),
            data=_(
                "Anzeigename oder Pseudonym; freiwillig, für wen Sie sprechen (eine Gruppe wie Wirtschaft oder "
                "Zivilgesellschaft), Ihr Wohnort (Gemeinde) und Ihre Altersgruppe; "
                "Ihre Ideen, Kommentare, Thesen, Unterstützungen, Stimmen, Bewertungen, Umfrageantworten "
                "und Meldungen von Beiträgen."
            ),
            purpose=_(
                "Ihre Beiträge zeigen und auswerten. Die Angabe, für wen Sie sprechen, dient nur dazu zu "
                "erkennen, welche Gruppen die Beteiligung erreicht; sie wird nie mit Ihrem Namen veröffentlicht. "
                "Wohnort und Altersgruppe dienen nur der Auswertung, wie repräsentativ die Beteiligung ist "
                "(verglichen mit der Bevölkerung der Gemeinden und Altersgruppen des Kreises); sie werden nur "
                "zusammengefasst gezeigt, nie für weniger als 5 Personen, und nie mit Ihrem Namen. Sie können "
                "sie unter „Meine Daten“ jederzeit ändern oder entfernen."
            ),
            basis=_basis(CONSENT),
            retention=_(
                "Bis Sie Ihre Daten unter „Meine Daten“ löschen. Sie können Ihre Beiträge dabei anonym stehen "
                "lassen oder mit löschen."
            ),
            models=(
                "participation.Participant",
                "participation.Idea",
                "participation.Comment",
                "participation.Statement",
                "participation.Support",
                "participation.StatementVote",
                "participation.MeasureRating",
                "participation.SurveyResponse",
                "participation.AbuseReport",
                # the opinion map keeps each voter's position until its next computation after a deletion
                "participation.OpinionMap",
                # the text analysis keeps a copy of the ideas' texts until its next run after a deletion
                "participation.TextAnalysis",
            ),
        ),
        Purpose(
            key="consent",
            title=_("Einwilligungen"),
            data=_("Wortlaut der Einwilligung, Zweck und Zeitpunkt."),
            purpose=_("Nachweis, dass und wozu Sie eingewilligt haben (Art. 7 Abs. 1 DSGVO)."),
            basis=_basis(LEGAL_DUTY),
            retention=_("So lange wie die Beteiligungsdaten, zu denen sie gehört."),
            models=("participation.Consent",),
        ),
        Purpose(
            key="staff",
            title=_("Arbeit der Verwaltung"),
            data=_(
                "Wer in der Verwaltung wann was geändert hat: Protokoll der Änderungen, Statusberichte, "
                "Änderungen in der Umsetzung, Meilensteine, Beitritte von Gemeinden, Abwägungen von Beiträgen, "
                "Entscheidungen über mögliche Dubletten und Zuordnungen von Ideen, "
                "Änderungsvorschläge, kommunale Ansätze, "
                "Selbsteinschätzungen, Importe und Fassungen der rechtlichen Seiten."
            ),
            purpose=_(
                "Nachvollziehbarkeit der Strategiearbeit und Rechenschaft gegenüber Kreistag und Öffentlichkeit."
            ),
            basis=_basis(PUBLIC_TASK),
            retention=_("So lange wie die Strategie des Kreises, zu der die Einträge gehören."),
            models=(
                "audit.AuditEntry",
                "admin.LogEntry",
                "core.Job",
                "strategy.StatusReport",
                "strategy.ImplementationChange",
                "strategy.MilestoneCompletion",
                "strategy.Enrolment",
                "participation.Consideration",
                "participation.DuplicateSuggestion",
                "participation.CommentDuplicate",
                "participation.FieldAssignment",
                "monitoring.PendingUpload",
                "evaluation.ChangeProposal",
                "initiatives.LocalInitiative",
                "maturity.Assessment",
                "maturity.GapMeasure",
                "legal.LegalPageVersion",
            ),
        ),
        Purpose(
            key="stakeholders",
            title=_("Akteure der Strategie"),
            data=_("Name, Organisation und Kontaktdaten von Ansprechpersonen in Verbänden, Firmen und Gremien."),
            purpose=_("Die Strategie mit den Beteiligten im Kreis abstimmen. Nur das Strategieteam sieht diese Daten."),
            basis=_basis(PUBLIC_TASK),
            retention=_("Bis das Strategieteam den Eintrag entfernt."),
            models=("actors.Stakeholder",),
        ),
        Purpose(
            key="rate_limits",
            title=_("Schutz vor Missbrauch"),
            data=_(
                "Zähler je Aktion und Zeitfenster, gespeichert unter einem verschlüsselten Hash Ihres Kontos "
                "oder Ihrer IP-Adresse (nicht die Adresse selbst); ein signierter Zeitstempel in Formularen."
            ),
            purpose=_("Massenhafte Beiträge, Registrierungen und Nachrichten durch Programme verhindern."),
            basis=_basis(LEGAL_DUTY),
            retention=_("%(days)s; der Zeitstempel nur in Ihrem Browser und Ihrer Sitzung.")
            % {"days": _duration(RATE_WINDOWS_KEPT)},
            models=("accounts.RateWindow",),
        ),
        Purpose(
            key="login_throttling",
            title=_("Schutz der Anmeldung"),
            data=_("Fehlgeschlagene Anmeldungen: Benutzername, IP-Adresse, Browserkennung, Zeitpunkt."),
            purpose=_("Erraten von Passwörtern verhindern: nach zu vielen Fehlversuchen wird die Anmeldung gesperrt."),
            basis=_basis(LEGAL_DUTY),
            retention=_(
                "Die Sperre endet nach %(cooloff)s. Das Protokoll der Fehlversuche löscht der Betrieb "
                "regelmäßig (Befehl axes_reset)."
            )
            % {"cooloff": _duration(settings.AXES_COOLOFF_TIME)},
            models=("axes.AccessAttempt", "axes.AccessFailureLog", "axes.AccessLog"),
        ),
        Purpose(
            key="mail",
            title=_("E-Mail-Versand und Rückmeldungen"),
            data=_(
                "Empfängeradresse und Text von E-Mails bis zum Versand; Nachrichten über das Formular zur "
                "Barrierefreiheit mit der Antwortadresse, die Sie angeben; die Adresse, unter der der Kreis "
                "Rückmeldungen empfängt."
            ),
            purpose=_(
                "Benachrichtigungen zustellen; Ihre Rückmeldung an die zuständige Stelle des Kreises weitergeben."
            ),
            basis=_basis(PUBLIC_TASK),
            retention=_(
                "Bis die E-Mail versandt ist; Rückmeldungen speichert die Plattform nicht, sie gehen als E-Mail "
                "an den Kreis."
            ),
            models=("django_tasks_database.DBTaskResult", "legal.DistrictContact"),
        ),
        Purpose(
            key="cookies",
            title=_("Cookies"),
            data=_(
                "Sitzungs-Cookie (%(session)s) für Anmeldung und pseudonyme Beteiligung, Schutz-Cookie gegen "
                "gefälschte Formulare (%(csrf)s), Sprach-Cookie (%(language)s), wenn Sie die Sprache wechseln."
            )
            % {
                "session": settings.SESSION_COOKIE_NAME,
                "csrf": settings.CSRF_COOKIE_NAME,
                "language": settings.LANGUAGE_COOKIE_NAME,
            },
            purpose=_("Technisch notwendig; keine Cookies zur Analyse oder Werbung."),
            basis=_("§ 25 Abs. 2 Nr. 2 TDDDG (unbedingt erforderlich) und %(basis)s") % {"basis": _basis(PUBLIC_TASK)},
            retention=_("Sitzung: %(session)s; Schutz-Cookie: %(csrf)s; Sprache: %(language)s.")
            % {
                "session": _cookie_age(settings.SESSION_COOKIE_AGE),
                "csrf": _cookie_age(settings.CSRF_COOKIE_AGE),
                "language": _cookie_age(settings.LANGUAGE_COOKIE_AGE),
            },
            models=("accounts.Session",),
            cookies=(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME),
        ),
        Purpose(
            key="server_logs",
            title=_("Server-Protokolle"),
            data=_(
                "Beim Aufruf jeder Seite: IP-Adresse, Zeitpunkt, aufgerufene Adresse, Browserkennung, Statuscode "
                "(Protokoll des Webservers; die Plattform selbst schreibt nur Fehlermeldungen ohne Personenbezug)."
            ),
            purpose=_("Betrieb und Sicherheit: Fehler finden, Angriffe erkennen."),
            basis=_basis(LEGAL_DUTY),
            retention=_("[BITTE ERGÄNZEN: Speicherdauer der Webserver-Protokolle, üblich höchstens 7 Tage]"),
        ),
    ]


def named_models() -> set[str]:
    return {label for p in purposes() for label in p.models}


def named_cookies() -> set[str]:
    return {name for p in purposes() for name in p.cookies}
