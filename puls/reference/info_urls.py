"""The pages a public body must publish, linked from every page's footer."""

from django.urls import path

from . import views

app_name = "info"
urlpatterns = [
    path("accesibilitate/", views.accessibility_statement, name="accessibility"),
    path("confidentialitate/", views.privacy_notice, name="privacy"),
    path("contact/", views.contact, name="contact"),
]
