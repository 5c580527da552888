from django.urls import path

from .views import processes

app_name = "participation"

urlpatterns = [
    path("", processes.process_list, name="processes"),
    path("<int:pk>/", processes.process_detail, name="process"),
    path("<int:pk>/teilnehmen/", processes.join, name="join"),
]
