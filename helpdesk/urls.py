from django.urls import path

from . import views

app_name = "helpdesk"
urlpatterns = [
    path("", views.request_create, name="create"),
    path("trimisa/", views.request_received, name="received"),
    path("intrebari-frecvente/", views.faq, name="faq"),
    path("solicitarile-mele/", views.my_requests, name="mine"),
    path("solicitarile-mele/<int:pk>/", views.my_request, name="my_request"),
    path("solicitarile-mele/<int:pk>/<slug:action>/", views.my_request_action, name="my_action"),
    path("urmarire/<slug:token>/", views.track, name="track"),
    path("urmarire/<slug:token>/<slug:action>/", views.track_action, name="track_action"),
    path("echipa/", views.queue, name="queue"),
    path("echipa/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("echipa/<int:pk>/raspunde/", views.staff_answer, name="staff_answer"),
    path("echipa/<int:pk>/inchide/", views.staff_close, name="staff_close"),
    path("propuneri/", views.proposals, name="proposals"),
    path("propuneri/<int:pk>/stare/", views.proposal_move, name="proposal_move"),
    path("intrebari-frecvente/administrare/", views.faq_manage, name="faq_manage"),
    path("intrebari-frecvente/administrare/noua/", views.faq_create, name="faq_create"),
    path("intrebari-frecvente/administrare/<int:pk>/", views.faq_edit, name="faq_edit"),
    path("intrebari-frecvente/administrare/<int:pk>/sterge/", views.faq_delete, name="faq_delete"),
]
