from django.urls import path  # noqa: F401

app_name = "events_manage"

urlpatterns: list = []
