from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("kreiskurs.accounts.urls")),
    path("api/v1/", include("kreiskurs.api.urls")),
    path("verwaltung/", include("kreiskurs.strategy.urls_home")),
    path("<slug:slug>/verwaltung/indikatoren/", include("kreiskurs.monitoring.urls_manage")),
    path("<slug:slug>/verwaltung/evaluation/", include("kreiskurs.evaluation.urls_manage")),
    path("<slug:slug>/verwaltung/", include("kreiskurs.strategy.urls")),
    path("<slug:slug>/indikatoren/", include("kreiskurs.monitoring.urls_public")),
    path("<slug:slug>/evaluation/", include("kreiskurs.evaluation.urls_public")),
    path("", include("kreiskurs.portal.urls")),
]
