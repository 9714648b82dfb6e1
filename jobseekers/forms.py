"""Forms of the jobseekers app: shape of the input only; the services apply the rules."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from puls.forms import RadiosWithoutBlankMixin
from puls.reference import selectors as reference
from puls.reference.forms import CorEscoFormMixin, CorOccupationField, EscoForCorField
from puls.reference.models import County, EscoOccupation, Skill
from puls.validators import normalize_cnp, parse_cnp, validate_cnp

from . import models


class AutocompleteInput(forms.TextInput):
    """A text input whose suggestions come from a reference autocomplete endpoint (jobseekers.js
    fills the <datalist>); typing an exact label works without JavaScript too."""

    def __init__(self, url, attrs=None):
        self.url = url
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs.get('id', name)}-options"
        widget_attrs["data-autocomplete-url"] = str(self.url)
        widget_attrs["autocomplete"] = "off"
        return context

    def format_value(self, value):
        if isinstance(value, EscoOccupation | Skill):
            return value.label()
        if isinstance(value, int) or (
            isinstance(value, str) and value.isascii() and value.isdigit()
        ):
            concept = self.model.objects.filter(pk=value).first()
            return concept.label() if concept else ""
        return super().format_value(value)

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id', name)}-options"
        return html + format_html('<datalist id="{}"></datalist>', list_id)


class ConceptByLabelField(forms.ModelChoiceField):
    """Chooses an ESCO concept by its label, as typed or picked from the suggestions."""

    def __init__(self, *, model, search, url, **kwargs):
        self.search = search
        widget = AutocompleteInput(url)
        widget.model = model
        super().__init__(queryset=model.objects.all(), widget=widget, **kwargs)

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        candidates = list(self.search(text, language=get_language(), limit=20))
        exact = [
            c
            for c in candidates
            if text.casefold() in {c.label().casefold(), c.label("en").casefold()}
        ]
        if exact:
            return exact[0]
        if len(candidates) == 1:
            return candidates[0]
        raise ValidationError(
            _("Choose one of the suggestions: “%(text)s” does not name exactly one entry.")
            % {"text": text},
            code="invalid_choice",
        )


def skill_field(**kwargs):
    return ConceptByLabelField(
        model=Skill,
        search=reference.search_skills,
        url=reverse_lazy("reference:skill_autocomplete"),
        label=_("Competence"),
        **kwargs,
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


# --- Registration and identity --------------------------------------------------------------------


class RegistrationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    cnp = forms.CharField(
        label=_("CNP (personal numeric code)"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    birth_date = forms.DateField(
        label=_("Birth date"), widget=DateInput, help_text=_("It must agree with your CNP.")
    )
    county = forms.ModelChoiceField(
        label=_("County of residence"),
        queryset=County.objects.all(),
        help_text=_("It decides which county agency handles your file."),
    )
    locality = forms.CharField(label=_("Locality"), max_length=100)
    address = forms.CharField(label=_("Address (street, number)"), max_length=200)
    phone = forms.RegexField(
        label=_("Phone"),
        max_length=20,
        regex=r"^\+?[0-9 ]{9,16}$",
        error_messages={"invalid": _("Enter a phone number (digits only).")},
    )
    status = forms.ChoiceField(
        label=_("Your situation"), choices=models.LabourStatus.choices, widget=forms.RadioSelect
    )
    consent = forms.BooleanField(
        label=_(
            "I have read the information notice above and I agree to the processing of my "
            "personal data for employment services."
        ),
        error_messages={
            "required": _("You must agree to the processing of your data to register.")
        },
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean_cnp(self):
        cnp = normalize_cnp(self.cleaned_data["cnp"])
        self.cnp_info = parse_cnp(cnp)  # each failed rule raises its own message
        return cnp

    def clean(self):
        cleaned = super().clean()
        info = getattr(self, "cnp_info", None)
        birth_date = cleaned.get("birth_date")
        if info and birth_date and birth_date != info.birth_date:
            self.add_error(
                "birth_date", _("The birth date does not agree with the CNP. Check both.")
            )
        return cleaned


class IdentityForm(RadiosWithoutBlankMixin, forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    class Meta:
        model = models.JobseekerProfile
        fields = ["phone", "address", "county", "locality", "status"]
        widgets = {"status": forms.RadioSelect}


class VulnerabilityForm(forms.Form):
    groups = forms.MultipleChoiceField(
        label=_("Situations that apply to me"),
        required=False,
        choices=models.VulnerableGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )


# Said where the consent is asked (and on the dossier while it is not given): what is shared, with
# whom, what happens without it, and that it can be withdrawn.
SHARE_CONSENT_EXPLANATION = _(
    "When a counsellor of your agency proposes you for a vacancy and you accept the proposal, "
    "that employer sees your name, locality, competences, work experience, education, languages "
    "and driving licence categories; never your CNP, address, phone or e-mail. Without this "
    "consent counsellors cannot propose you for any vacancy. You can withdraw it at any time "
    "here; an employer whose proposal you already accepted still sees it with that proposal."
)


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = models.JobseekerProfile
        fields = [
            "wished_counties",
            "minimum_pay",
            "schedule",
            "willing_to_commute",
            "willing_to_relocate",
            "share_with_employers",
        ]
        widgets = {"wished_counties": forms.CheckboxSelectMultiple}
        labels = {"share_with_employers": _("I agree to share my profile with employers")}
        help_texts = {"share_with_employers": SHARE_CONSENT_EXPLANATION}


# --- Dossier sections -----------------------------------------------------------------------------


class EducationForm(forms.ModelForm):
    class Meta:
        model = models.Education
        fields = ["level", "field", "institution", "start_year", "end_year"]


class ExperienceForm(CorEscoFormMixin, forms.ModelForm):
    """The occupation is picked in the COR (Romanian); the ESCO one is derived from it."""

    cor_occupation = CorOccupationField(required=True)
    occupation = EscoForCorField()

    class Meta:
        model = models.Experience
        fields = [
            "cor_occupation",
            "occupation",
            "employer_name",
            "start_date",
            "end_date",
            "description",
        ]
        widgets = {
            "start_date": DateInput,
            "end_date": DateInput,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_occupation_fields(self.instance.cor_occupation if self.instance.pk else None)

    def clean(self):
        cleaned_data = super().clean()
        self.clean_occupations(cleaned_data)
        return cleaned_data


class SkillForm(RadiosWithoutBlankMixin, forms.ModelForm):
    skill = skill_field()

    class Meta:
        model = models.SkillAssessment
        fields = ["skill", "level"]
        widgets = {"level": forms.RadioSelect}


class LanguageForm(forms.ModelForm):
    class Meta:
        model = models.LanguageSkill
        fields = ["language", "level", "mother_tongue"]


class LicenceForm(forms.ModelForm):
    class Meta:
        model = models.DrivingLicenceCategory
        fields = ["category"]


class WishedOccupationForm(CorEscoFormMixin, forms.Form):
    cor_occupation = CorOccupationField(
        help_text=_(
            "An occupation you would like to work in: type part of the name, with or without "
            "diacritics, or the 6-digit code."
        )
    )
    occupation = EscoForCorField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setup_occupation_fields(None)

    def clean(self):
        cleaned_data = super().clean()
        self.clean_occupations(cleaned_data)
        return cleaned_data


class DossierDocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of document"), choices=models.DocumentKind.choices)
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"))


class ReviewForm(forms.Form):
    review_status = forms.ChoiceField(
        choices=[
            (models.ReviewStatus.ACCEPTED, _("Accept")),
            (models.ReviewStatus.REJECTED, _("Reject")),
        ]
    )


# --- Appointments ---------------------------------------------------------------------------------


class DayChoiceForm(forms.Form):
    """A month of the appointments calendar (``luna``, YYYY-MM) and a day (``zi``) whose free
    times are listed: moving an appointment asks only these (its purpose stays)."""

    luna = forms.RegexField(
        regex=r"^[0-9]{4}-(0[1-9]|1[0-2])$",
        required=False,
        error_messages={"invalid": _("Choose a month from the calendar.")},
    )
    zi = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Choose a day from the calendar.")},
    )

    def month(self):
        """The month asked (the day's, when a day is asked), or None."""
        if self.cleaned_data.get("zi"):
            return self.cleaned_data["zi"].replace(day=1)
        if self.cleaned_data.get("luna"):
            year, month = self.cleaned_data["luna"].split("-")
            return datetime.date(int(year), int(month), 1)
        return None


class PurposeForm(DayChoiceForm):
    """The booking page's choice: a purpose, then a month and a day of the calendar."""

    purpose = forms.ChoiceField(label=_("Purpose of the meeting"), choices=models.Purpose.choices)
    field_order = ["purpose", "luna", "zi"]


class AttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        label=_("Attendance"),
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        choices=[("yes", _("Came")), ("no", _("Did not come"))],
    )
    note = forms.CharField(
        label=_("Short note"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AvailabilityForm(forms.ModelForm):
    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors
        if counsellors.count() == 1:
            self.fields["counsellor"].initial = counsellors.first()
        self.fields["counsellor"].label_from_instance = lambda user: (
            user.get_full_name() or user.email
        )

    class Meta:
        model = models.Availability
        fields = [
            "counsellor",
            "weekday",
            "start_time",
            "end_time",
            "slot_minutes",
            "purpose",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "valid_from": DateInput,
            "valid_until": DateInput,
        }


class AbsenceForm(forms.ModelForm):
    def __init__(self, *args, counsellors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counsellor"].queryset = counsellors
        if counsellors.count() == 1:
            self.fields["counsellor"].initial = counsellors.first()

    class Meta:
        model = models.AvailabilityException
        fields = ["counsellor", "start_date", "end_date", "reason"]
        widgets = {"start_date": DateInput, "end_date": DateInput}


class ClosureForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that my personal data and documents will be deleted once a "
            "counsellor confirms."
        )
    )


class JobSearchForm(forms.Form):
    q = forms.CharField(label=_("What"), required=False, max_length=200)
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.all(),
        required=False,
        empty_label=_("All counties"),
    )


class CnpSearchForm(forms.Form):
    cnp = forms.CharField(
        label=_("CNP"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_cnp(self):
        cnp = normalize_cnp(self.cleaned_data["cnp"])
        validate_cnp(cnp)
        return cnp


class SavedSearchForm(forms.ModelForm):
    """The name and the alert frequency of a saved job search (its criteria are the search
    form's). Saving from the search page, the name may stay empty: one is made of the criteria."""

    class Meta:
        model = models.SavedSearch
        fields = ["name", "frequency"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {"name": _("Name of the search"), "frequency": _("E-mail me the new offers")}

    def __init__(self, *args, name_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = name_required
        self.fields["frequency"].choices = models.AlertFrequency.choices
