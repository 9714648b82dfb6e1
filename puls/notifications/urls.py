from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("posta/", views.outbox, name="outbox"),
    path("posta/e-mail/<int:pk>/retrimite/", views.email_resend, name="email_resend"),
    path("posta/sarcini/<int:pk>/reia/", views.task_resend, name="task_resend"),
    path("notificari/preferinte/", views.preferences, name="preferences"),
]
