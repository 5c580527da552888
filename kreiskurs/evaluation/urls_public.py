from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.report_list, name="reports"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/druck/", views.report_print, name="print"),
]
