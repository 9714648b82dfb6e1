"""Announcements on the public news page, newsletters e-mailed to subscribers, and subscriptions.

Announcements and newsletters are written by agency administrators (for their county) and by the
national team (national analysts and superusers: national or for any county). Bodies are plain
text: paragraphs are separated by an empty line and rendered escaped, never as HTML.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puls.translated import in_active_language
from puls.validators import validate_plain_text
from puls.workflow import TransitionLog

BODY_MAX_LENGTH = 20_000


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    JOBSEEKERS = "jobseekers", _("Jobseekers")
    EMPLOYERS = "employers", _("Employers")
    NETWORK = "network", _("Partner-network members")


def paragraphs(text):
    """The paragraphs of a plain-text body: blocks separated by one or more empty lines."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


def validate_body(value):
    """A body is plain text: no control characters other than line breaks and tabs."""
    if any(ord(character) < 32 and character not in "\n\r\t" for character in value):
        raise ValidationError(
            _("The text contains control characters; paste it again as plain text."),
            code="control_character",
        )


class Written(models.Model):
    """What an announcement and a newsletter share: the text, its readers and its author."""

    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE
    )
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
        help_text=_("Empty for the whole country."),
    )
    body = models.TextField(
        _("text"),
        validators=[validate_body, MaxLengthValidator(BODY_MAX_LENGTH)],
        help_text=_("Plain text; leave an empty line between paragraphs."),
    )
    body_en = models.TextField(
        _("text in English"),
        blank=True,
        validators=[validate_body, MaxLengthValidator(BODY_MAX_LENGTH)],
        help_text=_("Shown on the English pages; empty: the Romanian text."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True

    @property
    def paragraphs(self):
        return paragraphs(self.body)

    @property
    def display_body(self):
        """The text in the reader's language (puls.translated)."""
        return in_active_language(self.body, self.body_en)

    @property
    def display_paragraphs(self):
        return paragraphs(self.display_body)


class Announcement(Written):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("announcement", "Draft")
        PUBLISHED = "published", pgettext_lazy("announcement", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("announcement", "Withdrawn")

    # to: {from} (puls.workflow)
    TRANSITIONS = {
        Status.PUBLISHED: {Status.DRAFT},
        Status.WITHDRAWN: {Status.PUBLISHED},
        Status.DRAFT: {Status.WITHDRAWN},
    }

    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    title_en = models.CharField(
        _("title in English"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    publish_on = models.DateField(
        _("publish date"),
        default=timezone.localdate,
        help_text=_("A published announcement shows on the news page from this day."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-publish_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "-publish_on"], name="announcement_published"),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        """The title in the reader's language (puls.translated)."""
        return in_active_language(self.title, self.title_en)


class AnnouncementTransition(TransitionLog):
    announcement = TransitionLog.subject(Announcement)
    from_status, to_status = TransitionLog.statuses(Announcement)


class Newsletter(Written):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("newsletter", "Draft")
        SENDING = "sending", _("Being sent")
        SENT = "sent", pgettext_lazy("newsletter", "Sent")

    TRANSITIONS = {
        Status.SENDING: {Status.DRAFT},
        Status.SENT: {Status.SENDING},
    }

    subject = models.CharField(_("subject"), max_length=200, validators=[validate_plain_text])
    subject_en = models.CharField(
        _("subject in English"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    brochure = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("brochure (PDF)"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    recipients_total = models.PositiveIntegerField(_("recipients"), default=0)
    sending_started_at = models.DateTimeField(_("sending started at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.display_subject

    @property
    def display_subject(self):
        """The subject in the reader's language (puls.translated)."""
        return in_active_language(self.subject, self.subject_en)

    @property
    def is_active(self):
        return self.status == self.Status.SENDING


class NewsletterTransition(TransitionLog):
    newsletter = TransitionLog.subject(Newsletter)
    from_status, to_status = TransitionLog.statuses(Newsletter)


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)

    def for_newsletter(self, newsletter):
        """The active subscriptions a newsletter goes to: those of its audience (or of every
        audience), and, for a county's newsletter, only those of that county."""
        wanted = self.active()
        if newsletter.audience != Audience.EVERYONE:
            wanted = wanted.filter(audience__in=[newsletter.audience, Audience.EVERYONE])
        if newsletter.county_id:
            wanted = wanted.filter(county_id=newsletter.county_id)
        return wanted


class Subscription(models.Model):
    """One e-mail address that wants the newsletters: a signed-in user's (confirmed by their
    verified account) or a visitor's (confirmed by the link e-mailed to it: double opt-in)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="news_subscription",
        verbose_name=_("account"),
    )
    audience = models.CharField(
        _("interested in news for"),
        max_length=12,
        choices=Audience.choices,
        default=Audience.EVERYONE,
    )
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
        help_text=_("Empty: only the national newsletters."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    confirmation_sent_at = models.DateTimeField(_("confirmation sent at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscription")
        verbose_name_plural = _("newsletter subscriptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(email=models.functions.Lower("email")),
                name="news_subscription_email_lower_case",
                violation_error_message=_("The e-mail address must be in lower case."),
            ),
        ]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None


class NewsletterDelivery(models.Model):
    """One newsletter to one subscription, written when sending starts (the recipients are
    fixed then). ``done_at`` is set in the same transaction as the e-mail row is queued, so a
    batch that dies rolls both back and the next run sends it once; ``email`` stays empty for a
    subscription that ended before its batch ran."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    email = models.ForeignKey(
        "notifications.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["newsletter", "subscription"], name="news_one_delivery_per_subscription"
            ),
        ]
        indexes = [
            models.Index(
                fields=["newsletter", "id"], name="news_delivery_pending", condition=Q(done_at=None)
            ),
        ]

    def __str__(self):
        return f"{self.newsletter} → {self.subscription}"
