"""Roles of one district, in its back office: /<slug>/verwaltung/rollen/…"""

from django.urls import path

from . import views

app_name = "roles"

urlpatterns = [
    path("", views.memberships, name="memberships"),
    path("<int:pk>/entziehen/", views.revoke, name="revoke"),
    path("einladungen/<int:pk>/zurueckziehen/", views.revoke_invitation, name="revoke_invitation"),
]
