"""Error pages in the site frame (400, 403, 404, 500), in the visitor's language.

Wired as ``handler400`` … ``handler500`` in ``kreiskurs/urls.py``. The texts say
what happened and what to do, never why in technical terms (no exception text).
The 500 page renders without context processors and without the database, which
may be the very thing that failed.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    context = {"error_title": title, "error_text": text, "status": status}
    response = TemplateResponse(request, f"{status}.html", context, status=status)
    return response.render()


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        400,
        _("Ungültige Anfrage"),
        _("Die Adresse oder das Formular enthält Zeichen oder Werte, die Kreiskurs nicht verarbeiten kann."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        403,
        _("Kein Zugriff"),
        _("Für diese Seite fehlt Ihnen die Berechtigung. Melden Sie sich gegebenenfalls mit einem anderen Konto an."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(
        request,
        404,
        _("Seite nicht gefunden"),
        _("Diese Seite gibt es nicht oder nicht mehr. Prüfen Sie die Adresse oder beginnen Sie auf der Startseite."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    context = {  # no request: no context processors, no database
        "error_title": _("Interner Fehler"),
        "error_text": _(
            "Etwas ist schiefgegangen. Der Fehler wurde protokolliert; bitte versuchen Sie es später noch einmal."
        ),
        "status": 500,
    }
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
