from django.urls import path

from .views import home

app_name = "manage_home"

urlpatterns = [path("", home.home, name="home")]
