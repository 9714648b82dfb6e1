from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("posta/", views.outbox, name="outbox"),
    path("posta/e-mail/<int:pk>/retrimite/", views.email_resend, name="email_resend"),
    path("posta/sarcini/<int:pk>/reia/", views.task_resend, name="task_resend"),
    path("notificari/", views.inbox, name="inbox"),
    path("notificari/<int:pk>/", views.inbox_open, name="inbox_open"),
    path("notificari/citite/", views.inbox_read_all, name="inbox_read_all"),
    path("notificari/preferinte/", views.preferences, name="preferences"),
    path("notificari/dezabonare/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
