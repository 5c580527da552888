from django.urls import path

from . import views

urlpatterns = [path("strategy-v1.json", views.schema, name="exchange_schema")]
