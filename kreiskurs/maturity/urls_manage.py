from django.urls import path

from .views import manage, model, own

app_name = "maturity_manage"

urlpatterns = [
    path("", manage.overview, name="overview"),
    path("standardmodell/", manage.install_default, name="install_default"),
    path("modell/", model.model_list, name="models"),
    path("modell/<int:pk>/", model.model_detail, name="model"),
    path("modell/<int:pk>/bearbeiten/", model.model_edit, name="model_edit"),
    path("modell/<int:pk>/neue-version/", model.model_new_version, name="model_new_version"),
    path("modell/<int:model>/dimensionen/neu/", model.dimension_edit, name="dimension_create"),
    path("dimensionen/<int:pk>/", model.dimension_edit, name="dimension_edit"),
    path("dimensionen/<int:pk>/loeschen/", model.dimension_delete, name="dimension_delete"),
    path("dimensionen/<int:dimension>/fragen/neu/", model.question_edit, name="question_create"),
    path("fragen/<int:pk>/", model.question_edit, name="question_edit"),
    path("fragen/<int:pk>/loeschen/", model.question_delete, name="question_delete"),
    path("zuordnung/", model.field_links, name="field_links"),
    path("runden/<int:pk>/", manage.round_detail, name="round"),
    path("runden/<int:pk>/status/", manage.round_state, name="round_state"),
    path("runden/<int:pk>/luecken/", manage.gaps, name="gaps"),
    path("runden/<int:pk>/luecken/<slug:code>/massnahme/", manage.gap_measure, name="gap_measure"),
    path("runden/<int:pk>/kreisverwaltung/", own.own_assessment, name="own_assessment"),
    path("runden/<int:pk>/gemeinden/<int:municipality>/", manage.assessment, name="assessment"),
    path("runden/<int:pk>/gemeinden/<int:municipality>/wieder-oeffnen/", manage.reopen, name="reopen"),
    path("gemeinden/<int:municipality>/", manage.municipality_profile, name="municipality"),
]
