"""/consiliere/: the counsellor's home page (caseload) and the casework app's pages, in one
namespace."""

from django.urls import path

from casework import urls as casework_urls
from portal import views

app_name = casework_urls.app_name
urlpatterns = [
    path("", views.counsellor_caseload, name="caseload"),
    *casework_urls.urlpatterns,
]
