from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<int:number>/dokument.pdf", views.version_document, {"file_format": "pdf"}, name="version_pdf"),
    path("<int:number>/dokument.docx", views.version_document, {"file_format": "docx"}, name="version_docx"),
    path(
        "vergleich/<int:old>-<int:new>/dokument.pdf", views.compare_document, {"file_format": "pdf"}, name="compare_pdf"
    ),
    path(
        "vergleich/<int:old>-<int:new>/dokument.docx",
        views.compare_document,
        {"file_format": "docx"},
        name="compare_docx",
    ),
    path("evaluation/<int:pk>/bericht.pdf", views.evaluation_document, name="evaluation_pdf"),
    path("dokumente/<uuid:job_id>/", views.progress, name="progress"),
    path("dokumente/<uuid:job_id>/datei", views.job_file, name="job_file"),
]
