from django.urls import path  # noqa: F401

app_name = "actor_map"

urlpatterns: list = []
