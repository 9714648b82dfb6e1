"""Writes of the news: announcements and their lifecycle, newsletters and their sending in
batches, subscriptions with double opt-in and one-click unsubscribe.

Sending is exactly-once per subscriber and newsletter. ``newsletter_send`` fixes the recipients
(one ``NewsletterDelivery`` row each, under a unique constraint) and defers the first batch
through the outbox (``task_defer``). Each batch, in one transaction under a lock on the
newsletter, queues the e-mail rows of up to PULS_NEWSLETTER_BATCH_SIZE pending deliveries, marks
them done and defers the next batch: a batch that dies rolls back all of it and is run again by
the outbox, and a second run of the same batch waits for the lock and then finds nothing pending.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from puls.accounts.models import User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record
from puls.documents.models import AcceptedType
from puls.documents.services import document_create
from puls.notifications.services import (
    email_queue,
    language_of,
    site_url,
    task_defer,
    unsubscribe_headers,
)
from puls.reference.models import County
from puls.workflow import transition, transition_begin, transition_check

from . import selectors
from .models import Announcement, Newsletter, NewsletterDelivery, Subscription

CONFIRM_SALT = "news.subscription.confirm"
UNSUBSCRIBE_SALT = "news.subscription.unsubscribe"
CONFIRMATION_MAX_AGE = datetime.timedelta(days=7)
# A visitor who asks again within this time gets no second confirmation e-mail: the form
# cannot be used to flood someone else's mailbox.
CONFIRMATION_RESEND_AFTER = datetime.timedelta(minutes=10)

ANNOUNCEMENT_FIELDS = ("title", "title_en", "body", "body_en", "audience", "county", "publish_on")
NEWSLETTER_FIELDS = ("subject", "subject_en", "body", "body_en", "audience", "county")


class NewsError(ValidationError):
    """A news action refused for a reason the person can act on."""


def _check_county(*, county, by: User) -> None:
    """An agency administrator writes for their own county only; the national team for any."""
    allowed = selectors.editor_county_id(by)
    if allowed is not None and (county is None or county.pk != allowed):
        raise NewsError(
            {
                "county": _("You write the news of your agency's county: %(county)s.")
                % {"county": County.objects.get(pk=allowed).name}
            }
        )


def _save_written(obj, *, data: dict, fields: tuple, by: User) -> None:
    for field in fields:
        # the English texts are optional (puls.translated): kept when not given
        setattr(obj, field, data[field] if field in data else getattr(obj, field))
    _check_county(county=obj.county, by=by)
    obj.full_clean()
    obj.save()


# --- Announcements ---------------------------------------------------------------------------


@transaction.atomic
def announcement_create(*, data: dict, by: User) -> Announcement:
    announcement = Announcement(created_by=by)
    _save_written(announcement, data=data, fields=ANNOUNCEMENT_FIELDS, by=by)
    transition_begin(announcement, by=by)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=announcement)
    return announcement


@transaction.atomic
def announcement_update(*, announcement: Announcement, data: dict, by: User) -> None:
    _save_written(announcement, data=data, fields=ANNOUNCEMENT_FIELDS, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=announcement)


@transaction.atomic
def announcement_publish(*, announcement: Announcement, by: User) -> None:
    transition(announcement, to=Announcement.Status.PUBLISHED, by=by)


@transaction.atomic
def announcement_withdraw(*, announcement: Announcement, by: User, reason: str = "") -> None:
    transition(announcement, to=Announcement.Status.WITHDRAWN, by=by, reason=reason)


@transaction.atomic
def announcement_redraft(*, announcement: Announcement, by: User) -> None:
    """A withdrawn announcement back to draft, to be corrected and published again."""
    transition(announcement, to=Announcement.Status.DRAFT, by=by)


# --- Newsletters -----------------------------------------------------------------------------


def _attach_brochure(newsletter: Newsletter, brochure_file: File | None, *, by: User) -> None:
    """Store the brochure as a private document (core checks), PDF only. Called last in the
    transaction, as document_create asks."""
    if brochure_file is None:
        return
    document = document_create(owner=by, uploaded_file=brochure_file, kind=_("Newsletter brochure"))
    if document.content_type != AcceptedType.PDF:
        raise NewsError({"brochure": _("The brochure must be a PDF file.")})
    newsletter.brochure = document
    newsletter.save(update_fields=["brochure"])


def _check_draft(newsletter: Newsletter) -> None:
    if newsletter.status != Newsletter.Status.DRAFT:
        raise NewsError(_("A newsletter that has been sent cannot be changed."))


@transaction.atomic
def newsletter_create(*, data: dict, by: User, brochure_file: File | None = None) -> Newsletter:
    newsletter = Newsletter(created_by=by)
    _save_written(newsletter, data=data, fields=NEWSLETTER_FIELDS, by=by)
    transition_begin(newsletter, by=by)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=newsletter)
    _attach_brochure(newsletter, brochure_file, by=by)
    return newsletter


@transaction.atomic
def newsletter_update(
    *,
    newsletter: Newsletter,
    data: dict,
    by: User,
    brochure_file: File | None = None,
    remove_brochure: bool = False,
) -> None:
    _check_draft(newsletter)
    _save_written(newsletter, data=data, fields=NEWSLETTER_FIELDS, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=newsletter)
    if remove_brochure and brochure_file is None and newsletter.brochure_id:
        newsletter.brochure = None
        newsletter.save(update_fields=["brochure"])
    _attach_brochure(newsletter, brochure_file, by=by)


@transaction.atomic
def newsletter_send(*, newsletter: Newsletter, by: User) -> int:
    """Fix the recipients (the active subscriptions of its audience and county, now) and start
    sending in batches. Returns the number of recipients."""
    from .tasks import send_newsletter_batch

    newsletter = Newsletter.objects.select_for_update().get(pk=newsletter.pk)
    transition_check(newsletter, to=Newsletter.Status.SENDING)
    subscriptions = Subscription.objects.for_newsletter(newsletter).values_list("pk", flat=True)
    NewsletterDelivery.objects.bulk_create(
        (NewsletterDelivery(newsletter=newsletter, subscription_id=pk) for pk in subscriptions),
        batch_size=1000,
    )
    newsletter.recipients_total = newsletter.deliveries.count()
    newsletter.sending_started_at = timezone.now()
    transition(
        newsletter,
        to=Newsletter.Status.SENDING,
        by=by,
        update_fields=["recipients_total", "sending_started_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=newsletter)
    task_defer(send_newsletter_batch, newsletter.pk)
    return newsletter.recipients_total


def newsletter_batch_send(*, newsletter_id: int) -> int:
    """Queue the e-mails of the next batch of pending deliveries; defer the next batch, or mark
    the newsletter sent when none is left. Returns how many e-mails this run queued."""
    from .tasks import send_newsletter_batch

    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        # The lock makes a second run of the same batch wait, then find its rows done.
        newsletter = (
            Newsletter.objects.select_for_update(of=("self",))
            .select_related("brochure", "county")
            .get(pk=newsletter_id)
        )
        if newsletter.status != Newsletter.Status.SENDING:
            return 0
        batch = list(
            newsletter.deliveries.filter(done_at__isnull=True)
            .select_related("subscription__user")
            .order_by("pk")[: settings.PULS_NEWSLETTER_BATCH_SIZE]
        )
        now = timezone.now()
        queued = 0
        for delivery in batch:
            if delivery.subscription.is_active:
                delivery.email = _queue_newsletter_email(newsletter, delivery.subscription)
                queued += 1
            delivery.done_at = now
        NewsletterDelivery.objects.bulk_update(batch, ["email", "done_at"])
        if newsletter.deliveries.filter(done_at__isnull=True).exists():
            task_defer(send_newsletter_batch, newsletter.pk)
        else:
            newsletter.sent_at = now
            transition(newsletter, to=Newsletter.Status.SENT, by=None, update_fields=["sent_at"])
    return queued


def newsletter_email_context(newsletter: Newsletter, subscription: Subscription | None) -> dict:
    """What the newsletter e-mail shows; also the staff's preview (without a subscription)."""
    brochure_url = ""
    if newsletter.brochure_id:
        brochure_url = site_url(reverse("news:brochure", args=[newsletter.pk]))
    unsubscribe_url = ""
    if subscription is not None:
        unsubscribe_url = site_url(
            reverse("news:unsubscribe", args=[unsubscribe_token(subscription)])
        )
    return {
        "newsletter": newsletter,
        "paragraphs": newsletter.display_paragraphs,
        "brochure_url": brochure_url,
        "archive_url": site_url(reverse("news:archive")),
        "unsubscribe_url": unsubscribe_url,
    }


