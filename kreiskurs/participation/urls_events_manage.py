"""Workshops and events (back office): /<slug>/verwaltung/termine/…"""

from django.urls import path

from .views import events

app_name = "events_manage"

urlpatterns = [
    path("", events.manage_list, name="list"),
    path("neu/", events.event_edit, name="create"),
    path("<int:event_pk>/", events.event_edit, name="edit"),
    path("<int:event_pk>/loeschen/", events.event_delete, name="delete"),
    path("<int:event_pk>/ergebnis/", events.event_result, name="result"),
]
