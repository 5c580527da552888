from django.urls import path

from . import views

app_name = "monitoring_manage"

urlpatterns = [
    path("", views.manage_list, name="list"),
    path("neu/", views.manage_edit, name="create"),
    path("import/<str:kind>/", views.manage_import, name="import"),
    path("<int:pk>/", views.manage_detail, name="detail"),
    path("<int:pk>/bearbeiten/", views.manage_edit, name="edit"),
]
