from django.urls import path

from . import views

app_name = "feeds"

urlpatterns = [
    path("<slug:slug>/feed.atom", views.district_feed, name="district"),
]
