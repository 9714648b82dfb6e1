"""URLs of the employers app, mounted at /angajatori/ beside the employer's home page (see
portal/urls/employers.py). The open-data feeds stay under /angajatori/locuri-de-munca/; the job
search and vacancy page moved to /locuri-de-munca/ (portal/urls/jobs.py), and their old addresses
here redirect there for good, with the search's query string."""

from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "employers"
urlpatterns = [
    # Companies and their representatives
    path("firme/inregistrare/", views.company_register, name="company_register"),
    path(
        "firme/inregistrare/trimisa/",
        views.company_register_received,
        name="company_register_received",
    ),
    path("firme/cerere-acces/", views.company_access_request, name="company_access_request"),
    path("firme/<int:pk>/", views.company_detail, name="company_detail"),
    path("firme/<int:pk>/modifica/", views.company_edit, name="company_edit"),
    path("firme/<int:pk>/verificare/", views.company_verify, name="company_verify"),
    path("firme/<int:pk>/invita/", views.invitation_create, name="invitation_create"),
    path(
        "firme/<int:pk>/reprezentanti/<int:membership_pk>/revoca/",
        views.membership_revoke,
        name="membership_revoke",
    ),
    path(
        "firme/<int:pk>/reprezentanti/<int:membership_pk>/administrator/",
        views.admin_handover,
        name="admin_handover",
    ),
    path(
        "firme/<int:pk>/cereri-acces/<int:request_pk>/",
        views.access_request_decide,
        name="access_request_decide",
    ),
    path("firme/<int:pk>/documente/", views.document_upload, name="document_upload"),
    path("firme/<int:pk>/contacte/", views.employer_contact_create, name="contact_create"),
    path("contacte/<int:pk>/urmarire/", views.employer_contact_done, name="contact_done"),
    path("firme/<int:pk>/oferte/noua/", views.vacancy_create, name="vacancy_create"),
    path("invitatii/<int:pk>/revoca/", views.invitation_revoke, name="invitation_revoke"),
    path("invitatii/<uuid:token>/", views.invitation_accept, name="invitation_accept"),
    # Vacancies
    path("oferte/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("oferte/<int:pk>/modifica/", views.vacancy_edit, name="vacancy_edit"),
    path("oferte/<int:pk>/competente/", views.vacancy_competences, name="vacancy_competences"),
    path("oferte/<int:pk>/trimite/", views.vacancy_submit, name="vacancy_submit"),
    path("oferte/<int:pk>/retrage/", views.vacancy_withdraw, name="vacancy_withdraw"),
    path("oferte/<int:pk>/duplica/", views.vacancy_duplicate, name="vacancy_duplicate"),
    path("oferte/<int:pk>/ocupare/", views.vacancy_fill, name="vacancy_fill"),
    path("oferte/<int:pk>/chestionar/", views.vacancy_questionnaire, name="vacancy_questionnaire"),
    path("oferte/<int:pk>/publica/", views.vacancy_publish, name="vacancy_publish"),
    path("oferte/<int:pk>/returneaza/", views.vacancy_return, name="vacancy_return"),
    path("comunicari/<int:pk>/confirmare.pdf", views.communication_pdf, name="communication_pdf"),
    # Documents
    path("documente/<int:pk>/inlocuieste/", views.document_replace, name="document_replace"),
    path("documente/<int:pk>/evaluare/", views.document_review, name="document_review"),
    # Subsidies
    path("subventii/", views.subsidy_list, name="subsidy_list"),
    path(
        "subventii/programe/<int:programme_pk>/cerere/",
        views.application_create,
        name="application_create",
    ),
    path("subventii/cereri/<int:pk>/", views.application_detail, name="application_detail"),
    path(
        "subventii/cereri/<int:pk>/documente/",
        views.application_document,
        name="application_document",
    ),
    path("subventii/cereri/<int:pk>/trimite/", views.application_submit, name="application_submit"),
    path(
        "subventii/cereri/<int:pk>/retrage/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path("subventii/cereri/<int:pk>/decizie/", views.application_decide, name="application_decide"),
    path("subventii/administrare/", views.programme_list, name="programme_list"),
    path("subventii/administrare/nou/", views.programme_edit, name="programme_create"),
    path("subventii/administrare/<int:pk>/", views.programme_edit, name="programme_edit"),
    path(
        "subventii/administrare/<int:pk>/suma/",
        views.programme_amount_add,
        name="programme_amount_add",
    ),
    # Agency staff
    path("agentie/", views.staff_queue, name="staff_queue"),
    path("agentie/firme/", views.staff_companies, name="staff_companies"),
    path(
        "agentie/registrul-comertului/",
        views.trade_register_import,
        name="trade_register_import",
    ),
    path(
        "agentie/registrul-comertului/<int:pk>/",
        views.trade_register_report,
        name="trade_register_report",
    ),
    # Public
    path(
        "locuri-de-munca/",
        RedirectView.as_view(pattern_name="jobs:search", query_string=True, permanent=True),
        name="job_search",
    ),
    path(
        "locuri-de-munca/<int:pk>/",
        RedirectView.as_view(pattern_name="jobs:detail", permanent=True),
        name="job_detail",
    ),
    path("locuri-de-munca/feed.json", views.job_feed_json, name="job_feed_json"),
    path("locuri-de-munca/feed.csv", views.job_feed_csv, name="job_feed_csv"),
]
