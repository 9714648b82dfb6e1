"""Counts online accesses: sign-ins (allauth's user_logged_in) and key self-service actions; tells
the dashboard's snapshots when something they count has changed."""

from allauth.account.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from employers.models import (
    Company,
    EmployerContact,
    SatisfactionResponse,
    Vacancy,
    VacancyCommunication,
)
from jobseekers.models import Booking, JobseekerProfile
from mediation.models import Proposal

from . import services
from .models import AccessKind, EmployerSubsidySatisfaction, JobseekerSatisfaction


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


# --- what moves the dashboard's indicators (services.indicators_moved, debounced) -------------


@receiver(post_save, sender=JobseekerProfile, dispatch_uid="reports_moved_by_registration")
def registration_moves_indicators(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.indicators_moved(agency_id=instance.agency_id)


@receiver(post_save, sender=Company, dispatch_uid="reports_moved_by_company")
def verified_company_moves_indicators(sender, instance, raw=False, **kwargs):
    if not raw and instance.status == Company.Status.VERIFIED:
        services.indicators_moved(county_id=instance.county_id)


@receiver(post_save, sender=Vacancy, dispatch_uid="reports_moved_by_vacancy")
def communicated_vacancy_moves_indicators(sender, instance, raw=False, **kwargs):
    if not raw and instance.communicated_at is not None:
        services.indicators_moved(county_id=instance.county_id)


@receiver(post_save, sender=Proposal, dispatch_uid="reports_moved_by_proposal")
def proposal_moves_indicators(sender, instance, raw=False, **kwargs):
    if not raw:
        services.indicators_moved(agency_id=instance.agency_id)


@receiver(post_save, sender=JobseekerSatisfaction, dispatch_uid="reports_moved_by_jobseeker_answer")
@receiver(
    post_save, sender=EmployerSubsidySatisfaction, dispatch_uid="reports_moved_by_subsidy_answer"
)
def answer_moves_indicators(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.indicators_moved(agency_id=instance.agency_id)


@receiver(post_save, sender=SatisfactionResponse, dispatch_uid="reports_moved_by_employer_answer")
def employer_answer_moves_indicators(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.indicators_moved(county_id=instance.vacancy.county_id)


@receiver(post_save, sender=EmployerContact, dispatch_uid="reports_moved_by_employer_contact")
def employer_contact_moves_indicators(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        services.indicators_moved(agency_id=instance.agency_id)
