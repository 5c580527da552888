from django.urls import path

from .views import consideration, draft, ideas, opinion, priorities, processes

app_name = "participation"

urlpatterns = [
    path("", processes.process_list, name="processes"),
    path("<int:pk>/", processes.process_detail, name="process"),
    path("<int:pk>/teilnehmen/", processes.join, name="join"),
    path("<int:pk>/folgen/", processes.follow, name="follow"),
    path("<int:pk>/meinungsbild/", opinion.opinion_map, name="opinion_map"),
    path("<int:pk>/entwurf/", draft.draft, name="draft"),
    path("<int:pk>/abwaegung/", consideration.consideration, name="consideration"),
    path("<int:pk>/abwaegung/abwaegung.csv", consideration.consideration_csv, name="consideration_csv"),
    path("<int:pk>/abwaegung/abwaegung.xlsx", consideration.consideration_xlsx, name="consideration_xlsx"),
    path("<int:pk>/prioritaeten/", priorities.priorities, name="priorities"),
    path("<int:pk>/ideen/neu/", ideas.idea_create, name="idea_create"),
    path("<int:pk>/ideen/<int:idea_pk>/", ideas.idea_detail, name="idea"),
    path("<int:pk>/ideen/<int:idea_pk>/unterstuetzen/", ideas.idea_support, name="support"),
    path("<int:pk>/ideen/<int:idea_pk>/kommentieren/", ideas.idea_comment, name="comment"),
    path("<int:pk>/melden/<str:kind>/<int:object_id>/", ideas.report, name="report"),
]
