from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/daten/", include("kreiskurs.participation.urls_account")),
    path("konto/", include("kreiskurs.accounts.urls")),
    path("api/v1/", include("kreiskurs.api.urls")),
    path("aufgaben/", include("kreiskurs.core.urls")),
    path("", include("kreiskurs.legal.urls")),  # /impressum/, /<slug>/impressum/, …: only the four page names
    path("verwaltung/", include("kreiskurs.strategy.urls_home")),
    path("<slug:slug>/verwaltung/indikatoren/", include("kreiskurs.monitoring.urls_manage")),
    path("<slug:slug>/verwaltung/evaluation/", include("kreiskurs.evaluation.urls_manage")),
    path("<slug:slug>/verwaltung/beteiligung/", include("kreiskurs.participation.urls_manage")),
    path(
        "<slug:slug>/verwaltung/beteiligung/<int:pk>/thesen/", include("kreiskurs.participation.urls_statements_manage")
    ),
    path(
        "<slug:slug>/verwaltung/beteiligung/<int:pk>/umfragen/", include("kreiskurs.participation.urls_surveys_manage")
    ),
    path("<slug:slug>/verwaltung/termine/", include("kreiskurs.participation.urls_events_manage")),
    path("<slug:slug>/verwaltung/reife/", include("kreiskurs.maturity.urls_manage")),
    path("<slug:slug>/verwaltung/zeitplan/", include("kreiskurs.cycle.urls_manage")),
    path("<slug:slug>/verwaltung/ansaetze/", include("kreiskurs.initiatives.urls_manage")),
    path("<slug:slug>/verwaltung/rollen/", include("kreiskurs.accounts.urls_manage")),
    path("<slug:slug>/verwaltung/schnittstelle/", include("kreiskurs.api.urls_manage")),
    path("<slug:slug>/verwaltung/", include("kreiskurs.actors.urls")),  # before the strategy's <kind>/ routes
    path("<slug:slug>/verwaltung/", include("kreiskurs.strategy.urls")),
    path("<slug:slug>/strategie/", include("kreiskurs.documents.urls")),
    path("<slug:slug>/indikatoren/", include("kreiskurs.monitoring.urls_public")),
    path("<slug:slug>/evaluation/", include("kreiskurs.evaluation.urls_public")),
    path("<slug:slug>/beteiligung/termine/", include("kreiskurs.participation.urls_events")),
    path("<slug:slug>/beteiligung/<int:pk>/thesen/", include("kreiskurs.participation.urls_statements")),
    path("<slug:slug>/beteiligung/<int:pk>/umfragen/", include("kreiskurs.participation.urls_surveys")),
    path("<slug:slug>/beteiligung/<int:pk>/abwaegung/", include("kreiskurs.documents.urls_consideration")),
    path("<slug:slug>/beteiligung/", include("kreiskurs.participation.urls_public")),
    path("<slug:slug>/reife/", include("kreiskurs.maturity.urls_public")),
    path("<slug:slug>/zeitplan/", include("kreiskurs.cycle.urls_public")),
    path("<slug:slug>/karte/", include("kreiskurs.geo.urls_public")),
    path("", include("kreiskurs.following.urls")),  # /folgen/abbestellen/<token>/, /<slug>/folgen/…
    path("", include("kreiskurs.feeds.urls")),  # /<slug>/feed.atom
    path("schema/", include("kreiskurs.exchange.urls_schema")),  # the published JSON Schema of the exchange file
    path("<slug:slug>/", include("kreiskurs.exchange.urls")),  # dcat.ttl, dcat.jsonld, daten/…
    path("", include("kreiskurs.portal.urls")),
]

handler400 = "kreiskurs.portal.errors.bad_request"
handler403 = "kreiskurs.portal.errors.permission_denied"
handler404 = "kreiskurs.portal.errors.page_not_found"
handler500 = "kreiskurs.portal.errors.server_error"
