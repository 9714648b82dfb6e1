"""Forms of the mediation app: the shape of the input; rules live in models and services."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobseekers.models import VulnerableGroup
from puls.forms import ModelMultipleChoiceField
from puls.reference.choices import EmployabilityLevel
from puls.reference.models import County

from .models import ProposalStatus, RejectionReason

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class CandidateFilterForm(forms.Form):
    national = forms.BooleanField(
        label=_("Search all agencies"),
        required=False,
        help_text=_(
            "People of other agencies are shown without their name: their agency proposes them."
        ),
    )
    county = forms.ModelChoiceField(
        label=_("County of residence"),
        queryset=County.objects.all(),
        required=False,
        empty_label=_("Any county"),
    )
    vulnerable = forms.ChoiceField(
        label=_("Vulnerable situation"),
        required=False,
        choices=[("", _("Any situation"))] + list(VulnerableGroup.choices),
    )
    level = forms.ChoiceField(
        label=_("Employability level"),
        required=False,
        choices=[("", _("Any level"))] + list(EmployabilityLevel.choices),
    )


class VacancyFilterForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("County of work"),
        queryset=County.objects.all(),
        required=False,
        empty_label=_("Any county"),
    )


class ProposeForm(forms.Form):
    """The people (checked in the ranked list) proposed for a vacancy."""

    profiles = ModelMultipleChoiceField(
        label=_("People proposed"),
        queryset=None,
        error_messages={
            "required": _("Choose at least one person."),
            "invalid_choice": _("You can propose only people registered with your agency."),
            "invalid_pk_value": _("You can propose only people registered with your agency."),
        },
    )
    message = forms.CharField(
        label=_("Message to the person and the employer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["profiles"].queryset = profiles


class ProposeVacancyForm(forms.Form):
    """One vacancy chosen from the ranked list of a person."""

    vacancy = forms.ModelChoiceField(queryset=None, widget=forms.HiddenInput)
    message = forms.CharField(
        label=_("Message to the person and the employer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = vacancies


class ConfirmForm(forms.Form):
    """A button with nothing to fill in."""


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give a reason.")},
    )


class InviteForm(forms.Form):
    interview_at = forms.DateTimeField(
        label=_("Interview date and time"),
        required=False,
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


class RejectForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=RejectionReason.choices)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class HireForm(forms.Form):
    hired_on = forms.DateField(
        label=_("Hired from"), widget=DATE_WIDGET, initial=timezone.localdate
    )


class ProposalFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status"))] + list(ProposalStatus.choices),
    )
