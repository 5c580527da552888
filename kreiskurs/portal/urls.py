from django.urls import include, path

from . import baseline, documents, views

app_name = "portal"

district_patterns = [
    path("", views.district_home, name="district"),
    path("ausgangslage/", baseline.baseline, name="baseline"),
    path("ziele/<str:lineage>/", views.goal_detail, name="goal"),
    path("handlungsfelder/<str:lineage>/", views.field_detail, name="field"),
    path("massnahmen/", views.measure_list, name="measures"),
    path("massnahmen/<str:lineage>/", views.measure_detail, name="measure"),
    path("massnahmen/<str:lineage>/berichte/", views.measure_reports, name="measure_reports"),
    path("gemeinden/", views.municipality_list, name="municipalities"),
    path("gemeinden/<slug:municipality_slug>/", views.municipality_detail, name="municipality"),
    path("einbettung/", views.alignment, name="alignment"),
    path("versionen/", views.version_list, name="versions"),
    path("versionen/vergleich/", documents.version_compare, name="compare"),
    path("versionen/<int:number>/", documents.version_document, name="document"),
]

urlpatterns = [
    path("", views.index, name="index"),
    path("healthz", views.healthz, name="healthz"),
    path("sprache/<str:language>/", views.switch_language, name="language"),
    path("<slug:slug>/", include(district_patterns)),
]
