"""Workshops and events of a district, public: /<slug>/beteiligung/termine/…"""

from django.urls import path

from .views import events

app_name = "events"

urlpatterns = [
    path("", events.event_list, name="list"),
    path("termine.ics", events.ics, name="ics"),
]
