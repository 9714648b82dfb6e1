"""Celery tasks of the mediation app."""

from celery import shared_task

from . import index, services


@shared_task
def learn_weights():
    """Re-estimate the signal weights from the outcomes (beat: weekly). Idempotent: without new
    outcomes since the last fit it records nothing."""
    weight_set = services.weights_learn()
    return weight_set.version if weight_set else None


@shared_task
def refresh_matching_index():
    """Rebuild this worker's in-memory matching index when the data changed (beat: every 10
    minutes). Rebuilding an up-to-date index is skipped."""
    return index.get_index().version
