"""Closing an account removes the person from the e-mails PULS sent; inactive accounts are
warned, then anonymised."""

import datetime

import pytest
from django.conf import settings
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from jobseekers import services, tasks
from jobseekers.models import AccountState, ClosureRequest, JobseekerProfile
from puls.notifications.models import OutgoingEmail
from puls.notifications.services import email_queue

from .factories import JobseekerProfileFactory, counsellor_factory

pytestmark = pytest.mark.django_db


def _rows_mentioning(text):
    return (
        OutgoingEmail.objects.annotate(to_text=Cast("to", TextField())).filter(
            **{"to_text__contains": text}
        )
        | OutgoingEmail.objects.filter(body__contains=text)
        | OutgoingEmail.objects.filter(html_body__contains=text)
        | OutgoingEmail.objects.filter(subject__contains=text)
    )


def test_closing_an_account_removes_the_person_from_sent_and_others_emails():
    profile = JobseekerProfileFactory(user__first_name="Ioana", user__last_name="Mureșan")
    user, address = profile.user, profile.user.email
    counsellor = counsellor_factory("CJ")
    for n in range(3):
        email_queue(
            to=[address],
            subject=f"Appointment {n}",
            body=f"Dear Ioana Mureșan, your appointment {n}.",
            html_body=f"<p>Dear Ioana Mureșan ({address})</p>",
            attachments=[("cv.pdf", "Ioana Mureșan", "application/pdf")],
            recipient_user=user,
        )
    email_queue(
        to=[counsellor.email],
        subject="Ioana Mureșan accepted the proposal",
        body="Ioana Mureșan accepted. Write to her at " + address,
        recipient_user=counsellor,
    )
    unrelated = email_queue(to=[counsellor.email], subject="Weekly digest", body="Nothing new.")
    OutgoingEmail.objects.update(sent_at=timezone.now())
    email_queue(to=[address], subject="Not sent yet", body="Ioana Mureșan", recipient_user=user)
    assert _rows_mentioning("Mureșan").count() == 5

    closure = services.closure_request_create(profile=profile)
    services.closure_request_confirm(closure=closure, by=counsellor)

    assert not _rows_mentioning("Mureșan").exists()
    assert not _rows_mentioning(address).exists()
    # Sent rows stay countable; the one not sent yet must never leave.
    assert OutgoingEmail.objects.count() == 5
    assert not OutgoingEmail.objects.filter(subject="Not sent yet").exists()
    own = OutgoingEmail.objects.filter(recipient_user=user)
    assert own.count() == 3
    assert all(row.attachments == [] for row in own)
    to_counsellor = OutgoingEmail.objects.get(subject__contains="accepted the proposal")
    assert to_counsellor.to == [counsellor.email]
    assert "accepted" in to_counsellor.body
    unrelated.refresh_from_db()
    assert unrelated.body == "Nothing new."
    assert ClosureRequest.objects.get().outcome == ClosureRequest.Outcome.CONFIRMED


def _days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def _inactive_since(profile, days):
    type(profile.user).objects.filter(pk=profile.user_id).update(
        last_login=_days_ago(days), date_joined=_days_ago(days + 10)
    )


def test_inactive_account_gets_one_notice_then_is_anonymised_after_the_grace_period():
    notice_days = settings.PULS_INACTIVITY_NOTICE_DAYS
    grace_days = settings.PULS_INACTIVITY_GRACE_DAYS
    sleeper = JobseekerProfileFactory()
    active = JobseekerProfileFactory()
    _inactive_since(sleeper, notice_days + 1)
    _inactive_since(active, notice_days - 1)

    tasks.apply_inactivity_rule()
    tasks.apply_inactivity_rule()

    notices = OutgoingEmail.objects.filter(subject__contains="inactive")
    assert [notice.to for notice in notices] == [[sleeper.user.email]]
    assert "sign in" in notices.get().body
    sleeper.refresh_from_db()
    assert sleeper.account_state == AccountState.ACTIVE and sleeper.inactivity_notice_sent_at

    JobseekerProfile.objects.filter(pk=sleeper.pk).update(
        inactivity_notice_sent_at=_days_ago(grace_days + 1)
    )
    tasks.apply_inactivity_rule()

    sleeper.refresh_from_db()
    active.refresh_from_db()
    assert sleeper.account_state == AccountState.CLOSED and sleeper.cnp is None
    assert active.account_state == AccountState.ACTIVE and active.cnp


def test_signing_in_after_the_notice_keeps_the_account():
    profile = JobseekerProfileFactory()
    _inactive_since(profile, settings.PULS_INACTIVITY_NOTICE_DAYS + 1)
    tasks.apply_inactivity_rule()
    JobseekerProfile.objects.filter(pk=profile.pk).update(
        inactivity_notice_sent_at=_days_ago(settings.PULS_INACTIVITY_GRACE_DAYS + 1)
    )
    type(profile.user).objects.filter(pk=profile.user_id).update(last_login=timezone.now())

    tasks.apply_inactivity_rule()

    profile.refresh_from_db()
    assert profile.account_state == AccountState.ACTIVE and profile.cnp


def test_retention_and_inactivity_run_daily_by_beat():
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "puls.audit.tasks.apply_retention_periods",
        "jobseekers.tasks.apply_inactivity_rule",
    } <= scheduled
