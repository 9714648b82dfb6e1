"""The help desk: requests anyone opens from any page, their threads of messages, the requester's
satisfaction, the improvement proposals the national team manages, and the frequently asked
questions staff edit."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.translated import in_active_language
from puls.validators import BIDI_CONTROLS, ZERO_WIDTH, validate_plain_text
from puls.workflow import TransitionLog

DESCRIPTION_MAX_LENGTH = 5000
PAGE_MAX_LENGTH = 500


class Category(models.TextChoices):
    ACCOUNT = "account", _("My account")
    VACANCY = "vacancy", _("Vacancies and job offers")
    DOCUMENTS = "documents", _("Documents")
    SUBSIDY = "subsidy", _("Subsidies")
    APPOINTMENT = "appointment", _("Appointments")
    TECHNICAL = "technical", _("Technical problem")
    SUGGESTION = "suggestion", _("Suggestion to improve PULS")


# Answered by the national team (ANOFM) whatever the requester's county: the platform is one.
NATIONAL_CATEGORIES = frozenset({Category.TECHNICAL, Category.SUGGESTION})

# The target response time of each category, in Romanian working days (puls.workdays) after the
# request (or the requester's latest reply) arrived.
RESPONSE_TARGET_WORKING_DAYS: dict[str, int] = {
    Category.ACCOUNT: 2,
    Category.VACANCY: 3,
    Category.DOCUMENTS: 3,
    Category.SUBSIDY: 5,
    Category.APPOINTMENT: 2,
    Category.TECHNICAL: 1,
    Category.SUGGESTION: 10,
}


def validate_message_text(value: str) -> None:
    """A description or message: line breaks are fine, invisible direction and zero-width
    characters are not (puls.validators.validate_plain_text's rule for text of several lines)."""
    if any(character in BIDI_CONTROLS for character in value):
        raise ValidationError(
            _(
                "Remove the invisible text-direction characters (often pasted with the text): "
                "they can make a text read differently from what it is."
            ),
            code="bidi_control",
        )
    if any(character in ZERO_WIDTH for character in value):
        raise ValidationError(
            _("Remove the invisible zero-width characters (often pasted with the text)."),
            code="zero_width",
        )


def validate_local_path(value: str) -> None:
    """A path of this site ("/persoane/"), never an address elsewhere."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        raise ValidationError(_("The page must be a path of this site."), code="not_local")
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        raise ValidationError(_("The page must be a path of this site."), code="not_local")


def new_token() -> str:
    return secrets.token_urlsafe(32)


class HelpRequest(models.Model):
    """A question, a problem or a suggestion, routed to one agency or to the national team."""

    class Status(models.TextChoices):
        NEW = "new", _("Awaiting an answer")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    # to: {from}. A reply of the requester to an answer, or reopening a closed request, puts it
    # back in the queue (NEW) with a new due date.
    TRANSITIONS = {
        Status.ANSWERED: {Status.NEW},
        Status.NEW: {Status.ANSWERED, Status.CLOSED},
        Status.CLOSED: {Status.NEW, Status.ANSWERED},
    }
    TRANSITION_REFUSALS = {
        Status.ANSWERED: _("Only a request awaiting an answer can be answered."),
        Status.CLOSED: _("This request is already closed."),
    }

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(
        _("description"), max_length=DESCRIPTION_MAX_LENGTH, validators=[validate_message_text]
    )
    page = models.CharField(
        _("page it came from"),
        max_length=PAGE_MAX_LENGTH,
        blank=True,
        validators=[validate_local_path],
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("requester"),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where answers go when the requester is not signed in."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
    )
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="help_requests",
        verbose_name=_("agency"),
        help_text=_("Empty: the national team answers."),
    )
    attachment = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("attachment"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)
    due_date = models.DateField(_("answer due by"))
    first_response_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The private link of a requester who is not signed in: whoever holds it sees the thread.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    rating = models.PositiveSmallIntegerField(_("satisfaction (1–5)"), null=True, blank=True)
    rating_comment = models.TextField(
        _("comment on the answer"), max_length=1000, blank=True, validators=[validate_message_text]
    )
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("help request")
        verbose_name_plural = _("help requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"], name="helprequest_queue"),
            models.Index(fields=["created_at"], name="helprequest_created"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(requester__isnull=False) | ~Q(contact_email=""),
                name="helprequest_has_a_contact",
                violation_error_message=_("Give an e-mail address where we can answer you."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(category__in=NATIONAL_CATEGORIES, agency__isnull=True)
                    | (~Q(category__in=NATIONAL_CATEGORIES) & Q(agency__isnull=False))
                ),
                name="helprequest_routed_by_category",
                violation_error_message=_(
                    "Technical problems and suggestions go to the national team, every other "
                    "request to an agency."
                ),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="helprequest_rating_1_to_5",
                violation_error_message=_("The rating goes from 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rated_at__isnull=False),
                name="helprequest_rating_has_a_date",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.get_category_display()}"

    @property
    def reference(self) -> str:
        return f"#{self.pk}"

    @property
    def is_national(self) -> bool:
        return self.agency_id is None

    @property
    def reply_to(self) -> str:
        """The address answers go to."""
        return self.requester.email if self.requester_id else self.contact_email

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.NEW and self.due_date < timezone.localdate()

    @property
    def may_be_rated(self) -> bool:
        return self.status == self.Status.CLOSED and self.rating is None


class HelpRequestTransition(TransitionLog):
    help_request = TransitionLog.subject(HelpRequest)
    from_status, to_status = TransitionLog.statuses(HelpRequest)


class Message(models.Model):
    """One message of a request's thread: an answer of staff or a reply of the requester."""

    help_request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("author"),
        help_text=_("Empty for a requester who is not signed in."),
    )
    from_staff = models.BooleanField(_("from staff"), default=False)
    body = models.TextField(
        _("message"), max_length=DESCRIPTION_MAX_LENGTH, validators=[validate_message_text]
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_staff=False) | Q(author__isnull=False),
                name="helpdesk_staff_message_has_an_author",
            ),
        ]

    def __str__(self):
        return f"{self.help_request.reference}: {self.body[:40]}"


