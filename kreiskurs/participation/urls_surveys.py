"""Surveys of a process, public: /<slug>/beteiligung/<pk>/umfragen/…"""

from django.urls import path

from .views import surveys

app_name = "surveys"

urlpatterns = [
    path("<int:survey_pk>/", surveys.survey_detail, name="detail"),
    path("<int:survey_pk>/ergebnisse/", surveys.survey_results, name="results"),
    path("<int:survey_pk>/antworten.csv", surveys.survey_export, name="export"),
]
