from django.urls import path

from .views import statements, voting

app_name = "statements"

urlpatterns = [
    path("", statements.statement_list, name="list"),
    path("<int:statement>/abstimmen/", statements.vote, name="vote"),
    path("abstimmen/", voting.flow, name="flow"),
    path("abstimmen/<int:statement>/", voting.flow_vote, name="flow_vote"),
]
