"""Root URLs: public pages, accounts (allauth), the core, and one prefix per domain app (portal/
adds each role's home page to its app's prefix and namespace)."""

from django.contrib import admin
from django.urls import include, path

from puls.accounts.views import PortalSignupView

urlpatterns = [
    path("", include("portal.urls.home")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Before allauth's own: the same address and name, with the role preselected by ?rol=.
    path("cont/signup/", PortalSignupView.as_view(), name="account_signup"),
    path("cont/", include("allauth.urls")),
    path("panou/", include("puls.accounts.urls")),
    path("referinte/", include("puls.reference.urls")),
    path("informatii/", include("puls.reference.info_urls")),
    path("documente/", include("puls.documents.urls")),
    path("", include("puls.notifications.urls")),  # posta/ (the outbox), notificari/
    path("locuri-de-munca/", include("portal.urls.jobs")),
    path("angajatori/", include("portal.urls.employers")),
    path("persoane/", include("portal.urls.jobseekers")),
    path("mediere/", include("mediation.urls")),
    path("retea/", include("reports.network_urls")),
    path("consiliere/", include("portal.urls.casework")),
    path("rapoarte/", include("reports.urls")),
    path("noutati/", include("news.urls")),
    path("asistenta/", include("helpdesk.urls")),
    path("instruire-personal/", include("stafftraining.urls")),
]
