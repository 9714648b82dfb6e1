"""Celery tasks of the news: they take ids and call a service, which records what it did."""

from celery import shared_task

from . import services


# Deferred (puls.notifications.services.task_defer): the outbox retries it, not the broker.
@shared_task
def send_newsletter_batch(newsletter_id):
    return services.newsletter_batch_send(newsletter_id=newsletter_id)
