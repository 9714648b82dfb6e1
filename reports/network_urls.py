"""/retea/: the partner network's pages, with its activity report's pages from reports (which
sits above network), in the network's namespace."""

from django.urls import path

from network import urls as network_urls

from . import views

app_name = network_urls.app_name
urlpatterns = [
    *network_urls.urlpatterns,
    path("rapoarte/", views.network_report_list, name="reports"),
    path("rapoarte/<int:pk>/progres/", views.network_report_progress, name="report_progress"),
    path("rapoarte/<int:pk>/pdf/", views.network_report_download, name="report_download"),
]
