"""Forms of staff training: the shape of the input; the rules are the models' and the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from puls.documents.forms import DocumentFileField
from puls.documents.models import AcceptedType, detect_content_type
from puls.reference.models import Agency

from .models import Evaluation, Programme, TrainingSession
from .services import PROGRAMME_FIELDS, SESSION_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCORES = [(score, str(score)) for score in range(1, 6)]


class ProgrammeForm(forms.ModelForm):
    curriculum_file = DocumentFileField(
        label=_("Curriculum (PDF)"),
        required=False,
        help_text=_("A PDF of the curriculum; a new one replaces the one attached."),
    )

    class Meta:
        model = Programme
        fields = PROGRAMME_FIELDS
        widgets = {
            "authorisation_date": DATE_INPUT,
            "curriculum": forms.Textarea(attrs={"rows": 8}),
            "curriculum_en": forms.Textarea(attrs={"rows": 8}),
        }

    def clean_curriculum_file(self):
        file = self.cleaned_data.get("curriculum_file")
        if file and detect_content_type(file) != AcceptedType.PDF:
            raise forms.ValidationError(_("The curriculum must be a PDF file."))
        return file

    def _post_clean(self):
        # The model's rules run once, in programme_save, which knows whether a PDF came with the
        # form (a curriculum may be only the attached PDF); its refusals come back on the fields.
        pass


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = SESSION_FIELDS
        widgets = {"start_date": DATE_INPUT, "end_date": DATE_INPUT}

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class EnrolForm(forms.Form):
    trainee = forms.ModelChoiceField(label=_("Member of staff"), queryset=None)

    def __init__(self, *args, staff, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainee"].queryset = staff
        self.fields["trainee"].label_from_instance = lambda user: (
            f"{user.get_full_name() or user.email} · {user.get_role_display()}"
            + (f" · {user.agency}" if user.agency_id else "")
        )


class RecordForm(forms.Form):
    attended = forms.TypedChoiceField(
        label=_("Attendance"),
        choices=[("1", _("Attended")), ("0", _("Absent"))],
        coerce=lambda value: value == "1",
    )
    exam_score = forms.DecimalField(
        label=_("Exam score (0–100)"),
        required=False,
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    exam_passed = forms.TypedChoiceField(
        label=_("Exam"),
        required=False,
        choices=[("", "—"), ("1", _("Passed")), ("0", _("Not passed"))],
        coerce=lambda value: value == "1",
        empty_value=None,
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [*Evaluation.QUESTIONS, "comment"]
        widgets = {
            **{question: forms.RadioSelect(choices=SCORES) for question in Evaluation.QUESTIONS},
            "comment": forms.Textarea(attrs={"rows": 3}),
        }


class ExportScopeForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=Agency.objects.all(), required=False)
