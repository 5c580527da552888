"""Building the surveys of a process (back office): /<slug>/verwaltung/beteiligung/<pk>/umfragen/…"""

from django.urls import path

from .views import surveys

app_name = "surveys_manage"

urlpatterns = [
    path("", surveys.manage_list, name="list"),
    path("<int:survey_pk>/", surveys.manage_edit, name="edit"),
    path("<int:survey_pk>/loeschen/", surveys.survey_delete, name="delete"),
    path("<int:survey_pk>/fragen/neu/", surveys.question_add, name="question_add"),
    path("<int:survey_pk>/fragen/<int:question_pk>/", surveys.question_edit, name="question_edit"),
    path("<int:survey_pk>/fragen/<int:question_pk>/loeschen/", surveys.question_delete, name="question_delete"),
]