def _queue_newsletter_email(newsletter: Newsletter, subscription: Subscription):
    context = newsletter_email_context(newsletter, subscription)
    address = subscription.user.email if subscription.user else subscription.email
    # Subject and text in the subscriber's language: evaluated inside email_queue's override.
    return email_queue(
        to=[address],
        subject=lambda: f"[PULS] {newsletter.display_subject}",
        body=lambda: render_to_string(
            "news/email/newsletter.txt",
            {**context, "paragraphs": newsletter.display_paragraphs},
        ),
        html_body=lambda: render_to_string(
            "news/email/newsletter.html",
            {**context, "paragraphs": newsletter.display_paragraphs},
        ),
        recipient_user=subscription.user,
        language=language_of(subscription.user),  # no account: Romanian, not the sender's
        headers=unsubscribe_headers(context["unsubscribe_url"]),
    )


# --- Subscriptions ---------------------------------------------------------------------------


def unsubscribe_token(subscription: Subscription) -> str:
    """A signed token naming the subscription; it never expires, as an unsubscribe link must
    keep working in every newsletter ever sent."""
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(str(subscription.pk))


def confirmation_token(subscription: Subscription) -> str:
    """A signed, timed token for the double opt-in, bound to the address it was sent to."""
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(
        f"{subscription.pk}:{subscription.email}"
    )


