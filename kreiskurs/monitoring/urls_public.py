from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.indicator_list, name="indicators"),
    path("<str:code>/", views.indicator_detail, name="indicator"),
]
