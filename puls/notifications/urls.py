from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.outbox, name="outbox"),
    path("e-mail/<int:pk>/retrimite/", views.email_resend, name="email_resend"),
    path("sarcini/<int:pk>/reia/", views.task_resend, name="task_resend"),
]
