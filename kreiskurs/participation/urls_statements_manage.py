from django.urls import path

from .views import statements

app_name = "statements_manage"

urlpatterns = [
    path("", statements.manage, name="list"),
]
