"""PULS: the online services of Romania's public employment service."""

from .celery import app as celery_app

__all__ = ("celery_app",)
