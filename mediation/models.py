"""Mediation: proposals of jobseekers for vacancies with their lifecycle, the outcomes the engine
learns from, the versioned signal weights, and the version counter of the matching index."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.workflow import TransitionLog


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed to the person")
    DECLINED = "declined", _("Declined by the person")
    SENT = "sent", _("Sent to the employer")
    INTERVIEW = "interview", _("Invited to an interview")
    REJECTED = "rejected", _("Not selected by the employer")
    HIRED = "hired", _("Hired")
    WITHDRAWN = "withdrawn", _("Withdrawn by the agency")


class RejectionReason(models.TextChoices):
    """Why an employer did not select a proposed person (a fixed list, so that it can be learnt
    from and counted)."""

    SKILLS = "skills", _("Competences do not match the post")
    EXPERIENCE = "experience", _("Not enough experience")
    EDUCATION = "education", _("Education does not match")
    LANGUAGES = "languages", _("Languages required are missing")
    PAY = "pay", _("Pay expectations too high")
    AVAILABILITY = "availability", _("Not available when needed")
    NO_SHOW = "no_show", _("Did not come to the interview")
    POST_FILLED = "post_filled", _("The post was filled by someone else")
    OTHER = "other", _("Another reason")


class Proposal(models.Model):
    """A counsellor proposes a jobseeker for a vacancy, with the score and explanation of the
    engine at that moment (kept as they were: the outcome is learnt from them)."""

    OPEN_STATUSES = (ProposalStatus.PROPOSED, ProposalStatus.SENT, ProposalStatus.INTERVIEW)
    # to: {from} (puls.workflow)
    TRANSITIONS = {
        ProposalStatus.SENT: {ProposalStatus.PROPOSED},
        ProposalStatus.DECLINED: {ProposalStatus.PROPOSED},
        ProposalStatus.INTERVIEW: {ProposalStatus.SENT},
        ProposalStatus.REJECTED: {ProposalStatus.SENT, ProposalStatus.INTERVIEW},
        ProposalStatus.HIRED: {ProposalStatus.SENT, ProposalStatus.INTERVIEW},
        ProposalStatus.WITHDRAWN: set(OPEN_STATUSES),
    }
    EMPLOYER_STATUSES = (
        ProposalStatus.SENT,
        ProposalStatus.INTERVIEW,
        ProposalStatus.REJECTED,
        ProposalStatus.HIRED,
    )

    vacancy = models.ForeignKey(
        "employers.Vacancy",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("vacancy"),
    )
    profile = models.ForeignKey(
        "jobseekers.JobseekerProfile",
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    score = models.PositiveSmallIntegerField(_("match score (0–100)"))
    signals = models.JSONField(
        _("signal values"),
        default=dict,
        help_text=_("The value (0–1) of each signal when proposed."),
    )
    explanation = models.JSONField(_("explanation"), default=dict)
    weight_set = models.ForeignKey(
        "WeightSet",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("weights used"),
    )
    message = models.TextField(_("message from the counsellor"), blank=True, max_length=2000)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    agency = models.ForeignKey(
        "reference.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    # The agency's register number of the proposal letter, taken when the letter is issued
    # (the person accepts): employers.services.registration_number_take.
    registration_number = models.CharField(
        _("registration number"), max_length=32, blank=True, editable=False
    )
    answered_at = models.DateTimeField(_("answered by the person at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent to the employer at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("employer's decision at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True, max_length=1000)
    rejection_reason = models.CharField(
        _("reason for not selecting"), max_length=12, choices=RejectionReason.choices, blank=True
    )
    rejection_note = models.TextField(_("employer's note"), blank=True, max_length=1000)
    interview_at = models.DateTimeField(_("interview date"), null=True, blank=True)
    hired_on = models.DateField(_("hired on"), null=True, blank=True)
    fill_report = models.ForeignKey(
        "employers.VacancyFillReport",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("report of the filled post"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(fields=["agency", "status"], name="proposal_agency_status"),
            models.Index(fields=["vacancy", "status"], name="proposal_vacancy_status"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy", "profile"],
                name="proposal_once_per_vacancy",
                violation_error_message=_("This person was already proposed for this vacancy."),
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="proposal_score_0_100"),
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="proposal_registration_number_once",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                name="proposal_rejection_has_reason",
            ),
        ]

    def __str__(self):
        return _("Proposal #%(pk)s") % {"pk": self.pk}

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES


class ProposalTransition(TransitionLog):
    proposal = TransitionLog.subject(Proposal, verbose_name=_("proposal"))
    from_status, to_status = TransitionLog.statuses(Proposal)

    class Meta(TransitionLog.Meta):
        verbose_name = _("proposal status change")
        verbose_name_plural = _("proposal status changes")


class Outcome(models.Model):
    """One finished proposal as training data: the signal values and whether it led to a hire."""

    class Kind(models.TextChoices):
        HIRED = "hired", _("Hired")
        REJECTED = "rejected", _("Not selected by the employer")
        DECLINED = "declined", _("Declined by the person")

    proposal = models.OneToOneField(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcome",
        verbose_name=_("proposal"),
    )
    kind = models.CharField(_("outcome"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=12, blank=True)
    signals = models.JSONField(_("signal values"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.recorded_at:%Y-%m-%d})"

    @property
    def hired(self):
        return self.kind == self.Kind.HIRED


class WeightSet(models.Model):
    """A versioned set of signal weights; exactly one is active. Learnt ones carry how they were
    validated on held-out outcomes."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    weights = models.JSONField(_("weights"))
    method = models.CharField(_("method"), max_length=200)
    training_outcomes = models.PositiveIntegerField(_("outcomes used for fitting"), default=0)
    validation_outcomes = models.PositiveIntegerField(_("held-out outcomes"), default=0)
    validation_log_loss = models.FloatField(_("held-out log-loss"), null=True, blank=True)
    validation_auc = models.FloatField(_("held-out AUC"), null=True, blank=True)
    previous_log_loss = models.FloatField(
        _("held-out log-loss of the weights in use"), null=True, blank=True
    )
    is_active = models.BooleanField(_("active"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("weight set")
        verbose_name_plural = _("weight sets")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="weightset_one_active"
            ),
        ]

    def __str__(self):
        return _("Weights v%(version)s") % {"version": self.version}


class IndexVersion(models.Model):
    """A counter bumped whenever data the matching index holds changes (one row, pk=1): a process
    whose in-memory index was built at an older version rebuilds it."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return str(self.version)
