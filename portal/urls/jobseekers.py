"""/persoane/: the jobseeker's home page and dossier and the jobseekers app's pages, in one
namespace."""

from django.urls import path

from jobseekers import urls as jobseekers_urls
from portal import views

app_name = jobseekers_urls.app_name
urlpatterns = [
    path("", views.jobseeker_dashboard, name="dashboard"),
    path("dosar/", views.jobseeker_dossier, name="dossier"),
    path("locuri-potrivite/", views.jobseeker_matches, name="matches"),
    path("agentie/persoane/<int:pk>/", views.staff_dossier_moved, name="staff_dossier"),
    *jobseekers_urls.urlpatterns,
]
