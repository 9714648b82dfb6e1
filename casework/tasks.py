"""Celery tasks of case management."""

from celery import shared_task

from . import services


@shared_task
def send_weekly_digests():
    """Queue one digest per counsellor with cases (beat: Mondays). Each is sent once a week."""
    ids = list(services.digest_recipients())
    for counsellor_id in ids:
        send_digest.delay(counsellor_id)
    return len(ids)


@shared_task
def send_digest(counsellor_id):
    return services.digest_send(counsellor_id=counsellor_id)
