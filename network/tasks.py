"""Celery tasks of the network: they take ids and call a service, which records what it did."""

from celery import shared_task

from . import services


# Deferred (puls.notifications.services.task_defer): the outbox retries them, not the broker.
@shared_task
def send_meeting_notice(meeting_id, kind):
    return services.meeting_notice_send(meeting_id=meeting_id, kind=kind)


@shared_task
def notify_thread_followers(thread_id):
    return services.thread_notify_followers(thread_id=thread_id)


@shared_task
def send_event_reminders():
    """Beat task (hourly): remind the people with a place of an event within 24 hours, once."""
    return services.event_reminders_send()
