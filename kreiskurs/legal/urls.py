"""Routes of the legal pages, included at the root before the portal (``kreiskurs/urls.py``).

The kind converter matches only the four page names, so ``/<slug>/impressum/``
cannot shadow any other route of a district.
"""

from django.urls import path, register_converter

from . import views
from .models import PageKind


class KindConverter:
    regex = "|".join(PageKind.values)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(KindConverter, "legal_kind")

app_name = "legal"

urlpatterns = [
    path("<legal_kind:kind>/", views.page, name="page"),
    path("verwaltung/rechtliches/", views.manage, name="manage"),
    path("verwaltung/rechtliches/<legal_kind:kind>/", views.edit, name="edit"),
    path("verwaltung/rechtliches/<legal_kind:kind>/entfernen/", views.remove, name="remove"),
    path("<slug:slug>/<legal_kind:kind>/", views.page, name="district_page"),
    path("<slug:slug>/verwaltung/rechtliches/", views.manage, name="district_manage"),
    path("<slug:slug>/verwaltung/rechtliches/kontakt/", views.contact, name="district_contact"),
    path("<slug:slug>/verwaltung/rechtliches/<legal_kind:kind>/", views.edit, name="district_edit"),
    path("<slug:slug>/verwaltung/rechtliches/<legal_kind:kind>/entfernen/", views.remove, name="district_remove"),
]
