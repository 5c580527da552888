from django.urls import path  # noqa: F401

app_name = "my_data"

urlpatterns: list = []
