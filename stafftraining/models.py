"""Training of the public employment service's own staff (seeds 002 and 003): programmes and their
curricula, sessions with their trainees, attendance, the final exam, numbered certificates, the
session's evaluation questionnaire, and the projects' targets the indicators are measured against.

Not the jobseekers' training catalogue (casework): the people trained here are SPO civil servants.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from puls.translated import in_active_language
from puls.validators import validate_plain_text
from puls.workflow import TransitionLog


class ProgrammeType(models.TextChoices):
    PERFECTING = "perfectionare", _("Further training (perfecționare)")
    SPECIALISATION = "specializare", _("Specialisation (specializare)")
    INSTRUCTION = "instruire", _("Instruction (instruire)")


class TargetGroup(models.TextChoices):
    CLIENT_SERVICES = "client_services", _("Staff working with employers and jobseekers")
    FORECASTING = "forecasting", _("Labour-market analysis and forecasting")
    PULS_USE = "puls_use", _("Using PULS")


class Programme(models.Model):
    """A training programme of the national catalogue, with its curriculum."""

    title = models.CharField(_("title"), max_length=200, validators=[validate_plain_text])
    title_en = models.CharField(
        _("title in English"), max_length=200, blank=True, validators=[validate_plain_text]
    )
    programme_type = models.CharField(_("type"), max_length=20, choices=ProgrammeType.choices)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    hours = models.PositiveSmallIntegerField(
        _("hours"), validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    curriculum = models.TextField(
        _("curriculum"),
        blank=True,
        max_length=20000,
        help_text=_(
            "The topics, objectives and schedule. Write it here, attach it as a PDF, or both."
        ),
    )
    curriculum_en = models.TextField(
        _("curriculum in English"),
        blank=True,
        max_length=20000,
        help_text=_("Shown on the English pages; empty: the Romanian curriculum."),
    )
    curriculum_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("curriculum (PDF)"),
    )
    authorised = models.BooleanField(
        _("authorised programme"),
        default=False,
        help_text=_(
            "Authorised under the law on adult vocational training (number and date required)."
        ),
    )
    authorisation_number = models.CharField(
        _("authorisation number"), max_length=60, blank=True, validators=[validate_plain_text]
    )
    authorisation_date = models.DateField(_("authorisation date"), null=True, blank=True)
    has_final_exam = models.BooleanField(_("final exam"), default=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(authorised=False)
                | (~Q(authorisation_number="") & Q(authorisation_date__isnull=False)),
                name="stafftraining_authorised_programme_has_authorisation",
                violation_error_message=_(
                    "An authorised programme needs its authorisation number and date."
                ),
            ),
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        """The programme's title in the reader's language (puls.translated)."""
        return in_active_language(self.title, self.title_en)

    @property
    def display_curriculum(self):
        return in_active_language(self.curriculum, self.curriculum_en)

    def clean(self):
        errors = {}
        if self.authorised:
            if not self.authorisation_number.strip():
                errors["authorisation_number"] = _(
                    "An authorised programme needs its authorisation number."
                )
            if self.authorisation_date is None:
                errors["authorisation_date"] = _(
                    "An authorised programme needs its authorisation date."
                )
        if self.authorisation_date and self.authorisation_date > timezone.localdate():
            errors["authorisation_date"] = _("The authorisation date cannot be in the future.")
        if not self.curriculum.strip() and self.curriculum_document_id is None:
            errors["curriculum"] = _("Write the curriculum or attach it as a PDF.")
        if errors:
            raise ValidationError(errors)


class SessionMode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    ONLINE = "online", _("Online")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("training session", "Planned")
    HELD = "held", pgettext_lazy("training session", "Held")
    CLOSED = "closed", pgettext_lazy("training session", "Closed")
    CANCELLED = "cancelled", pgettext_lazy("training session", "Cancelled")


class TrainingSession(models.Model):
    """One run of a programme: dates, place (at a training centre, or elsewhere) or online, trainer,
    places; of one agency or national (organised by the national team for staff of every agency)."""

    TRANSITIONS = {
        SessionStatus.HELD: {SessionStatus.PLANNED},
        SessionStatus.CLOSED: {SessionStatus.HELD},
        SessionStatus.CANCELLED: {SessionStatus.PLANNED},
    }
    TRANSITION_REFUSALS = {
        SessionStatus.HELD: _("Only a planned session can be marked as held."),
        SessionStatus.CLOSED: _("Only a session that was held can be closed."),
        SessionStatus.CANCELLED: _("Only a planned session can be cancelled."),
    }

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("programme")
    )
    agency = models.ForeignKey(
        "reference.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
        help_text=_("Empty for a national session, open to the staff of every agency."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    mode = models.CharField(_("mode"), max_length=20, choices=SessionMode.choices)
    centre = models.ForeignKey(
        "reference.TrainingCentre",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training centre"),
        help_text=_("The CRFPA or the CNFPPP where it takes place, if it is held at one."),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        validators=[validate_plain_text],
        help_text=_(
            "The address and room (at a training centre: the room, optional); for an online "
            "session, the platform (optional)."
        ),
    )
    trainer = models.CharField(_("trainer"), max_length=200, validators=[validate_plain_text])
    capacity = models.PositiveSmallIntegerField(
        _("places"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="stafftraining_session_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
        ]

    def __str__(self):
        return f"{self.programme} · {self.start_date:%d.%m.%Y}"

    def clean(self):
        if self.mode == SessionMode.ONLINE and self.centre_id is not None:
            raise ValidationError({"centre": _("An online session is not held at a centre.")})
        if (
            self.mode == SessionMode.FACE_TO_FACE
            and self.centre_id is None
            and not self.place.strip()
        ):
            raise ValidationError(
                {"place": _("A face-to-face session needs a place or a training centre.")}
            )

    @property
    def venue(self):
        """Where it takes place, as the pages and e-mails say it: the centre (and its town), then
        the place written in the form."""
        centre = self.centre
        parts = [f"{centre} ({centre.city})" if centre and centre.city else str(centre or "")]
        return " · ".join(part for part in [*parts, self.place.strip()] if part)

    @property
    def is_national(self):
        return self.agency_id is None


class SessionTransition(TransitionLog):
    session = TransitionLog.subject(TrainingSession)
    from_status, to_status = TransitionLog.statuses(TrainingSession)


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", pgettext_lazy("enrolment", "Enrolled")
    WITHDRAWN = "withdrawn", pgettext_lazy("enrolment", "Withdrawn")
    ATTENDED = "attended", pgettext_lazy("enrolment", "Attended")
    ABSENT = "absent", pgettext_lazy("enrolment", "Absent")
    COMPLETED = "completed", _("Completed (certificate issued)")


# Places are taken by every enrolment but a withdrawn one.
HOLDING_A_PLACE = [
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.ATTENDED,
    EnrolmentStatus.ABSENT,
    EnrolmentStatus.COMPLETED,
]


class Enrolment(models.Model):
    """A member of staff enrolled in a session: attendance, exam result, certificate."""

    TRANSITIONS = {
        EnrolmentStatus.ENROLLED: {EnrolmentStatus.WITHDRAWN},
        EnrolmentStatus.WITHDRAWN: {EnrolmentStatus.ENROLLED},
        EnrolmentStatus.ATTENDED: {EnrolmentStatus.ENROLLED, EnrolmentStatus.ABSENT},
        EnrolmentStatus.ABSENT: {EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED},
        EnrolmentStatus.COMPLETED: {EnrolmentStatus.ATTENDED},
    }

    session = models.ForeignKey(
        TrainingSession,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("session"),
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="training_enrolments",
        verbose_name=_("member of staff"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.ENROLLED,
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    exam_score = models.DecimalField(
        _("exam score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    exam_passed = models.BooleanField(_("exam passed"), null=True, blank=True)
    certificate_number = models.CharField(
        _("certificate number"), max_length=20, blank=True, default=""
    )
    certificate_issued_at = models.DateTimeField(_("certificate issued at"), null=True, blank=True)

    class Meta:
        ordering = ["trainee__last_name", "trainee__first_name", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "trainee"],
                name="stafftraining_enrolled_once",
                violation_error_message=_("This person is already enrolled in the session."),
            ),
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~Q(certificate_number=""),
                name="stafftraining_certificate_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(exam_passed__isnull=True) | Q(exam_score__isnull=False),
                name="stafftraining_exam_result_has_a_score",
                violation_error_message=_("An exam result needs the score."),
            ),
            models.CheckConstraint(
                condition=Q(certificate_number="") | Q(status=EnrolmentStatus.COMPLETED),
                name="stafftraining_certificate_only_when_completed",
            ),
        ]

    def __str__(self):
        return f"{self.trainee} · {self.session}"

    def clean(self):
        if self.exam_score is not None and self.exam_passed is None:
            raise ValidationError({"exam_passed": _("Say whether the exam was passed.")})


class EnrolmentTransition(TransitionLog):
    enrolment = TransitionLog.subject(Enrolment)
    from_status, to_status = TransitionLog.statuses(Enrolment)


class CertificateCounter(models.Model):
    """The last certificate number given in a year (locked while a number is taken)."""

    year = models.PositiveSmallIntegerField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last_number}"


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
EVALUATION_QUESTIONS = ("content", "trainer", "organisation", "usefulness")


class Evaluation(models.Model):
    """The session's evaluation questionnaire, filled once by each attendee."""

    QUESTIONS = EVALUATION_QUESTIONS

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="evaluation", verbose_name=_("enrolment")
    )
    content = models.PositiveSmallIntegerField(
        _("The content matched the curriculum and my work"), validators=SCORE_VALIDATORS
    )
    trainer = models.PositiveSmallIntegerField(
        _("The trainer explained clearly and answered questions"), validators=SCORE_VALIDATORS
    )
    organisation = models.PositiveSmallIntegerField(
        _("Organisation (schedule, place or platform, materials)"), validators=SCORE_VALIDATORS
    )
    usefulness = models.PositiveSmallIntegerField(
        _("I will use what I learnt in my daily work"), validators=SCORE_VALIDATORS
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("session evaluation")
        verbose_name_plural = _("session evaluations")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    **{f"{question}__gte": 1 for question in EVALUATION_QUESTIONS},
                    **{f"{question}__lte": 5 for question in EVALUATION_QUESTIONS},
                ),
                name="stafftraining_evaluation_scores_1_to_5",
            ),
        ]

    def __str__(self):
        return str(self.enrolment)


