"""The actor map and the bodies (back office): /<slug>/verwaltung/akteurslandkarte/…"""

from django.urls import path

from .views import actor_map

app_name = "actor_map"

urlpatterns = [
    path("", actor_map.actor_map, name="map"),
    path("gremien/", actor_map.body_list, name="bodies"),
    path("gremien/<int:body_pk>/", actor_map.body_detail, name="body"),
    path("gremien/<int:body_pk>/loeschen/", actor_map.body_delete, name="body_delete"),
    path("gremien/<int:body_pk>/mitglieder/", actor_map.member_add, name="member_add"),
    path(
        "gremien/<int:body_pk>/mitglieder/<int:membership_pk>/entfernen/",
        actor_map.member_remove,
        name="member_remove",
    ),
]