class Proposal(models.Model):
    """An improvement of PULS someone suggested (a request of the "suggestion" category), on the
    national list the national team works through."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ANALYSED = "analysed", _("Analysed")
        PLANNED = "planned", _("Planned")
        DONE = "done", _("Done")
        DECLINED = "declined", _("Declined")

    TRANSITIONS = {
        Status.ANALYSED: {Status.NEW},
        Status.PLANNED: {Status.NEW, Status.ANALYSED},
        Status.DONE: {Status.PLANNED},
        Status.DECLINED: {Status.NEW, Status.ANALYSED, Status.PLANNED},
    }

    help_request = models.OneToOneField(
        HelpRequest,
        on_delete=models.CASCADE,
        related_name="proposal",
        verbose_name=_("request"),
        limit_choices_to={"category": Category.SUGGESTION},
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    note = models.TextField(
        _("note of the national team"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[validate_message_text],
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("improvement proposal")
        verbose_name_plural = _("improvement proposals")
        ordering = ["-help_request__created_at", "-pk"]

    def __str__(self):
        return str(self.help_request)


class ProposalTransition(TransitionLog):
    proposal = TransitionLog.subject(Proposal)
    from_status, to_status = TransitionLog.statuses(Proposal)


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    JOBSEEKERS = "jobseekers", _("Jobseekers")
    EMPLOYERS = "employers", _("Employers")
    NETWORK = "network", _("Partner-network members")
    STAFF = "staff", _("Agency staff")


class FaqEntry(models.Model):
    """A frequently asked question and its answer, for one audience, in the order staff chose."""

    audience = models.CharField(
        _("audience"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE
    )
    question = models.CharField(_("question"), max_length=200, validators=[validate_plain_text])
    question_en = models.CharField(
        _("question in English"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    answer = models.TextField(
        _("answer"), max_length=DESCRIPTION_MAX_LENGTH, validators=[validate_message_text]
    )
    answer_en = models.TextField(
        _("answer in English"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        validators=[validate_message_text],
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first within the audience.")
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")
        ordering = ["audience", "order", "pk"]

    def __str__(self):
        return self.display_question

    @property
    def display_question(self):
        """The question in the reader's language (puls.translated)."""
        return in_active_language(self.question, self.question_en)

    @property
    def display_answer(self):
        return in_active_language(self.answer, self.answer_en)
