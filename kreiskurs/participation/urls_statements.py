from django.urls import path

from .views import statements

app_name = "statements"

urlpatterns = [
    path("", statements.statement_list, name="list"),
    path("<int:statement>/abstimmen/", statements.vote, name="vote"),
]
