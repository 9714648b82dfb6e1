"""Celery tasks of the employers app: daily expiry of vacancies and the legal notice's e-mail."""

from celery import shared_task
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from puls.notifications.services import email_queue

from . import pdf, services
from .models import VacancyCommunication


@shared_task
def expire_vacancies():
    """Daily (beat): close vacancies whose validity date has passed."""
    return services.vacancies_expire()


@shared_task
def send_communication_confirmation(communication_id):
    """E-mail the confirmation of a legal notice, with its PDF, to the person who submitted it.
    Runs once per communication: the sending is recorded on the row and checked first."""
    with transaction.atomic():
        communication = (
            VacancyCommunication.objects.select_for_update(of=("self",))
            .select_related("submitted_by", "vacancy")
            .get(pk=communication_id)
        )
        if communication.confirmation_sent_at is not None or communication.submitted_by is None:
            return False
        user = communication.submitted_by
        context = {"communication": communication, "user": user}
        email_queue(
            to=[user.email],
            subject=lambda: (
                _("[PULS] Vacancy communication %(number)s registered")
                % {"number": communication.registration_number}
            ),
            body=lambda: render_to_string("employers/emails/communication.txt", context),
            attachments=[
                (
                    f"{communication.registration_number}.pdf",
                    pdf.communication_pdf(communication),
                    "application/pdf",
                )
            ],
            recipient_user=user,
        )
        communication.confirmation_sent_at = timezone.now()
        communication.save(update_fields=["confirmation_sent_at"])
    return True
