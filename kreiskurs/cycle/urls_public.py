from django.urls import path

from .views import public

app_name = "cycle"

urlpatterns = [
    path("", public.time_plan, name="time_plan"),
]
