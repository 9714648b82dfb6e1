"""Input forms of case management (shape of the input only; rules live in services)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.forms import ModelMultipleChoiceField
from puls.reference.choices import EmployabilityLevel

from .models import GroupSession, Intervention, Referral


class DateInput(forms.DateInput):
    """A date picker; its value is always ISO (2026-12-01), whatever the page's language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ProfilingForm(forms.Form):
    """One required choice per active factor; the questions and answers come from the data."""

    def __init__(self, *args, factors, prefill=None, **kwargs):
        """``prefill`` ({factor pk: casework.prefill.Prefill}) preselects what the file says and
        names its source under the question; the counsellor confirms or corrects it."""
        super().__init__(*args, **kwargs)
        self.factors = list(factors)
        self.prefill = prefill or {}
        for factor in self.factors:
            proposed = self.prefill.get(factor.pk)
            self.fields[f"factor_{factor.pk}"] = forms.ModelChoiceField(
                label=factor.display_label,
                queryset=factor.options.all(),
                empty_label=_("Choose…"),
                widget=forms.RadioSelect,
                initial=proposed.option.pk if proposed else None,
                help_text=(
                    _(
                        "Prefilled from the file: %(source)s. Confirm it with the person or correct it."
                    )
                    % {"source": proposed.source}
                    if proposed
                    else ""
                ),
            )

    def answers(self):
        return {factor: self.cleaned_data[f"factor_{factor.pk}"] for factor in self.factors}


class OverrideForm(forms.Form):
    level = forms.ChoiceField(label=_("Level"), choices=EmployabilityLevel.choices)
    reason = forms.CharField(
        label=_("Reason for the override"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlanForm(forms.Form):
    goal = forms.CharField(
        label=_("Employment goal"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeasureForm(forms.Form):
    measure_type = forms.ModelChoiceField(label=_("Measure"), queryset=None)
    details = forms.CharField(label=_("Details of the measure"), required=False, max_length=300)
    responsible = forms.ModelChoiceField(label=_("Responsible person"), queryset=None)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput)

    def __init__(self, *args, catalogue, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure_type"].queryset = catalogue
        self.fields["responsible"].queryset = staff


class MeasureActionForm(forms.Form):
    ACTIONS = [("start", _("Start")), ("complete", _("Mark done")), ("cancel", _("Cancel"))]

    action = forms.ChoiceField(choices=ACTIONS)
    outcome = forms.CharField(label=_("Outcome"), required=False, max_length=2000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = ["happened_on", "channel", "kind", "note", "sensitive"]
        widgets = {"happened_on": DateInput, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["happened_on"].initial = timezone.localdate()


class AssignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Case owner"), queryset=None)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)

    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = counsellors


class WeightsForm(forms.Form):
    """Weights of the factors, points of their answers and the thresholds of the levels."""

    def __init__(self, *args, factors, thresholds, **kwargs):
        super().__init__(*args, **kwargs)
        self.factors, self.thresholds = list(factors), list(thresholds)
        for factor in self.factors:
            self.fields[f"weight_{factor.pk}"] = forms.DecimalField(
                label=factor.display_label,
                min_value=0,
                max_value=10,
                decimal_places=2,
                initial=factor.weight,
            )
            for option in factor.options.all():
                self.fields[f"points_{option.pk}"] = forms.IntegerField(
                    label=option.display_label, min_value=0, max_value=10, initial=option.points
                )
        for threshold in self.thresholds:
            self.fields[f"threshold_{threshold.level}"] = forms.DecimalField(
                label=threshold.get_level_display(),
                min_value=0,
                decimal_places=2,
                initial=threshold.min_score,
            )

    def factor_rows(self):
        return [
            (
                self[f"weight_{factor.pk}"],
                [self[f"points_{option.pk}"] for option in factor.options.all()],
            )
            for factor in self.factors
        ]

    def threshold_fields(self):
        return [self[f"threshold_{threshold.level}"] for threshold in self.thresholds]


class EvidenceForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=DateInput)
    until = forms.DateField(label=_("Until"), widget=DateInput)

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            raise forms.ValidationError(_("The end of the period cannot come before its start."))
        if since and until and until - since > datetime.timedelta(days=366):
            raise forms.ValidationError(_("Choose a period of at most one year."))
        return data


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("What brings them together"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CandidateFilterForm(forms.Form):
    occupation = forms.CharField(
        label=_("Occupation (experience or career option)"), required=False, max_length=100
    )
    level = forms.ChoiceField(
        label=_("Employability level"),
        required=False,
        choices=[("", _("Any level")), *EmployabilityLevel.choices],
    )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=GroupSession.Kind.choices)
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    companies = ModelMultipleChoiceField(
        label=_("Invited employers"), required=False, queryset=None
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["companies"].queryset = companies


class ReferralForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Partner organisation"), queryset=None)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Referral.Purpose.choices)
    note = forms.CharField(label=_("Note for the organisation"), required=False, max_length=500)
    contact = forms.CharField(
        label=_("Contact the person gives the organisation"),
        required=False,
        max_length=200,
        help_text=_(
            "A phone number or an e-mail address the person agreed to share. Without one, the "
            "organisation reaches the person through you."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ReferralOutcomeForm(forms.Form):
    """How a referral ended: what the organisation reports, or the counsellor records for an
    organisation that does not answer in PULS. The service refuses an empty outcome."""

    status = forms.ChoiceField(
        label=_("How it ended"),
        choices=[(status.value, status.label) for status in Referral.ENDED_STATUSES],
        widget=forms.RadioSelect,
    )
    result = forms.CharField(
        label=_("Outcome"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the person did with the service: a course finished, a job found…"),
    )


class ReferralDeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why your organisation declines"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The counsellor reads it and can refer the person elsewhere."),
    )


class GroupMembersForm(forms.Form):
    """The people (checked in the candidate list) added to a mediation group."""

    profiles = ModelMultipleChoiceField(
        queryset=None,
        error_messages={
            "required": _("Choose at least one person."),
            "invalid_choice": _("Only people in your caseload can join the group."),
            "invalid_pk_value": _("Only people in your caseload can join the group."),
        },
    )

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profiles"].queryset = profiles


class SessionRecordForm(forms.Form):
    """Who came to a group session (among its members) and the proposals it led to."""

    attended = ModelMultipleChoiceField(queryset=None, required=False)
    proposals = ModelMultipleChoiceField(queryset=None, required=False)

    def __init__(self, *args, members, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].queryset = members
        self.fields["proposals"].queryset = proposals
