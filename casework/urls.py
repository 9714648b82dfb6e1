from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("persoane/<int:pk>/", views.case_detail, name="case_detail"),
    path("persoane/<int:pk>/cnp/", views.cnp_reveal, name="cnp_reveal"),
    path("persoane/<int:pk>/profilare/", views.profiling_new, name="profiling_new"),
    path("persoane/<int:pk>/plan/", views.plan_create, name="plan_create"),
    path("persoane/<int:pk>/interventii/", views.intervention_add, name="intervention_add"),
    path("persoane/<int:pk>/responsabil/", views.assign, name="assign"),
    path("profilari/<int:pk>/ajustare/", views.profiling_override, name="profiling_override"),
    path("planuri/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("planuri/<int:pk>/emitere/", views.plan_issue, name="plan_issue"),
    path("planuri/<int:pk>/inchidere/", views.plan_close, name="plan_close"),
    path("planuri/<int:pk>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("masuri/<int:pk>/", views.measure_update, name="measure_update"),
    path("interventii/<int:pk>/", views.intervention_note, name="intervention_note"),
    path("planul-meu/", views.my_plan, name="my_plan"),
    path("catalogul-formarilor/", views.training_catalogue, name="training_catalogue"),
    path("planul-meu/confirmare/", views.my_plan_acknowledge, name="my_plan_acknowledge"),
    path("planul-meu/pdf/", views.my_plan_pdf, name="my_plan_pdf"),
    path("repartizare/", views.assignments, name="assignments"),
    path("repartizare/echilibrare/", views.balance, name="balance"),
    path("profilare/factori/", views.factors, name="factors"),
    path("evidenta/", views.evidence, name="evidence"),
    path("grupe/", views.group_list, name="group_list"),
    path("grupe/<int:pk>/", views.group_detail, name="group_detail"),
    path("grupe/<int:pk>/sesiuni/", views.session_create, name="session_create"),
    path("sesiuni/<int:pk>/", views.session_detail, name="session_detail"),
    path("persoane/<int:pk>/trimiteri/", views.referral_create, name="referral_create"),
    path("trimiteri/<int:pk>/rezultat/", views.referral_close, name="referral_close"),
    path("trimiteri/<int:pk>/retragere/", views.referral_withdraw, name="referral_withdraw"),
    path("trimiteri-primite/", views.received_referrals, name="received_referrals"),
    path(
        "trimiteri-primite/<int:pk>/",
        views.received_referral_detail,
        name="received_referral_detail",
    ),
    path("trimiteri-primite/<int:pk>/acceptare/", views.referral_accept, name="referral_accept"),
    path("trimiteri-primite/<int:pk>/refuz/", views.referral_decline, name="referral_decline"),
    path("trimiteri-primite/<int:pk>/rezultat/", views.referral_report, name="referral_report"),
]
