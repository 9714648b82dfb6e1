from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("privire-generala/", views.overview, name="overview"),
    path("aderare/", views.adhesion, name="adhesion"),
    path("organizatii/", views.organisation_list, name="organisation_list"),
    path("organizatii/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path(
        "organizatii/<int:pk>/<str:decision>/",
        views.organisation_decide,
        name="organisation_decide",
    ),
    path("organizatia-mea/", views.my_organisation, name="my_organisation"),
    path("membri/", views.directory, name="directory"),
    path("organizatii-membre/", views.public_members, name="public_members"),
    path(
        "organizatia-mea/profil-public/",
        views.my_organisation_public,
        name="my_organisation_public",
    ),
    path("propuneri/", views.proposal_create, name="proposal_create"),
    path("intalniri/", views.meeting_list, name="meeting_list"),
    path("intalniri/noua/", views.meeting_edit, name="meeting_create"),
    path("intalniri/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("intalniri/<int:pk>/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("intalniri/<int:pk>/modifica/", views.meeting_edit, name="meeting_edit"),
    path("intalniri/<int:pk>/documente/", views.meeting_attach, name="meeting_attach"),
    path("intalniri/<int:pk>/raspuns/", views.meeting_rsvp, name="meeting_rsvp"),
    path("intalniri/<int:pk>/proces-verbal/", views.minutes_edit, name="minutes_edit"),
    path("intalniri/<int:pk>/proces-verbal/aproba/", views.minutes_approve, name="minutes_approve"),
    path("intalniri/<int:pk>/<str:action>/", views.meeting_transition, name="meeting_transition"),
    path("actiuni/<int:pk>/stare/", views.action_status, name="action_status"),
    path("biblioteca/", views.library, name="library"),
    path("biblioteca/adauga/", views.library_share, name="library_share"),
    path("biblioteca/<int:pk>/deschide/", views.library_open, name="library_open"),
    path("proiecte/", views.project_list, name="project_list"),
    path("proiecte/nou/", views.project_create, name="project_create"),
    path("proiecte/<int:pk>/", views.project_detail, name="project_detail"),
    path("proiecte/<int:pk>/participare/", views.project_join, name="project_join"),
    path("proiecte/<int:pk>/inchide/", views.project_close, name="project_close"),
    path("grupuri/", views.group_list, name="group_list"),
    path("grupuri/nou/", views.group_create, name="group_create"),
    path("grupuri/<int:pk>/", views.group_detail, name="group_detail"),
    path("grupuri/<int:pk>/urmareste/", views.group_follow, name="group_follow"),
    path("grupuri/<int:pk>/discutie-noua/", views.thread_create, name="thread_create"),
    path("discutii/<int:pk>/", views.thread_detail, name="thread_detail"),
    path("locuri-de-munca/jetoane/", views.api_tokens, name="api_tokens"),
    path(
        "locuri-de-munca/jetoane/<int:pk>/revoca/", views.api_token_revoke, name="api_token_revoke"
    ),
    path("locuri-de-munca.<str:fmt>", views.vacancy_feed, name="vacancy_feed"),
    path("api/locuri-de-munca.<str:fmt>", views.api_vacancy_feed, name="api_vacancy_feed"),
]
