from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("agentie/", views.agency_dashboard, name="agency_dashboard"),
    path("national/", views.national_dashboard, name="national_dashboard"),
]
