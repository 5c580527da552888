from django.urls import path

from .views import manage

app_name = "cycle_manage"

urlpatterns = [
    path("", manage.overview, name="overview"),
    path("auftrag/", manage.mandate_edit, name="mandate"),
    path("phasen/<str:kind>/", manage.stage_edit, name="stage"),
]
