"""/: the home page, which leads with the job search (no namespace: its name is "home")."""

from django.urls import path

from portal import search_views

urlpatterns = [path("", search_views.home, name="home")]
