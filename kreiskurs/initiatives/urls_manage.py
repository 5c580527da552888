from django.urls import path

from . import views

app_name = "initiatives_manage"

urlpatterns = [
    path("", views.bundling, name="bundling"),
    path("beteiligungsmatrix/", views.matrix, name="matrix"),
    path("beteiligungsmatrix/<int:pk>/entscheidung/", views.decide, name="decide"),
    path("gemeinden/<slug:municipality_slug>/", views.municipality, name="municipality"),
    path("gemeinden/<slug:municipality_slug>/neu/", views.initiative_edit, name="create"),
    path("gemeinden/<slug:municipality_slug>/<int:pk>/", views.initiative_edit, name="edit"),
    path("gemeinden/<slug:municipality_slug>/<int:pk>/loeschen/", views.initiative_delete, name="delete"),
    path("gemeinden/<slug:municipality_slug>/<int:pk>/als-massnahme/", views.propose, name="propose"),
    path("gemeinden/<slug:municipality_slug>/massnahmen/<int:measure_pk>/<str:kind>/", views.enrol, name="enrol"),
    path("gemeinden/<slug:municipality_slug>/anfragen/<int:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
]
