"""Counts online accesses: sign-ins (allauth's user_logged_in) and key self-service actions."""

from allauth.account.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from employers.models import VacancyCommunication
from jobseekers.models import Booking

from . import services
from .models import AccessKind


def _agency_of(user):
    if user.agency_id:
        return user.agency_id
    profile = getattr(user, "jobseeker_profile", None)
    return profile.agency_id if profile is not None else None


@receiver(user_logged_in, dispatch_uid="reports_count_sign_in")
def count_sign_in(sender, request, user, **kwargs):
    services.access_record(kind=AccessKind.SIGN_IN, agency_id=_agency_of(user))


@receiver(post_save, sender=Booking, dispatch_uid="reports_count_booking")
def count_booking(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.access_record(kind=AccessKind.BOOKING, agency_id=instance.profile.agency_id)


@receiver(post_save, sender=VacancyCommunication, dispatch_uid="reports_count_vacancy")
def count_vacancy_communication(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.access_record(kind=AccessKind.VACANCY_COMMUNICATED, agency_id=instance.agency_id)
