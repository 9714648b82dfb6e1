"""Celery tasks of the notifications app."""

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_email(email_id):
    services.email_deliver(email_id=email_id)
