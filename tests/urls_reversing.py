"""A second URL configuration for tests/test_reversing.py: the same name, another path."""

from django.http import HttpResponse
from django.urls import include, path


def _view(request: object, slug: str) -> HttpResponse:
    return HttpResponse(slug)


urlpatterns = [path("anders/", include(([path("<slug:slug>/", _view, name="district")], "portal")))]
