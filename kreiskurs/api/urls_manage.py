"""Write tokens of one district, in its back office: /<slug>/verwaltung/schnittstelle/…"""

from django.urls import path

from . import views

app_name = "api_manage"

urlpatterns = [
    path("", views.token_list, name="tokens"),
    path("<int:pk>/widerrufen/", views.revoke, name="revoke"),
]
