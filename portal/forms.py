"""Forms of the role home pages: filters of pages that combine several apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from employers.models import Schedule
from puls.reference.models import County


class MatchFilterForm(forms.Form):
    """The filters of "Jobs that fit me": where the job is and its schedule."""

    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.all(),
        required=False,
        empty_label=_("All counties"),
    )
    schedule = forms.ChoiceField(
        label=_("Schedule"),
        choices=[("", _("Any schedule")), *Schedule.choices],
        required=False,
    )