class Indicator(models.TextChoices):
    PULS_FACE_TO_FACE = "puls_face_to_face", _("Staff instructed in using PULS, face to face")
    PULS_ONLINE = "puls_online", _("Staff instructed in using PULS, online")
    PULS_TOTAL = "puls_total", _("Staff instructed in using PULS")
    PULS_SESSIONS = "puls_sessions", _("Instruction sessions on PULS held")
    AUTHORISED_CLIENT_SERVICES = (
        "authorised_client_services",
        _("Trained in authorised programmes: staff working with employers and jobseekers"),
    )
    AUTHORISED_FORECASTING = (
        "authorised_forecasting",
        _("Trained in authorised programmes: labour-market forecasting"),
    )
    AUTHORISED_TOTAL = "authorised_total", _("Staff trained in authorised programmes")
    AUTHORISED_SESSIONS = "authorised_sessions", _("Sessions of authorised programmes held")
    STAFF_TRAINED = "staff_trained", _("SPO staff trained (any programme)")


class TrainingTarget(models.Model):
    """A target of a project (from the seeds), against which the live figure is shown."""

    indicator = models.CharField(
        _("indicator"), max_length=40, choices=Indicator.choices, unique=True
    )
    target = models.PositiveIntegerField(_("target"))
    source = models.CharField(_("source"), max_length=300)
    seed = models.CharField(
        _("seed document"), max_length=60, help_text=_("The document of the project it is from.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("staff training target")
        verbose_name_plural = _("staff training targets")

    def __str__(self):
        return f"{self.get_indicator_display()}: {self.target}"
