from django.urls import path

from . import views

app_name = "following"

urlpatterns = [
    path("folgen/abbestellen/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/folgen/<str:kind>/<str:key>/", views.toggle, name="toggle"),
]
