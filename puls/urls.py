"""Root URLs: public pages, accounts (allauth), the core, and one prefix per domain app."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("cont/", include("allauth.urls")),
    path("panou/", include("puls.accounts.urls")),
    path("referinte/", include("puls.reference.urls")),
    path("documente/", include("puls.documents.urls")),
    path("angajatori/", include("employers.urls")),
    path("persoane/", include("jobseekers.urls")),
    path("mediere/", include("mediation.urls")),
    path("retea/", include("network.urls")),
    path("consiliere/", include("casework.urls")),
    path("rapoarte/", include("reports.urls")),
]
