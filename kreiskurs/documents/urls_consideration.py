"""The consideration table of a process as PDF and DOCX, next to its page (``/<slug>/beteiligung/<pk>/abwaegung/``)."""

from django.urls import path

from . import views

app_name = "consideration_documents"

urlpatterns = [
    path("abwaegung.pdf", views.consideration_document, {"file_format": "pdf"}, name="pdf"),
    path("abwaegung.docx", views.consideration_document, {"file_format": "docx"}, name="docx"),
]