def _subscription_from_unsubscribe_token(token: str) -> Subscription:
    try:
        pk = int(signing.Signer(salt=UNSUBSCRIBE_SALT).unsign(token))
        return Subscription.objects.get(pk=pk)
    except (signing.BadSignature, ValueError, Subscription.DoesNotExist):
        raise NewsError(
            _(
                "This unsubscribe link is not valid: it may have been copied incompletely. "
                "Open the link from the newsletter e-mail again."
            ),
            code="bad_token",
        ) from None


def subscription_for_unsubscribe(*, token: str) -> Subscription:
    """The subscription an unsubscribe link names (NewsError when the link is not valid)."""
    return _subscription_from_unsubscribe_token(token)


@transaction.atomic
def subscription_unsubscribe(*, token: str) -> Subscription:
    """End the subscription an unsubscribe link names; doing it again changes nothing."""
    subscription = _subscription_from_unsubscribe_token(token)
    if subscription.unsubscribed_at is None:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
    return subscription


def _subscription_from_confirmation_token(token: str) -> Subscription:
    invalid = NewsError(
        _(
            "This confirmation link is not valid: it may have been copied incompletely. "
            "Subscribe again to receive a new one."
        ),
        code="bad_token",
    )
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=CONFIRMATION_MAX_AGE
        )
    except signing.SignatureExpired:
        raise NewsError(
            _("This confirmation link has expired (it is valid for 7 days). Subscribe again."),
            code="expired_token",
        ) from None
    except signing.BadSignature:
        raise invalid from None
    pk, _colon, email = value.partition(":")
    subscription = Subscription.objects.filter(pk=pk, email=email).first() if pk.isdigit() else None
    if subscription is None:
        raise invalid
    return subscription


def subscription_for_confirmation(*, token: str) -> Subscription:
    return _subscription_from_confirmation_token(token)


@transaction.atomic
def subscription_confirm(*, token: str) -> Subscription:
    """The second step of the double opt-in: the visitor opened the link sent to the address."""
    subscription = _subscription_from_confirmation_token(token)
    if not subscription.is_active:
        subscription.confirmed_at = timezone.now()
        subscription.unsubscribed_at = None
        subscription.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscription


@transaction.atomic
def subscription_request(*, email: str, audience: str, county=None) -> Subscription:
    """A visitor's subscription: recorded unconfirmed, and a confirmation link e-mailed to the
    address. The page says the same whatever the address, so it tells nobody who subscribed;
    an active subscription gets no e-mail, and a pending one at most one every 10 minutes."""
    email = email.strip().lower()
    subscription = Subscription.objects.select_for_update().filter(email=email).first()
    if subscription is not None and subscription.is_active:
        return subscription
    if subscription is None:
        subscription = Subscription(email=email)
    subscription.audience, subscription.county = audience, county
    subscription.confirmed_at = subscription.unsubscribed_at = None
    now = timezone.now()
    resend = (
        subscription.confirmation_sent_at is None
        or subscription.confirmation_sent_at < now - CONFIRMATION_RESEND_AFTER
    )
    if resend:
        subscription.confirmation_sent_at = now
    subscription.full_clean()
    subscription.save()
    if resend:
        link = site_url(reverse("news:confirm", args=[confirmation_token(subscription)]))
        email_queue(
            to=[email],
            subject="[PULS] " + _("Confirm your subscription to the PULS newsletter"),
            body=render_to_string("news/email/confirm.txt", {"link": link}),
        )
    return subscription


@transaction.atomic
def subscription_opt_in(*, user: User) -> Subscription:
    """A signed-in user subscribes: their verified account confirms the address. Their audience
    and county are taken from their role and file now (again at each opt-in)."""
    email = user.email.lower()
    by_address = Subscription.objects.select_for_update().filter(email=email).first()
    subscription = (
        Subscription.objects.select_for_update().filter(user=user).first()
        or by_address
        or Subscription(email=email)
    )
    if by_address is not None and by_address.pk != subscription.pk:
        by_address.delete()  # the account's (new) address, subscribed before as a visitor
    counties = selectors.counties_of(user)
    subscription.user, subscription.email = user, email
    subscription.audience = selectors.audience_of(user)
    subscription.county_id = counties[0] if counties else None
    subscription.confirmed_at = subscription.confirmed_at or timezone.now()
    subscription.unsubscribed_at = None
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def subscription_opt_out(*, user: User) -> None:
    Subscription.objects.filter(user=user, unsubscribed_at__isnull=True).update(
        unsubscribed_at=timezone.now()
    )


def subscription_delete_of(*, user: User) -> int:
    """Forget the subscription of an account that was closed (its deliveries go with it)."""
    deleted, _by_model = Subscription.objects.filter(user=user).delete()
    return deleted
