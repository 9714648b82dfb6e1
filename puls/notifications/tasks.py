"""Celery tasks of the outbox. They never retry through the broker: a failed attempt is recorded
on its row and the sweeper tries again after the back-off (services.py)."""

from celery import shared_task

from . import services


@shared_task
def deliver_email(email_id):
    return services.email_deliver(email_id=email_id)


@shared_task
def run_deferred_task(deferred_id):
    return services.deferred_task_run(deferred_id=deferred_id)


@shared_task
def send_notification_digests():
    """Beat, daily: each person who chose the digest gets one e-mail of the notices waiting."""
    return services.digests_send()


@shared_task
def sweep_outbox():
    """Beat, every minute: deliver every e-mail and task that is due and not being delivered."""
    return services.outbox_sweep()
