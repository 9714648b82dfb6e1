"""The partner network: organisations and their representatives, meetings with agendas, notices,
answers and minutes, the shared library, discussion groups, API tokens and activity reports."""

import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.validators import validate_plain_text
from puls.workflow import TransitionLog

from .regions import REGION_CHOICES, region_of_county


def search_key(text):
    """Lower-case text without diacritics, so that "sectiune" finds "secțiune"."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class Scope(models.TextChoices):
    COUNTY = "county", _("County")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class ScopedMixin(models.Model):
    """A scope with its place: a county for county scope, a region for regional scope."""

    scope = models.CharField(
        _("scope"), max_length=10, choices=Scope.choices, default=Scope.NATIONAL
    )
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("county"),
    )
    region = models.CharField(
        _("development region"), max_length=2, choices=REGION_CHOICES, blank=True
    )

    class Meta:
        abstract = True

    def clean_scope(self):
        if self.scope == Scope.COUNTY and not self.county_id:
            raise ValidationError({"county": _("Choose the county of a county-level item.")})
        if self.scope == Scope.REGIONAL and not self.region:
            if self.county_id:
                self.region = region_of_county(self.county_id)
            else:
                raise ValidationError({"region": _("Choose the region of a regional item.")})
        if self.scope == Scope.NATIONAL:
            self.region = ""

    @property
    def place_label(self):
        if self.scope == Scope.COUNTY and self.county_id:
            return str(self.county)
        if self.scope == Scope.REGIONAL:
            return self.get_region_display()
        return self.get_scope_display()


# --- Members ---------------------------------------------------------------------------------


class Organisation(models.Model):
    """An organisation of the network; it joins by the adhesion form and the agreement."""

    class Kind(models.TextChoices):
        EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency")
        PUBLIC_INSTITUTION = "public_institution", _("Other public institution")
        NGO = "ngo", _("Non-governmental organisation")
        ACADEMIA = "academia", _("Academia")
        PRIVATE_OPERATOR = "private_operator", _("Private operator")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Member")
        REFUSED = "refused", _("Refused")
        REMOVED = "removed", _("Removed")

    # to: {from} (puls.workflow)
    TRANSITIONS = {
        Status.APPROVED: {Status.PENDING},
        Status.REFUSED: {Status.PENDING},
        Status.REMOVED: {Status.APPROVED},
    }

    name = models.CharField(_("name"), max_length=200, validators=[validate_plain_text])
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    county = models.ForeignKey(
        "reference.County",
        on_delete=models.PROTECT,
        related_name="network_organisations",
        verbose_name=_("county"),
    )
    scope = models.CharField(
        _("scope of activity"), max_length=10, choices=Scope.choices, default=Scope.COUNTY
    )
    address = models.CharField(_("address"), max_length=255)
    email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    activity = models.TextField(
        _("activity in the labour market"),
        help_text=_("What the organisation does and what it brings to the network."),
    )
    commitments = models.TextField(
        _("commitments"),
        blank=True,
        help_text=_("Responsibilities the organisation takes on in the network."),
    )
    # The public list of members (``public_members``): what a visitor reads, and which of the
    # contact details above the organisation chose to publish (none until it chooses).
    public_offer = models.TextField(
        _("what the organisation offers jobseekers and employers"),
        blank=True,
        max_length=1000,
        help_text=_("Shown on the public list of members. Plain words, at most 1,000 characters."),
    )
    publish_email = models.BooleanField(
        _("show the contact e-mail on the public list"), default=False
    )
    publish_phone = models.BooleanField(_("show the phone on the public list"), default=False)
    publish_website = models.BooleanField(_("show the website on the public list"), default=False)
    agreement = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("signed partnership agreement"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="network_adhesions",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("network organisation")
        verbose_name_plural = _("network organisations")
        indexes = [models.Index(fields=["status", "name"], name="network_org_status")]

    def __str__(self):
        return self.name


class OrganisationTransition(TransitionLog):
    organisation = TransitionLog.subject(Organisation)
    from_status, to_status = TransitionLog.statuses(Organisation)


class RepresentativeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True, organisation__status=Organisation.Status.APPROVED)


class Representative(models.Model):
    """A person nominated by an organisation, with their task and role stated in writing.

    A replaced representative keeps their row (ended_at, replaced_by): that is the history.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="network_representations",
        verbose_name=_("person"),
    )
    position = models.CharField(_("position in the organisation"), max_length=150)
    network_role = models.CharField(_("role in the network"), max_length=150)
    task = models.TextField(
        _("task in the network"), help_text=_("The task the organisation gives its representative.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    started_at = models.DateTimeField(_("since"), default=timezone.now)
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("reason for the change"), max_length=255, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaced by"),
    )

    objects = RepresentativeQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-started_at"]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(ended_at__isnull=True),
                name="network_one_current_representation_per_user",
                violation_error_message=_("This person already represents an organisation."),
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.organisation})"


