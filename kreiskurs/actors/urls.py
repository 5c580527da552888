"""Back office of the actor registry, under /<slug>/verwaltung/ (the same paths as when the
strategy's registry and participation's actor map served them)."""

from django.urls import path

from .views import actor_map, bodies, registry

app_name = "actors"

urlpatterns = [
    path("register/akteure/", registry.stakeholder_list, name="stakeholders"),
    path("register/akteure/neu/", registry.stakeholder_edit, name="stakeholder_create"),
    path("register/akteure/<int:pk>/", registry.stakeholder_edit, name="stakeholder_edit"),
    path("register/akteure/<int:pk>/loeschen/", registry.stakeholder_delete, name="stakeholder_delete"),
    path("register/akteursgruppen/", registry.group_list, name="groups"),
    path("register/akteursgruppen/neu/", registry.group_edit, name="group_create"),
    path("register/akteursgruppen/<int:pk>/", registry.group_edit, name="group_edit"),
    path("register/akteursgruppen/<int:pk>/loeschen/", registry.group_delete, name="group_delete"),
    path("akteurslandkarte/", actor_map.actor_map, name="map"),
    path("akteurslandkarte/gremien/", bodies.body_list, name="bodies"),
    path("akteurslandkarte/gremien/<int:body_pk>/", bodies.body_detail, name="body"),
    path("akteurslandkarte/gremien/<int:body_pk>/loeschen/", bodies.body_delete, name="body_delete"),
    path("akteurslandkarte/gremien/<int:body_pk>/mitglieder/", bodies.member_add, name="member_add"),
    path(
        "akteurslandkarte/gremien/<int:body_pk>/mitglieder/<int:membership_pk>/entfernen/",
        bodies.member_remove,
        name="member_remove",
    ),
]
