"""Celery tasks of the jobseekers app: appointment reminders, slot materialisation, the
inactivity rule and the alerts of saved job searches."""

from celery import shared_task

from puls.accounts.models import Role, User
from puls.tasks import enqueue_on_commit

from . import selectors, services


@shared_task
def send_appointment_reminders():
    """Beat task (daily): queue the reminder of every appointment of tomorrow, once each."""
    sent = 0
    for booking_id in selectors.bookings_due_for_reminder().values_list("pk", flat=True):
        sent += services.booking_send_reminder(booking_id=booking_id)
    return sent


@shared_task
def materialise_slots():
    """Beat task (daily): keep every counsellor's slots open PULS_APPOINTMENT_WEEKS_AHEAD ahead.
    One task per counsellor, queued without letting a broker fault fail the run: materialising is
    idempotent, so a lost message only waits for tomorrow's run (or the counsellor's next change
    of availability, which materialises at once)."""
    counsellor_ids = (
        User.objects.filter(
            role__in=Role.agency_roles(), is_active=True, availabilities__isnull=False
        )
        .values_list("pk", flat=True)
        .distinct()
    )
    for counsellor_id in counsellor_ids:
        enqueue_on_commit(materialise_counsellor_slots, counsellor_id)


@shared_task
def materialise_counsellor_slots(counsellor_id):
    services.slots_materialise(counsellor=User.objects.get(pk=counsellor_id))


@shared_task
def apply_inactivity_rule():
    """Beat task (daily): warn accounts inactive for PULS_INACTIVITY_NOTICE_DAYS, anonymise those
    still unused PULS_INACTIVITY_GRACE_DAYS after the notice. Each person is handled under a lock
    and rechecked, so running twice warns and anonymises once."""
    warned = sum(
        services.inactivity_notice_send(profile_id=profile_id)
        for profile_id in selectors.profiles_due_inactivity_notice().values_list("pk", flat=True)
    )
    anonymised = sum(
        services.inactive_profile_anonymise(profile_id=profile_id)
        for profile_id in selectors.profiles_due_inactivity_anonymisation().values_list(
            "pk", flat=True
        )
    )
    return {"warned": warned, "anonymised": anonymised}


@shared_task
def send_saved_search_alerts():
    """Beat task (daily): e-mail every due saved search its new offers. Each search is handled
    under its row lock and rechecked, and every offer sent is recorded, so running twice sends one
    e-mail and no offer twice."""
    return sum(
        services.saved_search_alert_send(saved_search_id=saved_search_id)
        for saved_search_id in selectors.saved_searches_due().values_list("pk", flat=True)
    )
