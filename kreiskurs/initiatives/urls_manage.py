from django.urls import path  # noqa: F401

app_name = "initiatives_manage"

urlpatterns: list = []