class ImprovementProposal(models.Model):
    """A proposal for improving the network, recorded by a member for the activity report."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="proposals"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("proposal"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]


# --- Meetings --------------------------------------------------------------------------------


class Meeting(ScopedMixin):
    """A network meeting. Published meetings are announced to every representative."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    # to: {from} (puls.workflow)
    TRANSITIONS = {
        Status.PUBLISHED: {Status.DRAFT},
        Status.CANCELLED: {Status.DRAFT, Status.PUBLISHED},
    }
    TRANSITION_REFUSALS = {Status.CANCELLED: _("This meeting is already cancelled.")}

    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="organised_meetings",
        verbose_name=_("organiser"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # Raised by each published change of date or agenda; notices are recorded per version.
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    documents = models.ManyToManyField(
        "documents.Document", blank=True, related_name="+", verbose_name=_("documents")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["status", "starts_at"], name="network_meeting_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="network_meeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        self.clean_scope()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The meeting must end after it starts.")})
        if not self.location and not self.online_url:
            raise ValidationError(_("Give the place of the meeting, an online link, or both."))

    @property
    def is_past(self):
        return self.ends_at <= timezone.now()

    @property
    def duration_minutes(self):
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("item"), max_length=200, validators=[validate_plain_text])
    presenter = models.CharField(_("presenter"), max_length=150, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="network_agenda_item_has_duration"
            ),
        ]

    def __str__(self):
        return self.title


class MeetingTransition(TransitionLog):
    meeting = TransitionLog.subject(Meeting)
    from_status, to_status = TransitionLog.statuses(Meeting)


class NoticeKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    UPDATE = "update", _("Update")
    CANCELLATION = "cancellation", _("Cancellation")
    MINUTES = "minutes", _("Minutes")


class NoticeDelivery(models.Model):
    """One notice of one meeting version to one person, recorded before the e-mail is queued.

    The unique constraint is what makes a retried notice task skip the people it already reached.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_notices"
    )
    kind = models.CharField(max_length=12, choices=NoticeKind.choices)
    version = models.PositiveIntegerField()
    email = models.ForeignKey(
        "notifications.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "recipient", "kind", "version"],
                name="network_one_notice_per_recipient",
            ),
        ]

    def __str__(self):
        return f"{self.meeting} · {self.kind} v{self.version} → {self.recipient}"


class Rsvp(models.Model):
    class Answer(models.TextChoices):
        ATTEND = "attend", _("I will attend")
        DECLINE = "decline", _("I will not attend")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_rsvps"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(_("answer"), max_length=8, choices=Answer.choices)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="network_one_rsvp_per_person"),
        ]

    def __str__(self):
        return f"{self.user}: {self.answer}"


# --- Minutes ---------------------------------------------------------------------------------


class Minutes(models.Model):
    """The minutes (proces-verbal) of a meeting: drafted, then approved by the organiser."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    # to: {from} (puls.workflow)
    TRANSITIONS = {Status.APPROVED: {Status.DRAFT}}
    TRANSITION_REFUSALS = {Status.APPROVED: _("These minutes are already approved.")}

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    summary = models.TextField(_("opening and summary"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    pdf = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF"),
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self):
        return str(self.meeting)

    @property
    def present_attendees(self):
        return [attendee for attendee in self.attendees.all() if attendee.present]


class MinutesTransition(TransitionLog):
    minutes = TransitionLog.subject(Minutes)
    from_status, to_status = TransitionLog.statuses(Minutes)


class Attendee(models.Model):
    """A line of the presence list: a representative (from the answers) or a guest."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150, validators=[validate_plain_text])
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    answered = models.CharField(_("answer"), max_length=8, choices=Rsvp.Answer.choices, blank=True)
    present = models.BooleanField(_("present"), default=False)

    class Meta:
        ordering = ["organisation_name", "name"]

    def __str__(self):
        return self.name


class ItemDiscussion(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="discussions")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("discussion"), blank=True)

    class Meta:
        ordering = ["agenda_item__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "agenda_item"], name="network_one_discussion_per_item"
            ),
        ]

    def __str__(self):
        return str(self.agenda_item)


class Decision(models.Model):
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.text[:60]


class Action(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    # to: {from} (puls.workflow): the organiser follows an action up, and may reopen it
    TRANSITIONS = {
        Status.OPEN: {Status.DONE, Status.DROPPED},
        Status.DONE: {Status.OPEN, Status.DROPPED},
        Status.DROPPED: {Status.OPEN, Status.DONE},
    }
    # every other status may go to any one, so a refusal means it is that status already
    TRANSITION_REFUSALS = {
        Status.OPEN: _("This action is already open."),
        Status.DONE: _("This action is already done."),
        Status.DROPPED: _("This action is already dropped."),
    }

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=150)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.description[:60]


class ActionTransition(TransitionLog):
    action = TransitionLog.subject(Action)
    from_status, to_status = TransitionLog.statuses(Action)


# --- Library ---------------------------------------------------------------------------------


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class LibraryItem(ScopedMixin):
    """A study, statistic, trend or good practice shared with the network: a file or a link."""

    class Kind(models.TextChoices):
        STUDY = "study", _("Study")
        STATISTICS = "statistics", _("Statistics")
        TREND = "trend", _("Labour-market trend")
        GOOD_PRACTICE = "good_practice", _("Good practice")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices)
    summary = models.TextField(_("summary"))
    tags = models.ManyToManyField(Tag, blank=True, related_name="items", verbose_name=_("tags"))
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("file"),
    )
    url = models.URLField(_("link"), blank=True)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="library_items"
    )
    shared_at = models.DateTimeField(default=timezone.now)
    downloads = models.PositiveIntegerField(_("downloads"), default=0)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ["-shared_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(document__isnull=False) & Q(url=""))
                | (Q(document__isnull=True) & ~Q(url="")),
                name="network_library_file_or_link",
                violation_error_message=_("Share either a file or a link."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        self.clean_scope()


# --- Discussion groups -----------------------------------------------------------------------


class DiscussionGroup(ScopedMixin):
    name = models.CharField(_("name"), max_length=150, validators=[validate_plain_text])
    description = models.TextField(_("description"), blank=True)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="followed_network_groups"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(scope=Scope.NATIONAL),
                name="network_group_county_or_regional",
                violation_error_message=_("Groups are county-level or regional."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.clean_scope()


class Thread(models.Model):
    group = models.ForeignKey(DiscussionGroup, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("subject"), max_length=200, validators=[validate_plain_text])
    body = models.TextField(_("message"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_activity_at", "-pk"]

    def __str__(self):
        return self.title


class Reply(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    body = models.TextField(_("reply"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.thread}: {self.body[:40]}"


class ThreadNotification(models.Model):
    """The e-mail about a new thread to one follower, recorded before it is queued."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "recipient"], name="network_one_thread_notice_per_follower"
            ),
        ]

    def __str__(self):
        return f"{self.thread} → {self.recipient}"


