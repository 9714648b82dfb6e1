"""URLs of the mediation app, mounted at /mediere/."""

from django.urls import path

from . import views

app_name = "mediation"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("oferte/", views.vacancy_list, name="vacancy_list"),
    path("oferte/<int:pk>/candidati/", views.vacancy_candidates, name="vacancy_candidates"),
    path("oferte/<int:pk>/propune/", views.vacancy_propose, name="vacancy_propose"),
    path("persoane/<int:pk>/oferte/", views.profile_vacancies, name="profile_vacancies"),
    path("persoane/<int:pk>/propune/", views.profile_propose, name="profile_propose"),
    path("propuneri/", views.proposal_list, name="proposal_list"),
    path("propuneri/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("propuneri/<int:pk>/accepta/", views.proposal_accept, name="proposal_accept"),
    path("propuneri/<int:pk>/refuza/", views.proposal_decline, name="proposal_decline"),
    path("propuneri/<int:pk>/interviu/", views.proposal_invite, name="proposal_invite"),
    path("propuneri/<int:pk>/respinge/", views.proposal_reject, name="proposal_reject"),
    path("propuneri/<int:pk>/angajare/", views.proposal_hire, name="proposal_hire"),
    path("propuneri/<int:pk>/retrage/", views.proposal_withdraw, name="proposal_withdraw"),
    path("propuneri/<int:pk>/scrisoare.pdf", views.proposal_letter, name="proposal_letter"),
    path("ponderi/", views.weights, name="weights"),
]
