from django.urls import path  # noqa: F401

app_name = "maturity_manage"

urlpatterns: list = []
