"""E-mails go out in the recipient's language, whatever language the person who acted reads."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework import services as casework_services
from puls.accounts.models import Role, User
from puls.notifications.models import OutgoingEmail
from puls.notifications.services import email_queue, users_notify
from tests.accounts.factories import UserFactory
from tests.casework.factories import CaseFileFactory, PlanMeasureFactory

pytestmark = pytest.mark.django_db


def test_staff_in_english_notifies_a_romanian_jobseeker_in_romanian(
    django_capture_on_commit_callbacks,
):
    case_file = CaseFileFactory(profile__user=UserFactory(language="ro"))
    plan = PlanMeasureFactory(plan__case_file=case_file).plan
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        casework_services.plan_issue(plan=plan, by=case_file.owner)
    [message] = mail.outbox
    assert message.subject == "[PULS] Planul dumneavoastră individual de mediere"
    assert message.body.startswith("Bună ziua, Ana Popescu,")
    assert "confirmați" in message.body
    assert OutgoingEmail.objects.get().language == "ro"


def test_staff_in_romanian_notifies_an_english_reader_in_english(
    django_capture_on_commit_callbacks,
):
    case_file = CaseFileFactory(profile__user=UserFactory(language="en"))
    plan = PlanMeasureFactory(plan__case_file=case_file).plan
    with translation.override("ro"), django_capture_on_commit_callbacks(execute=True):
        casework_services.plan_issue(plan=plan, by=case_file.owner)
    [message] = mail.outbox
    assert message.subject == "[PULS] Your individual mediation plan"
    assert message.body.startswith("Hello Ana Popescu,")
    assert OutgoingEmail.objects.get().language == "en"


def test_each_recipient_of_one_notice_reads_their_own_language():
    romanian, english = UserFactory(language="ro"), UserFactory(language="en")
    with translation.override("ro"):
        users_notify(
            users=[romanian, english],
            subject=lambda: _("Your individual mediation plan"),
            message=gettext_lazy("Your registration is complete"),
        )
        assert translation.get_language() == "ro"  # the caller's language is left as it was
    subjects = dict(OutgoingEmail.objects.values_list("recipient_user", "subject"))
    assert subjects == {
        romanian.pk: "[PULS] Planul dumneavoastră individual de mediere",
        english.pk: "[PULS] Your individual mediation plan",
    }


def test_email_queue_without_an_account_uses_the_active_language():
    with translation.override("en"):
        email = email_queue(
            to=["someone@example.ro"],
            subject=gettext_lazy("Your registration is complete"),
            body="x",
        )
    assert (email.subject, email.language) == ("Your registration is complete", "en")


def test_a_plain_string_is_kept_as_given():
    user = UserFactory(language="en")
    email = email_queue(to=[user.email], subject="Subiect", body="Text", recipient_user=user)
    assert (email.subject, email.body) == ("Subiect", "Text")


@pytest.mark.parametrize("language", ["ro", "en"])
def test_sign_up_records_the_language_the_person_registers_in(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.post(
        reverse("account_signup"),
        {
            "email": "ion.vasile@example.ro",
            "password1": "o-parola-lunga-2026",
            "password2": "o-parola-lunga-2026",
            "first_name": "Ion",
            "last_name": "Vasile",
            "role": Role.JOBSEEKER,
        },
    )
    assert User.objects.get(email="ion.vasile@example.ro").language == language
