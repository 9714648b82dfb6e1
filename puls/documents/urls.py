from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("incarca/", views.document_upload, name="upload"),
    path("<int:pk>/descarca/", views.document_download, name="download"),
]
