from django.urls import path

from .views import my_data

app_name = "my_data"

urlpatterns = [
    path("", my_data.overview, name="overview"),
    path("export.json", my_data.export, name="export"),
    path("loeschen/", my_data.delete, name="delete"),
]
