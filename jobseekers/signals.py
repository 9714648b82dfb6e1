"""Signals the jobseekers app sends, so apps above it can act without being imported here."""

from django.dispatch import Signal

# Sent by ``services.profile_register`` inside the registration's transaction, with ``profile``
# (the new JobseekerProfile). Casework gives the person a counsellor (casework/apps.py).
profile_registered = Signal()
