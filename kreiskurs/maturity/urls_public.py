from django.urls import path

from .views import public

app_name = "maturity"

urlpatterns = [
    path("", public.summary, name="summary"),
]
