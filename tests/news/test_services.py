"""The news services: announcements' lifecycle and scope, subscriptions with double opt-in and
signed unsubscribe links, and newsletters sent exactly once per subscriber in batches."""

import datetime

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.utils import timezone

from news import selectors, services
from news.models import Announcement, Audience, Newsletter, NewsletterDelivery, Subscription
from puls.notifications.models import DeferredTask, OutgoingEmail
from puls.notifications.services import outbox_sweep
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory
from tests.jobseekers.factories import JobseekerProfileFactory

from .factories import AnnouncementFactory, NewsletterFactory, SubscriptionFactory, county

pytestmark = pytest.mark.django_db


def announcement_data(**changes):
    return {
        "title": "Bursa locurilor de muncă pentru absolvenți",
        "body": "Primul paragraf.\n\nAl doilea paragraf.",
        "audience": Audience.JOBSEEKERS,
        "county": None,
        "publish_on": timezone.localdate(),
        **changes,
    }


# --- Announcements ---------------------------------------------------------------------------


def test_an_announcement_is_written_published_withdrawn_and_each_change_logged():
    analyst = UserFactory(analyst=True)
    announcement = services.announcement_create(data=announcement_data(), by=analyst)
    assert announcement.status == Announcement.Status.DRAFT
    assert list(selectors.published_announcements()) == []

    services.announcement_publish(announcement=announcement, by=analyst)
    assert list(selectors.published_announcements()) == [announcement]
    services.announcement_withdraw(announcement=announcement, by=analyst, reason="greșit")
    assert list(selectors.published_announcements()) == []
    services.announcement_redraft(announcement=announcement, by=analyst)

    log = [(t.from_status, t.to_status, t.by) for t in announcement.transitions.all()]
    assert log == [
        ("", "draft", analyst),
        ("draft", "published", analyst),
        ("published", "withdrawn", analyst),
        ("withdrawn", "draft", analyst),
    ]
    with pytest.raises(TransitionRefused):
        services.announcement_withdraw(announcement=announcement, by=analyst)


def test_an_agency_administrator_writes_only_for_their_county():
    admin = UserFactory(agency_admin=True)  # Cluj
    with pytest.raises(ValidationError) as refused:
        services.announcement_create(data=announcement_data(county=county("TM")), by=admin)
    assert "Cluj" in refused.value.message_dict["county"][0]
    with pytest.raises(ValidationError):
        services.announcement_create(data=announcement_data(county=None), by=admin)
    assert not Announcement.objects.exists()

    mine = services.announcement_create(data=announcement_data(county=county("CJ")), by=admin)
    assert list(selectors.announcements_managed_by(admin)) == [mine]
    other_admin = UserFactory(role="agency_admin", agency=county("TM").agency)
    assert list(selectors.announcements_managed_by(other_admin)) == []


def test_the_body_is_plain_text_in_paragraphs_and_refuses_control_characters():
    analyst = UserFactory(analyst=True)
    with pytest.raises(ValidationError) as refused:
        services.announcement_create(data=announcement_data(body="Text\x00ascuns"), by=analyst)
    assert "body" in refused.value.message_dict
    announcement = services.announcement_create(
        data=announcement_data(body="<b>Unu</b>\r\n\r\n\n  Doi\nrând  "), by=analyst
    )
    assert announcement.paragraphs == ["<b>Unu</b>", "Doi\nrând"]


def test_a_future_publish_date_keeps_the_announcement_off_the_page_until_that_day():
    AnnouncementFactory(published=True, publish_on=timezone.localdate() + datetime.timedelta(1))
    assert list(selectors.published_announcements()) == []


def test_signed_in_users_see_what_concerns_their_role_and_county():
    everyone = AnnouncementFactory(published=True)
    for_jobseekers_cluj = AnnouncementFactory(
        published=True, audience=Audience.JOBSEEKERS, county=county("CJ")
    )
    AnnouncementFactory(published=True, audience=Audience.JOBSEEKERS, county=county("TM"))
    AnnouncementFactory(published=True, audience=Audience.EMPLOYERS)
    person = JobseekerProfileFactory(county=county("CJ")).user

    assert set(selectors.announcements_for(person)) == {everyone, for_jobseekers_cluj}
    assert selectors.announcements_for(UserFactory(counsellor=True)).count() == 4


