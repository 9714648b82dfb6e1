"""Forms of the employers app: the shape of the input; rules live in models and services."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from puls.collation import RomanianOrder
from puls.documents.forms import DocumentFileField
from puls.forms import ModelMultipleChoiceField
from puls.reference.choices import CEFRLevel, DrivingLicence, Language
from puls.reference.forms import CorOccupationField, CorOccupationInput
from puls.reference.models import County, Skill
from puls.validators import (
    normalize_cui,
    normalize_trade_register_number,
    validate_cui,
    validate_trade_register_number,
)

from . import trade_register
from .models import (
    Company,
    EligibleCategory,
    EmployerContact,
    SatisfactionResponse,
    Schedule,
    SubsidyApplication,
    Vacancy,
)

LANGUAGE_ROWS = 3
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CompanyForm(forms.ModelForm):
    """Registration of a company; the CUI's uniqueness is checked by the service, which answers
    without saying who holds it."""

    # Longer than the stored 10 digits: people type the RO prefix and spaces.
    cui = forms.CharField(
        label=_("CUI / CIF"),
        max_length=16,
        help_text=_("The fiscal code, with or without the RO prefix."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Company
        fields = [
            "cui",
            "trade_register_number",
            "name",
            "caen_code",
            "size_band",
            "address",
            "locality",
            "county",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {
            "caen_code": forms.TextInput(attrs={"inputmode": "numeric"}),
            "contact_phone": forms.TextInput(attrs={"type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional in the table (companies registered before it was asked), asked of everyone now.
        self.fields["size_band"].required = True

    def clean_cui(self):
        value = self.cleaned_data["cui"]
        validate_cui(value)
        return normalize_cui(value)

    def clean_trade_register_number(self):
        value = self.cleaned_data["trade_register_number"]
        validate_trade_register_number(value)
        return normalize_trade_register_number(value)

    def validate_unique(self):
        """Left to services.company_register (its message does not reveal the holder)."""


class AccessRequestForm(forms.Form):
    cui = forms.CharField(
        label=_("CUI / CIF of the company"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_cui(self):
        value = self.cleaned_data["cui"]
        validate_cui(value)
        return normalize_cui(value)


class CompanyEditForm(CompanyForm):
    cui = None  # the fiscal code identifies the company: it cannot be changed

    class Meta(CompanyForm.Meta):
        fields = [name for name in CompanyForm.Meta.fields if name != "cui"]


class TradeRegisterImportForm(forms.Form):
    file = forms.FileField(
        label=_("Trade-register statuses (CSV)"),
        help_text=_(
            "One company per line: CUI, status and date, under a first line naming the columns "
            "(CUI;stare;data). Separated by semicolons or commas, UTF-8 or Windows-1250, "
            "at most 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv,text/plain"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > trade_register.MAX_UPLOAD_BYTES:
            raise ValidationError(
                _(
                    "The file is larger than %(mb)d MB; split it by county or ask for the import "
                    "by command."
                )
                % {"mb": trade_register.MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class EmployerContactForm(forms.ModelForm):
    class Meta:
        model = EmployerContact
        fields = ["kind", "contacted_on", "outcome", "vacancies_obtained", "follow_up_on", "notes"]
        widgets = {
            "contacted_on": DATE_WIDGET,
            "follow_up_on": DATE_WIDGET,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "follow_up_on": _("It appears in your work queue from a week before."),
            "vacancies_obtained": _("Vacancies the employer promised or communicated."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacted_on"].initial = timezone.localdate()

    def validate_unique(self):
        """No unique rule; the model's clean() runs in the service."""


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class VacancyForm(forms.ModelForm):
    cor_occupation = CorOccupationField(
        widget=CorOccupationInput(datalist_id="cor-suggestions"),
        label=_("Occupation (COR)"),
        help_text=_(
            "Type the 6-digit COR code or part of the occupation's name (diacritics optional)."
        ),
    )
    driving_licences = forms.MultipleChoiceField(
        label=_("Driving-licence categories required"),
        choices=DrivingLicence.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Vacancy
        fields = list(Vacancy.EDITABLE_FIELDS)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "vacant_since": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
            "pay_min": forms.NumberInput(attrs={"inputmode": "decimal", "step": "1"}),
            "pay_max": forms.NumberInput(attrs={"inputmode": "decimal", "step": "1"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("vacant_since", "valid_until"):
            self.fields[name].required = True
        self.fields["county"].queryset = County.objects.order_by(RomanianOrder("name"))
        languages = list(self.instance.languages.all()) if self.instance.pk else []
        for index in range(1, LANGUAGE_ROWS + 1):
            row = languages[index - 1] if index <= len(languages) else None
            self.fields[f"language_{index}"] = forms.ChoiceField(
                label=_("Language %(n)d") % {"n": index},
                required=False,
                choices=[("", "—"), *Language.choices],
                initial=row.language if row else "",
            )
            self.fields[f"level_{index}"] = forms.ChoiceField(
                label=_("Minimum level %(n)d (CEFR)") % {"n": index},
                required=False,
                choices=[("", "—"), *CEFRLevel.choices],
                initial=row.level if row else "",
            )

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        if value and value < timezone.localdate():
            raise ValidationError(
                _("The date the offer stops being valid cannot be in the past."),
                code="valid_until_past",
            )
        return value

    def clean_vacant_since(self):
        value = self.cleaned_data["vacant_since"]
        if value and value > timezone.localdate():
            raise ValidationError(
                _(
                    "The post cannot become vacant in the future; enter the "
                    "vacancy once it is vacant."
                ),
                code="vacant_future",
            )
        return value

    def clean(self):
        cleaned = super().clean()
        languages = []
        for index in range(1, LANGUAGE_ROWS + 1):
            language, level = cleaned.get(f"language_{index}"), cleaned.get(f"level_{index}")
            if language and not level:
                self.add_error(f"level_{index}", _("Choose the minimum level for this language."))
            elif level and not language:
                self.add_error(f"language_{index}", _("Choose the language."))
            elif language:
                if language in dict(languages):
                    self.add_error(f"language_{index}", _("Each language is listed once."))
                languages.append((language, level))
        cleaned["languages"] = languages
        return cleaned

    def language_rows(self):
        return [(self[f"language_{i}"], self[f"level_{i}"]) for i in range(1, LANGUAGE_ROWS + 1)]

    def service_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class CompetencesForm(forms.Form):
    """The ESCO occupation and the competences: every skill shown on the page (``shown``) comes
    with its ``need-<pk>``: essential, optional or not needed (left out of the vacancy)."""

    NEEDS = ("essential", "optional", "none")

    esco_occupation = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Occupation (ESCO)")
    )
    shown = ModelMultipleChoiceField(queryset=Skill.objects.all(), required=False)

    def __init__(self, *args, esco_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        from puls.reference.models import EscoOccupation

        self.fields["esco_occupation"].queryset = EscoOccupation.objects.filter(
            pk__in=[occupation.pk for occupation in esco_choices]
        )
        self.esco_choices = esco_choices

    def clean(self):
        cleaned = super().clean()
        pairs = []
        for skill in cleaned.get("shown") or []:
            need = self.data.get(f"need-{skill.pk}", "none")
            if need not in self.NEEDS:
                raise ValidationError(
                    _("Mark %(skill)s as essential, optional or not needed.") % {"skill": skill}
                )
            if need != "none":
                pairs.append((skill, need == "essential"))
        cleaned["pairs"] = pairs
        return cleaned


class FillReportForm(forms.Form):
    posts_filled = forms.IntegerField(label=_("Posts filled"), min_value=1)
    filled_on = forms.DateField(label=_("Date of hiring"), widget=DATE_WIDGET)
    through_puls = forms.BooleanField(
        label=_("Filled with a candidate proposed through PULS"), required=False
    )


class SatisfactionForm(forms.ModelForm):
    SCORES = [(n, str(n)) for n in range(5, 0, -1)]

    overall = forms.TypedChoiceField(
        label=_(
            "How satisfied are you with the agency's service for this vacancy? (5 = very satisfied)"
        ),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    candidates = forms.TypedChoiceField(
        label=_("How suitable were the candidates proposed?"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    ease_of_use = forms.TypedChoiceField(
        label=_("How easy was PULS to use?"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    would_recommend = forms.TypedChoiceField(
        label=_("Would you ask the agency's help again?"),
        choices=[(True, _("Yes")), (False, _("No"))],
        coerce=lambda value: value in (True, "True"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SatisfactionResponse
        fields = ["overall", "candidates", "ease_of_use", "would_recommend", "comment"]
        widgets = {"comment": forms.Textarea(attrs={"rows": 3})}


class CompanyDocumentForm(forms.Form):
    title = forms.CharField(label=_("What the document is"), max_length=150)
    file = DocumentFileField(label=_("File"))


class DocumentTargetForm(forms.Form):
    """The company's vacancy a document is attached to (none: the company's general dossier)."""

    vacancy = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = vacancies


class CompanyChoiceForm(forms.Form):
    """Which of the user's companies a subsidy application is made for."""

    company = forms.ModelChoiceField(
        label=_("Company"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose one of your companies.")},
    )

    def __init__(self, *args, companies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies


class ChecklistDocumentForm(forms.Form):
    requirement = forms.ModelChoiceField(queryset=None, label=_("Required document"))
    file = DocumentFileField(label=_("File"))

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = application.programme.requirements.all()


class SubsidyApplicationForm(forms.ModelForm):
    class Meta:
        model = SubsidyApplication
        fields = ["category", "persons", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(EligibleCategory.choices)
        self.fields["category"].choices = [
            (code, labels[code]) for code in programme.eligible_categories if code in labels
        ]


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=200,
        required=False,
        help_text=_("Shown on the English pages; empty: the Romanian name."),
    )
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    eligible_categories = forms.MultipleChoiceField(
        label=_("Eligible categories of hired persons"),
        choices=EligibleCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    requirements = forms.CharField(
        label=_("Documents required (one per line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    requirements_en = forms.CharField(
        label=_("Documents required, in English (one per line, in the same order)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    is_open = forms.BooleanField(
        label=_("Open for applications"),
        required=False,
        help_text=_(
            "A programme opens only with its legal basis and its terms in force (amount and "
            "months paid)."
        ),
    )

    @staticmethod
    def _document_names(text):
        names = [line.strip() for line in text.splitlines() if line.strip()]
        if any(len(name) > 200 for name in names):
            raise ValidationError(_("Each document name has at most 200 characters."))
        return names

    def clean_requirements(self):
        return list(dict.fromkeys(self._document_names(self.cleaned_data["requirements"])))

    def clean_requirements_en(self):
        return self._document_names(self.cleaned_data["requirements_en"])

    def clean(self):
        cleaned = super().clean()
        romanian, english = cleaned.get("requirements"), cleaned.get("requirements_en")
        if romanian is not None and english and len(english) != len(romanian):
            self.add_error(
                "requirements_en",
                _(
                    "Write one English name for each document, in the same order "
                    "(%(expected)d lines), or leave this empty."
                )
                % {"expected": len(romanian)},
            )
        return cleaned


class TermsForm(forms.Form):
    """A programme's terms from a date on, as the law sets them."""

    amount = forms.DecimalField(
        label=_("Monthly amount per person (RON)"), min_value=0, max_digits=9, decimal_places=2
    )
    months_paid = forms.IntegerField(
        label=_("Months the amount is paid"), min_value=1, max_value=120
    )
    months_to_keep = forms.IntegerField(
        label=_("Months the employer must keep the person employed"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("Leave empty when the law sets no such obligation."),
    )
    effective_from = forms.DateField(label=_("In force from"), widget=DATE_WIDGET)
    note = forms.CharField(label=_("Source (the act that sets it)"), max_length=255, required=False)


# The highest monthly pay a search or a saved search may ask for (a typo guard, not a market cap).
PAY_SEARCH_LIMIT = 1_000_000
PAY_SEARCH_ERROR = _("Enter a monthly pay in lei between 0 and 1,000,000, in whole lei.")


class JobSearchForm(forms.Form):
    """The criteria of the job search, which a saved search keeps (``criteria()``)."""

    ORDER_CHOICES = [("relevance", _("Relevance")), ("date", _("Newest first"))]

    q = forms.CharField(label=_("What"), required=False, max_length=200)
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.order_by(RomanianOrder("name")),
        required=False,
        empty_label=_("All counties"),
        error_messages={
            "invalid_choice": _(
                "This county is not in the list: choose one of the 41 counties or Bucharest."
            )
        },
    )
    occupation = forms.CharField(
        label=_("Occupation (COR code)"),
        required=False,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    pay = forms.DecimalField(
        label=_("Pay at least (RON)"),
        required=False,
        min_value=0,
        max_value=PAY_SEARCH_LIMIT,
        max_digits=9,
        decimal_places=0,
        error_messages={
            key: PAY_SEARCH_ERROR
            for key in ("invalid", "min_value", "max_value", "max_digits", "max_decimal_places")
        },
    )
    schedule = forms.ChoiceField(
        label=_("Schedule"), required=False, choices=[("", _("Any schedule")), *Schedule.choices]
    )
    order = forms.ChoiceField(label=_("Sort by"), required=False, choices=ORDER_CHOICES)

    def clean_occupation(self):
        value = self.cleaned_data["occupation"].strip()
        if value and not (value.isascii() and value.isdigit()):
            raise ValidationError(_("Enter the first digits of a COR code."))
        return value

    def criteria(self) -> dict:
        """The valid form's filters as ``selectors.job_search`` takes them (without the order)."""
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "county": data["county"],
            "cor_code": data["occupation"],
            "pay_at_least": data["pay"],
            "schedule": data["schedule"],
        }
