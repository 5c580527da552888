from django.urls import path

from .views import opinion, statements

app_name = "statements_manage"

urlpatterns = [
    path("", statements.manage, name="list"),
    path("meinungsbild/neu-berechnen/", opinion.recompute, name="recompute_opinion_map"),
]