# --- Subscriptions ---------------------------------------------------------------------------


def _link_in(message, marker):
    return next(word for word in message.body.split() if marker in word)


def test_a_visitor_subscribes_with_double_opt_in(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscription_request(
            email="  Ana@Example.RO ", audience=Audience.EMPLOYERS, county=county("CJ")
        )
    assert subscription.email == "ana@example.ro"
    assert not subscription.is_active
    assert Subscription.objects.active().count() == 0
    (message,) = mail.outbox
    token = _link_in(message, "/confirmare/").rstrip("/").split("/")[-1]

    services.subscription_confirm(token=token)
    subscription.refresh_from_db()
    assert subscription.is_active


def test_asking_again_sends_no_second_confirmation_within_ten_minutes(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(email="ana@example.ro", audience=Audience.EVERYONE)
        services.subscription_request(email="ana@example.ro", audience=Audience.EVERYONE)
    assert len(mail.outbox) == 1
    Subscription.objects.update(confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(email="ana@example.ro", audience=Audience.EVERYONE)
    assert len(mail.outbox) == 1  # already subscribed: nothing to confirm


@pytest.mark.parametrize("mangle", [lambda t: t + "x", lambda t: "9" + t, lambda t: "abc"])
def test_a_tampered_confirmation_link_is_refused_clearly(mangle):
    subscription = SubscriptionFactory(pending=True)
    token = services.confirmation_token(subscription)
    with pytest.raises(ValidationError) as refused:
        services.subscription_confirm(token=mangle(token))
    assert "not valid" in refused.value.messages[0]
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_an_expired_confirmation_link_says_so(monkeypatch):
    subscription = SubscriptionFactory(pending=True)
    token = services.confirmation_token(subscription)
    monkeypatch.setattr(services, "CONFIRMATION_MAX_AGE", datetime.timedelta(seconds=-1))
    with pytest.raises(ValidationError) as refused:
        services.subscription_confirm(token=token)
    assert "expired" in refused.value.messages[0]


def test_the_unsubscribe_token_ends_the_subscription_and_a_tampered_one_is_refused():
    subscription = SubscriptionFactory()
    token = services.unsubscribe_token(subscription)
    for bad in [token[:-1] + ("A" if token[-1] != "A" else "B"), "1:abc", "", "x" * 300]:
        with pytest.raises(ValidationError) as refused:
            services.subscription_unsubscribe(token=bad)
        assert "unsubscribe link is not valid" in refused.value.messages[0]
    assert Subscription.objects.get().is_active
    # Another purpose's signature is not an unsubscribe token.
    with pytest.raises(ValidationError):
        services.subscription_unsubscribe(token=signing.Signer().sign(str(subscription.pk)))

    services.subscription_unsubscribe(token=token)
    services.subscription_unsubscribe(token=token)
    assert not Subscription.objects.get().is_active


def test_a_signed_in_user_opts_in_and_out_with_their_role_and_county():
    person = JobseekerProfileFactory(county=county("TM")).user
    SubscriptionFactory(email=person.email, pending=True)  # subscribed once as a visitor
    subscription = services.subscription_opt_in(user=person)
    assert subscription.is_active and subscription.user == person
    assert (subscription.audience, subscription.county_id) == (Audience.JOBSEEKERS, "TM")
    assert Subscription.objects.count() == 1
    services.subscription_opt_out(user=person)
    assert not Subscription.objects.get().is_active
    assert services.subscription_opt_in(user=person).is_active


# --- Newsletters -----------------------------------------------------------------------------


def test_a_newsletter_goes_to_its_audience_and_county_only():
    for_employers_cluj = NewsletterFactory(audience=Audience.EMPLOYERS, county=county("CJ"))
    wanted = {
        SubscriptionFactory(audience=Audience.EMPLOYERS, county=county("CJ")),
        SubscriptionFactory(audience=Audience.EVERYONE, county=county("CJ")),
    }
    SubscriptionFactory(audience=Audience.JOBSEEKERS, county=county("CJ"))
    SubscriptionFactory(audience=Audience.EMPLOYERS, county=county("TM"))
    SubscriptionFactory(audience=Audience.EMPLOYERS)  # national newsletters only
    SubscriptionFactory(audience=Audience.EMPLOYERS, county=county("CJ"), pending=True)
    SubscriptionFactory(audience=Audience.EMPLOYERS, county=county("CJ"), unsubscribed=True)
    assert set(Subscription.objects.for_newsletter(for_employers_cluj)) == wanted
    national = NewsletterFactory()
    assert Subscription.objects.for_newsletter(national).count() == 5


def _sent_per_address():
    counts = {}
    for email in OutgoingEmail.objects.all():
        for address in email.to:
            counts[address] = counts.get(address, 0) + 1
    return counts


@pytest.fixture
def five_subscribers(settings):
    settings.PULS_NEWSLETTER_BATCH_SIZE = 2
    return [SubscriptionFactory() for _ in range(5)]


def test_a_batch_run_twice_sends_each_subscriber_one_email(five_subscribers):
    newsletter = NewsletterFactory()
    assert services.newsletter_send(newsletter=newsletter, by=newsletter.created_by) == 5
    while Newsletter.objects.get(pk=newsletter.pk).status == Newsletter.Status.SENDING:
        services.newsletter_batch_send(newsletter_id=newsletter.pk)
        services.newsletter_batch_send(newsletter_id=newsletter.pk)  # the task delivered twice
    assert services.newsletter_batch_send(newsletter_id=newsletter.pk) == 0
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT and newsletter.sent_at
    assert _sent_per_address() == {s.email: 1 for s in five_subscribers}
    assert selectors.newsletter_progress(newsletter)["done"] == 5
    assert [t.to_status for t in newsletter.transitions.all()] == ["sending", "sent"]


def test_a_batch_that_dies_midway_is_rerun_and_sends_each_subscriber_once(
    five_subscribers, monkeypatch
):
    newsletter = NewsletterFactory()
    services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    services.newsletter_batch_send(newsletter_id=newsletter.pk)  # the first two
    real_queue = services._queue_newsletter_email
    calls = []

    def dies_on_the_second(newsletter, subscription):
        calls.append(subscription.pk)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real_queue(newsletter, subscription)

    monkeypatch.setattr(services, "_queue_newsletter_email", dies_on_the_second)
    with pytest.raises(RuntimeError):
        services.newsletter_batch_send(newsletter_id=newsletter.pk)
    # The batch rolled back whole: the first e-mail of it is not queued either.
    assert OutgoingEmail.objects.count() == 2
    assert NewsletterDelivery.objects.filter(done_at__isnull=True).count() == 3

    monkeypatch.setattr(services, "_queue_newsletter_email", real_queue)
    while services.newsletter_batch_send(newsletter_id=newsletter.pk):
        pass
    assert _sent_per_address() == {s.email: 1 for s in five_subscribers}
    assert Newsletter.objects.get(pk=newsletter.pk).status == Newsletter.Status.SENT


def test_through_the_outbox_a_failed_batch_is_retried_by_the_sweeper(
    five_subscribers, monkeypatch, django_capture_on_commit_callbacks
):
    newsletter = NewsletterFactory()
    real_queue = services._queue_newsletter_email
    calls = []

    def dies_once_in_the_second_batch(newsletter, subscription):
        calls.append(subscription.pk)
        if len(calls) == 4:
            raise RuntimeError("worker killed")
        return real_queue(newsletter, subscription)

    monkeypatch.setattr(services, "_queue_newsletter_email", dies_once_in_the_second_batch)
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    failed = DeferredTask.objects.get(completed_at__isnull=True)
    assert "worker killed" in failed.last_error
    assert len(mail.outbox) == 2

    with django_capture_on_commit_callbacks(execute=True):
        outbox_sweep(now=timezone.now() + datetime.timedelta(hours=1))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in five_subscribers)
    assert Newsletter.objects.get(pk=newsletter.pk).status == Newsletter.Status.SENT


def test_each_email_has_a_one_click_unsubscribe_link_and_headers(
    django_capture_on_commit_callbacks,
):
    subscription = SubscriptionFactory()
    newsletter = NewsletterFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    (message,) = mail.outbox
    url = services.newsletter_email_context(newsletter, subscription)["unsubscribe_url"]
    assert message.extra_headers == {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert url in message.body
    html, _type = message.alternatives[0]
    assert url in html and "<p>Programe noi de formare.</p>" in html
    assert message.subject == f"[PULS] {newsletter.subject}"


def test_a_subscriber_who_unsubscribes_before_their_batch_gets_nothing(five_subscribers):
    newsletter = NewsletterFactory()
    services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    last = five_subscribers[-1]
    services.subscription_unsubscribe(token=services.unsubscribe_token(last))
    while services.newsletter_batch_send(newsletter_id=newsletter.pk):
        pass
    assert last.email not in _sent_per_address()
    newsletter.refresh_from_db()
    assert selectors.newsletter_progress(newsletter) == {
        "done": 5,
        "total": 5,
        "percent": 100,
        "emailed": 4,
    }


def test_a_newsletter_is_sent_once_and_not_changed_after():
    newsletter = NewsletterFactory()
    services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    with pytest.raises(TransitionRefused):
        services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    newsletter.refresh_from_db()
    with pytest.raises(ValidationError):
        services.newsletter_update(
            newsletter=newsletter,
            data={"subject": "x", "body": "y", "audience": "everyone", "county": None},
            by=newsletter.created_by,
        )


def test_the_brochure_must_be_a_pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.network.factories import pdf_upload

    png = SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")
    analyst = UserFactory(analyst=True)
    data = {"subject": "Nr. 1", "body": "Text", "audience": "everyone", "county": None}
    with pytest.raises(ValidationError) as refused:
        services.newsletter_create(data=data, by=analyst, brochure_file=png)
    assert "PDF" in refused.value.message_dict["brochure"][0]
    assert not Newsletter.objects.exists()
    newsletter = services.newsletter_create(
        data=data, by=analyst, brochure_file=pdf_upload("brosura.pdf")
    )
    assert newsletter.brochure.original_name == "brosura.pdf"


def test_closing_an_account_forgets_its_subscription_and_its_email_headers():
    from jobseekers.services import profile_anonymise

    profile = JobseekerProfileFactory(county=county("CJ"))
    services.subscription_opt_in(user=profile.user)
    newsletter = NewsletterFactory()
    services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    services.newsletter_batch_send(newsletter_id=newsletter.pk)
    assert OutgoingEmail.objects.get().headers
    OutgoingEmail.objects.update(sent_at=timezone.now())

    profile_anonymise(profile=profile, by=None)
    assert not Subscription.objects.exists()
    email = OutgoingEmail.objects.get()
    assert email.headers == {} and email.to == ["[…]"]


def test_each_subscriber_reads_the_newsletter_in_their_language():
    english_reader = UserFactory(language="en")
    SubscriptionFactory(user=english_reader, email=english_reader.email)
    SubscriptionFactory(email="abonat.ro@example.ro")  # no account: the portal's language
    newsletter = NewsletterFactory(
        subject="Locuri de muncă noi în Cluj",
        subject_en="New jobs in Cluj",
        body="Trei angajatori noi.",
        body_en="Three new employers.",
    )
    services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    while Newsletter.objects.get(pk=newsletter.pk).status == Newsletter.Status.SENDING:
        services.newsletter_batch_send(newsletter_id=newsletter.pk)

    english = OutgoingEmail.objects.get(to=[english_reader.email])
    assert english.subject == "[PULS] New jobs in Cluj" and "Three new employers." in english.body
    romanian = OutgoingEmail.objects.get(
        to=["abonat.ro@example.ro"]
    )  # sent while staff read English
    assert romanian.subject == "[PULS] Locuri de muncă noi în Cluj"
    assert "Trei angajatori noi." in romanian.body
