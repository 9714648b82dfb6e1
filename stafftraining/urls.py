from django.urls import path, re_path

from . import views

app_name = "stafftraining"

urlpatterns = [
    path("instruirile-mele/", views.mine, name="mine"),
    path("certificate/<int:pk>/", views.certificate, name="certificate"),
    path("evaluare/<int:pk>/", views.evaluate, name="evaluate"),
    path("programe/", views.programme_list, name="programme_list"),
    path("programe/nou/", views.programme_edit, name="programme_create"),
    path("programe/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programe/<int:pk>/modificare/", views.programme_edit, name="programme_edit"),
    path("sesiuni/", views.session_list, name="session_list"),
    path("sesiuni/noua/", views.session_edit, name="session_create"),
    path("sesiuni/<int:pk>/", views.session_detail, name="session_detail"),
    path("sesiuni/<int:pk>/modificare/", views.session_edit, name="session_edit"),
    path("sesiuni/<int:pk>/inscriere/", views.session_enrol, name="session_enrol"),
    path(
        "sesiuni/<int:pk>/stare/<slug:action>/", views.session_transition, name="session_transition"
    ),
    path("inscrieri/<int:pk>/retragere/", views.enrolment_withdraw, name="enrolment_withdraw"),
    path("inscrieri/<int:pk>/prezenta/", views.enrolment_record, name="enrolment_record"),
    re_path(r"^indicatori\.(?P<fmt>csv|xlsx)$", views.indicators_export, name="indicators_export"),
]
