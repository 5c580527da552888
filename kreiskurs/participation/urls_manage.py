from django.urls import path

from .views import analysis, consideration, manage

app_name = "participation_manage"

urlpatterns = [
    path("", manage.process_list, name="processes"),
    path("moderation/", manage.queue, name="queue"),
    path("moderation/dubletten/<int:suggestion_pk>/", analysis.decide_duplicate, name="duplicate"),
    path(
        "moderation/kommentar-dubletten/<int:suggestion_pk>/",
        analysis.decide_comment_duplicate,
        name="comment_duplicate",
    ),
    path("moderation/<str:kind>/<int:object_id>/", manage.moderate, name="moderate"),
    path("moderation/meldungen/<int:report_pk>/erledigt/", manage.dismiss, name="dismiss"),
    path("<int:pk>/", manage.process_detail, name="process"),
    path("<int:pk>/textanalyse/", analysis.analyse, name="analyse"),
    path("<int:pk>/veroeffentlichen/", manage.publish, name="publish"),
    path("<int:pk>/abwaegung/", consideration.manage_consideration, name="consideration"),
    path("<int:pk>/abwaegung/<str:kind>/<int:object_id>/", consideration.respond, name="respond"),
    path("<int:pk>/phasen/neu/", manage.phase_save, name="phase_create"),
    path("<int:pk>/phasen/<int:phase_pk>/", manage.phase_save, name="phase"),
    path("<int:pk>/phasen/<int:phase_pk>/loeschen/", manage.phase_delete, name="phase_delete"),
    path("<int:pk>/ideen/<int:idea_pk>/", manage.idea_manage, name="idea"),
    path("<int:pk>/ideen/<int:idea_pk>/massnahme/", manage.idea_to_measure, name="idea_to_measure"),
    path("<int:pk>/ideen/<int:idea_pk>/handlungsfeld/", analysis.assign_field, name="idea_field"),
]
