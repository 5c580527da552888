from django.urls import path

from . import plan_views, views

app_name = "evaluation_manage"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("planung/", plan_views.plan_list, name="plans"),
    path("planung/<int:pk>/erledigt/", plan_views.plan_done, name="plan_done"),
    path("<int:pk>/", views.round_detail, name="round"),
    path("<int:pk>/bewertungen/", views.assess_round, name="assess_round"),
    path("<int:pk>/ergebnisse/", views.findings, name="findings"),
    path("<int:pk>/veroeffentlichen/", views.publish, name="publish"),
    path("<int:pk>/vorschlaege/", views.propose, name="propose"),
    path("<int:pk>/vorschlaege/<int:proposal>/entscheidung/", views.decide, name="decide"),
]