# --- Vacancy-data exchange -------------------------------------------------------------------


class ApiToken(models.Model):
    """A personal token for the vacancy feed. Only its SHA-256 is stored; it is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_api_tokens"
    )
    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("What the token is for, e.g. the name of your system."),
    )
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


# --- Activity report -------------------------------------------------------------------------


# --- Joint projects and trainings between members --------------------------------------------


class JointProject(models.Model):
    """A partnership or a joint training one member proposes and other members join."""

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("Partnership project")
        TRAINING = "training", _("Joint training")

    class Status(models.TextChoices):
        OPEN = "open", _("Open to members")
        CLOSED = "closed", _("Closed")

    # to: {from} (puls.workflow)
    TRANSITIONS = {Status.CLOSED: {Status.OPEN}}

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(
        _("description"),
        max_length=4000,
        help_text=_("What you propose, for whom, and what you expect of the members who join."),
    )
    starts_on = models.DateField(_("planned start"), null=True, blank=True)
    proposed_by = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="proposed_projects",
        verbose_name=_("proposed by"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("joint project")
        verbose_name_plural = _("joint projects")

    def __str__(self):
        return self.title


class JointProjectTransition(TransitionLog):
    project = TransitionLog.subject(JointProject)
    from_status, to_status = TransitionLog.statuses(JointProject)


class JointProjectParticipant(models.Model):
    """An organisation taking part in a joint project (the proposer is the first)."""

    project = models.ForeignKey(JointProject, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="joint_projects"
    )
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"],
                name="network_one_participation_per_organisation",
                violation_error_message=_("Your organisation already takes part."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.project}"


# --- Events members announce -----------------------------------------------------------------


class MemberEvent(models.Model):
    """An event a member organisation announces to the network (a job fair, a workshop…):
    moderated by the network's staff, then open to registration up to its capacity."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for moderation")
        PUBLISHED = "published", _("Published")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Cancelled")

    # to: {from} (puls.workflow)
    TRANSITIONS = {
        Status.PUBLISHED: {Status.SUBMITTED},
        Status.REFUSED: {Status.SUBMITTED},
        Status.CANCELLED: {Status.SUBMITTED, Status.PUBLISHED},
    }

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("organised by"),
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    description = models.TextField(_("description"), max_length=4000)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=255, validators=[validate_plain_text])
    capacity = models.PositiveIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(10_000)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("member event")
        verbose_name_plural = _("member events")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="network_event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            )
        ]

    def __str__(self):
        return self.title


class MemberEventTransition(TransitionLog):
    event = TransitionLog.subject(MemberEvent)
    from_status, to_status = TransitionLog.statuses(MemberEvent)


class EventRegistration(models.Model):
    """A person registered for a member event: a place, or a turn on the waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Place confirmed")
        WAITING = "waiting", _("On the waiting list")

    event = models.ForeignKey(MemberEvent, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_event_places"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    registered_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                name="network_one_registration_per_person",
                violation_error_message=_("You are already registered for this event."),
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.event} ({self.status})"
