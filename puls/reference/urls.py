from django.urls import path, re_path

from . import views

app_name = "reference"
urlpatterns = [
    path("despre-date/", views.about, name="about"),
    path("cautare/cor/", views.cor_autocomplete, name="cor_autocomplete"),
    re_path(
        r"^cautare/cor/(?P<code>[0-9]{6})/esco/$",
        views.cor_esco_occupations,
        name="cor_esco_occupations",
    ),
    path(
        "cautare/ocupatii-esco/",
        views.esco_occupation_autocomplete,
        name="esco_occupation_autocomplete",
    ),
    path("cautare/competente/", views.skill_autocomplete, name="skill_autocomplete"),
]
