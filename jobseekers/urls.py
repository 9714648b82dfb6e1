from django.urls import path

from . import views

app_name = "jobseekers"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
]
