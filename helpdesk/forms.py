"""The help desk's forms: a new request, a message, a rating, the queue's filters, a proposal's
status, a frequently asked question."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puls.documents.forms import DocumentFileField
from puls.reference.models import County

from .models import (
    DESCRIPTION_MAX_LENGTH,
    PAGE_MAX_LENGTH,
    Category,
    FaqEntry,
    HelpRequest,
    Proposal,
    validate_local_path,
    validate_message_text,
)


def local_path_or_empty(value: str) -> str:
    """The page a request came from, kept only when it is a path of this site, without its query
    (which may carry a search or personal data), and never a private link of the help desk."""
    value = (value or "").strip().split("?", 1)[0].split("#", 1)[0][:PAGE_MAX_LENGTH]
    try:
        validate_local_path(value)
    except forms.ValidationError:
        return ""
    if value.startswith(reverse("helpdesk:track", args=["x"]).rsplit("x", 1)[0]):
        return ""
    return value


class MessageField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", DESCRIPTION_MAX_LENGTH)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        kwargs.setdefault("validators", [validate_message_text])
        super().__init__(**kwargs)


class HelpRequestForm(forms.Form):
    """A new request. Who asks decides the fields: no contact address for a signed-in person,
    no county when PULS knows theirs, no attachment without an account (a private document
    belongs to an account)."""

    category = forms.ChoiceField(label=_("What is it about?"), choices=Category.choices)
    description = MessageField(
        label=_("Your question or the problem"),
        help_text=_("What you wanted to do, what happened, and any message PULS showed."),
    )
    county = forms.ModelChoiceField(
        label=_("Your county"),
        queryset=County.objects.all(),
        required=False,
        help_text=_(
            "The agency of this county answers. Technical problems and suggestions go to the "
            "national team."
        ),
    )
    contact_email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send the answer and a private link to follow your request here."),
    )
    attachment = DocumentFileField(label=_("Attachment (optional)"), required=False)
    page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=PAGE_MAX_LENGTH)

    def __init__(self, *args, signed_in: bool, county_known: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["contact_email"]
        else:
            del self.fields["attachment"]
        if county_known:
            del self.fields["county"]

    def clean_page(self):
        return local_path_or_empty(self.cleaned_data.get("page", ""))


class MessageForm(forms.Form):
    body = MessageField(label=_("Your message"))


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1: not at all, 5: completely."),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=[validate_message_text],
    )


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *HelpRequest.Status.choices],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Category"), choices=[("", _("All")), *Category.choices], required=False
    )


class ProposalFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Proposal.Status.choices], required=False
    )


class ProposalMoveForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"),
        choices=[c for c in Proposal.Status.choices if c[0] != Proposal.Status.NEW],
    )
    note = MessageField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Why, or what is planned: the national team reads it."),
    )


class FaqEntryForm(forms.ModelForm):
    class Meta:
        model = FaqEntry
        fields = ["audience", "question", "question_en", "answer", "answer_en", "order"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 6}),
            "answer_en": forms.Textarea(attrs={"rows": 6}),
        }
