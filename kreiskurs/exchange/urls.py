from django.urls import path

from . import views

app_name = "exchange"

#: under /<slug>/ (before the portal's routes)
urlpatterns = [
    path("dcat.ttl", views.catalogue, {"fmt": "ttl"}, name="dcat_ttl"),
    path("dcat.jsonld", views.catalogue, {"fmt": "jsonld"}, name="dcat_jsonld"),
    path("daten/strategie-<int:number>.json", views.strategy_json, name="strategy_json"),
    path("daten/<slug:name>.<slug:fmt>", views.table, name="table"),
]
