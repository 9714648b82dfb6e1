"""/locuri-de-munca/: the one job search and vacancy page, public, adapted to who is signed in."""

from django.urls import path

from portal import search_views

app_name = "jobs"
urlpatterns = [
    path("", search_views.job_search, name="search"),
    path("<int:pk>/", search_views.job_detail, name="detail"),
]
