"""Filters of the dashboard and analyses, the report order, milestones, the satisfaction
questionnaires, and the answer page and report filter of questionnaires defined as data."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.collation import RomanianOrder
from puls.reference.models import County
from puls.translated import in_active_language

from . import selectors
from .models import (
    EmployerSubsidySatisfaction,
    JobseekerSatisfaction,
    Milestone,
    ReportKind,
    Series,
)


class ScopeForm(forms.Form):
    """Period and scope; the agency choices are the ones the user may see."""

    agency = forms.ModelChoiceField(
        label=_("Agency"), queryset=None, required=False, empty_label=_("National (all agencies)")
    )
    period_start = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    period_end = forms.DateField(
        label=_("To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["agency"].queryset = selectors.agencies_visible_to(user)
        if not user.has_national_scope:  # an agency admin's scope is their agency, always
            self.fields["agency"].empty_label = None
            self.fields["agency"].initial = user.agency_id

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["period_end"] = data.get("period_end") or today
        data["period_start"] = data.get("period_start") or datetime.date(
            today.year - 1, today.month, 1
        )
        if data["period_end"] < data["period_start"]:
            raise forms.ValidationError(_("The end of the period must not be before its start."))
        if not self.user.has_national_scope and not data.get("agency"):
            data["agency"] = self.fields["agency"].queryset.first()
        return data


class VacancyAnalysisForm(ScopeForm):
    group = forms.ChoiceField(
        label=_("Rows"),
        required=False,
        choices=[
            ("isco", _("ISCO-08 group")),
            ("esco", _("ESCO occupation")),
            ("county", _("County")),
            ("month", _("Month")),
            ("size", _("Company size")),
        ],
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.order_by(RomanianOrder("name")),
        required=False,
        empty_label=_("All"),
    )
    isco_major = forms.RegexField(
        label=_("ISCO-08 code starts with"),
        regex=r"^[0-9]{1,4}$",
        required=False,
        max_length=4,
        error_messages={"invalid": _("Give 1 to 4 digits.")},
    )


class JobseekerAnalysisForm(ScopeForm):
    group = forms.ChoiceField(
        label=_("Rows"),
        required=False,
        choices=[
            ("status", _("Labour status")),
            ("level", _("Profile level")),
            ("education", _("Highest education")),
            ("age", _("Age band")),
            ("county", _("County")),
        ],
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.order_by(RomanianOrder("name")),
        required=False,
        empty_label=_("All"),
    )


class ForecastForm(forms.Form):
    series = forms.ChoiceField(label=_("Series"), choices=Series.choices, required=False)
    county = forms.ModelChoiceField(
        label=_("County"), queryset=None, required=False, empty_label=_("National")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = County.objects.filter(
            agency__in=selectors.agencies_visible_to(user)
        ).order_by(RomanianOrder("name"))
        if not user.has_national_scope:
            self.fields["county"].empty_label = None


class ReportOrderForm(ScopeForm):
    kind = forms.ChoiceField(
        label=_("Report"),
        choices=[c for c in ReportKind.choices if c[0] != ReportKind.NETWORK_ACTIVITY],
    )
    field_order = ["kind", "agency", "period_start", "period_end"]


class NetworkActivityForm(forms.Form):
    """The partner network's activity report covers the whole network: a period, no scope."""

    period_start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            raise forms.ValidationError(_("The end of the period must not be before its start."))
        return cleaned


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["indicator", "month", "target", "note"]


# bounded like the network's formsets: a forged TOTAL_FORMS is an error, not 2,000 forms
MilestoneFormSet = forms.inlineformset_factory(
    selectors.Programme,
    Milestone,
    form=MilestoneForm,
    extra=2,
    can_delete=True,
    max_num=120,
    absolute_max=120,
    validate_max=True,
)

SCORES = [(n, str(n)) for n in range(1, 6)]


def _score(label):
    """A question answered with a score from 1 to 5, one radio button each."""
    return forms.TypedChoiceField(label=label, choices=SCORES, coerce=int, widget=forms.RadioSelect)


class SatisfactionForm(forms.ModelForm):
    overall = _score(_("Overall, how satisfied are you? (1–5)"))
    helpfulness = _score(_("How useful was the help you received? (1–5)"))
    ease_of_use = _score(_("How easy was the platform to use? (1–5)"))

    class Meta:
        model = JobseekerSatisfaction
        fields = ["overall", "helpfulness", "ease_of_use", "would_recommend", "comment"]


class SubsidySatisfactionForm(forms.ModelForm):
    overall = _score(_("Overall, how satisfied are you? (1–5)"))
    clarity = _score(_("How clear were the procedure and the decision? (1–5)"))
    ease_of_use = _score(_("How easy was the platform to use? (1–5)"))

    class Meta:
        model = EmployerSubsidySatisfaction
        fields = ["overall", "clarity", "ease_of_use", "would_recommend", "comment"]


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class QuestionnaireForm(forms.Form):
    """The answer page of a questionnaire, one field per question, built from its definition.

    The form only gives the input its shape (the widgets, the options offered); whether an answer
    is required and right is the service's rule (``services.questionnaire_answer``), whose errors
    come back on the question's field."""

    def __init__(self, *args, questions, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if len(companies) > 1:
            self.fields["company"] = forms.ModelChoiceField(
                label=_("You answer for"), queryset=companies, required=False
            )
        self.only_company = companies[0] if len(companies) == 1 else None
        for question in questions:
            self.fields[question.field_name] = self._field(question)

    @staticmethod
    def _field(question):
        label = in_active_language(question.text, question.text_en)
        help_text = "" if question.required else _("Optional.")
        kind = question.Kind
        options = {"label": label, "help_text": help_text, "required": False}
        if question.kind == kind.SCALE:
            return forms.ChoiceField(
                choices=[(str(n), str(n)) for n in range(1, 6)],
                widget=forms.RadioSelect,
                **{**options, "help_text": _("1 = very little, 5 = very much.") + " " + help_text},
            )
        if question.kind == kind.YES_NO:
            return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **options)
        choices = [
            (str(option.pk), in_active_language(option.text, option.text_en))
            for option in question.options.all()
        ]
        if question.kind == kind.SINGLE:
            return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **options)
        if question.kind == kind.MULTIPLE:
            return forms.MultipleChoiceField(
                choices=choices, widget=forms.CheckboxSelectMultiple, **options
            )
        return forms.CharField(
            widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, strip=True, **options
        )

    def areas(self):
        """The questions' fields grouped by area, in order: (area name or "", [bound fields])."""
        groups: list[tuple[str, list]] = []
        for question in self.questions:
            area = in_active_language(question.area, question.area_en)
            if not groups or groups[-1][0] != area:
                groups.append((area, []))
            groups[-1][1].append(self[question.field_name])
        return groups

    def answers(self):
        return {q.field_name: self.cleaned_data.get(q.field_name) for q in self.questions}

    def chosen_company(self):
        return self.cleaned_data.get("company") or self.only_company


class QuestionnaireReportForm(ScopeForm):
    group = forms.ChoiceField(
        label=_("Rows"), required=False, choices=list(selectors.QUESTIONNAIRE_GROUPS.items())
    )

    def clean(self):
        data = super().clean()
        data["group"] = data.get("group") or "total"
        return data
