"""/angajatori/: the employer's home page and the employers app's pages, in one namespace."""

from django.urls import path

from employers import urls as employers_urls
from portal import views

app_name = employers_urls.app_name
urlpatterns = [
    path("", views.employer_dashboard, name="dashboard"),
    *employers_urls.urlpatterns,
]
