from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "jobseekers"
urlpatterns = [
    path("inregistrare/", views.register, name="register"),
    path("inregistrare/trimisa/", views.registration_received, name="registration_received"),
    path("dosar/identitate/", views.identity_edit, name="identity_edit"),
    path("dosar/preferinte/", views.preferences_edit, name="preferences_edit"),
    path("dosar/situatie/", views.vulnerability_edit, name="vulnerability_edit"),
    path("dosar/potrivire/acord/", views.matching_consent_give, name="matching_consent_give"),
    path(
        "dosar/potrivire/retragere/",
        views.matching_consent_withdraw,
        name="matching_consent_withdraw",
    ),
    path("dosar/ocupatii/adauga/", views.wished_occupation_add, name="wished_occupation_add"),
    path(
        "dosar/ocupatii/<int:pk>/sterge/",
        views.wished_occupation_delete,
        name="wished_occupation_delete",
    ),
    path("dosar/documente/adauga/", views.document_add, name="document_add"),
    path("dosar/documente/<int:pk>/sterge/", views.document_delete, name="document_delete"),
    path("dosar/<slug:section>/adauga/", views.section_add, name="section_add"),
    path("dosar/<slug:section>/<int:pk>/sterge/", views.section_delete, name="section_delete"),
    path("cv/", views.cv_pdf, name="cv_pdf"),
    path("datele-mele/", views.my_data, name="my_data"),
    path("datele-mele/export.json", views.export_json, name="export_json"),
    path("datele-mele/export.pdf", views.export_pdf, name="export_pdf"),
    path("datele-mele/inchidere/", views.closure_request, name="closure_request"),
    path("datele-mele/inchidere/retrage/", views.closure_withdraw, name="closure_withdraw"),
    path("programari/", views.appointments, name="appointments"),
    path("programari/rezerva/<int:slot_pk>/", views.book, name="book"),
    path("programari/<int:pk>/", views.booking_detail, name="booking_detail"),
    path("programari/<int:pk>/anuleaza/", views.booking_cancel, name="booking_cancel"),
    path("programari/<int:pk>/muta/", views.booking_reschedule, name="booking_reschedule"),
    path(
        "programari/<int:pk>/muta/<int:slot_pk>/",
        views.booking_reschedule_confirm,
        name="booking_reschedule_confirm",
    ),
    path("programari/<int:pk>/calendar.ics", views.booking_calendar, name="booking_calendar"),
    # The signed-in search is the one job search now (portal/urls/jobs.py).
    path(
        "locuri-de-munca/",
        RedirectView.as_view(pattern_name="jobs:search", query_string=True, permanent=True),
        name="job_search",
    ),
    path("locuri-de-munca/ale-mele/", views.my_jobs, name="my_jobs"),
    path("cautari-salvate/", views.saved_searches, name="saved_searches"),
    path("cautari-salvate/adauga/", views.saved_search_create, name="saved_search_create"),
    path("cautari-salvate/<int:pk>/", views.saved_search_update, name="saved_search_update"),
    path("cautari-salvate/<int:pk>/sterge/", views.saved_search_delete, name="saved_search_delete"),
    path("locuri-de-munca/<int:pk>/<slug:action>/", views.job_action, name="job_action"),
    # Agency staff
    path("agentie/interese/", views.staff_interests, name="staff_interests"),
    path("agentie/persoane/", views.staff_profiles, name="staff_profiles"),
    path("agentie/persoane/dupa-cnp/", views.staff_profile_by_cnp, name="staff_profile_by_cnp"),
    path(
        "agentie/persoane/<int:pk>/documente/<int:entry_pk>/verificare/",
        views.staff_document_review,
        name="staff_document_review",
    ),
    path("agentie/calendar/", views.staff_calendar, name="staff_calendar"),
    path("agentie/programari/<int:pk>/prezenta/", views.staff_attendance, name="staff_attendance"),
    path(
        "agentie/programari/<int:pk>/calendar.ics",
        views.staff_booking_calendar,
        name="staff_booking_calendar",
    ),
    path("agentie/disponibilitate/", views.staff_availability, name="staff_availability"),
    path(
        "agentie/disponibilitate/<int:pk>/sterge/",
        views.staff_availability_delete,
        name="staff_availability_delete",
    ),
    path(
        "agentie/absente/<int:pk>/sterge/", views.staff_absence_delete, name="staff_absence_delete"
    ),
    path("agentie/inchideri/", views.staff_closures, name="staff_closures"),
    path(
        "agentie/inchideri/<int:pk>/confirma/",
        views.staff_closure_confirm,
        name="staff_closure_confirm",
    ),
]
