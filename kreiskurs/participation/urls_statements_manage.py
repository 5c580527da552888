from django.urls import path  # noqa: F401

app_name = "statements_manage"

urlpatterns: list = []
