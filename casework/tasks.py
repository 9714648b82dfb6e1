"""Celery tasks of case management."""

from celery import shared_task

from puls.notifications.services import task_defer

from . import services


@shared_task
def send_weekly_digests():
    """Record one digest per counsellor with cases (beat: Mondays). Each is sent once a week; a
    deferred task, so that a broker fault in the middle of the loop loses nobody's digest."""
    ids = list(services.digest_recipients())
    for counsellor_id in ids:
        task_defer(send_digest, counsellor_id)
    return len(ids)


@shared_task
def send_digest(counsellor_id):
    return services.digest_send(counsellor_id=counsellor_id)
