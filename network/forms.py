"""Forms of the network: the shape of the input only; the rules live in models and services."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from puls.documents.forms import DocumentFileField

from .models import (
    Action,
    DiscussionGroup,
    JointProject,
    LibraryItem,
    Meeting,
    MemberEvent,
    Organisation,
    Representative,
    Scope,
)

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _url_field(model, name):
    field = model._meta.get_field(name)
    return forms.URLField(
        label=capfirst(field.verbose_name),
        required=False,
        max_length=field.max_length,
        assume_scheme="https",
    )


class OrganisationForm(forms.ModelForm):
    website = _url_field(Organisation, "website")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "county",
            "scope",
            "address",
            "email",
            "phone",
            "website",
            "activity",
            "commitments",
        ]
        widgets = {
            "activity": forms.Textarea(attrs={"rows": 3}),
            "commitments": forms.Textarea(attrs={"rows": 3}),
        }


class PublicProfileForm(forms.ModelForm):
    """What the public list of members shows of the organisation: its offer and chosen contacts."""

    class Meta:
        model = Organisation
        fields = ["public_offer", "publish_email", "publish_phone", "publish_website"]
        widgets = {"public_offer": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}


class RepresentativeForm(forms.ModelForm):
    class Meta:
        model = Representative
        fields = ["position", "network_role", "task", "phone"]
        widgets = {"task": forms.Textarea(attrs={"rows": 3})}


class AdhesionForm(forms.Form):
    agreement = DocumentFileField(
        label=_("Signed partnership agreement"),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm that I am authorised to represent this organisation and that, once "
            "it is approved, my PULS account becomes a partner-network account."
        ),
    )


class _ReplacedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("replaces %(name)s") % {"name": obj.user}


class NewRepresentativeForm(RepresentativeForm):
    replace = _ReplacedChoiceField(
        label=_("This person"),
        queryset=None,
        required=False,
        empty_label=_("is an additional representative"),
    )
    email = forms.EmailField(
        label=_("E-mail of the new representative's PULS account"),
        help_text=_("The person must first register on PULS with this address."),
    )
    reason = forms.CharField(label=_("Reason for the change"), max_length=255, required=False)

    field_order = ["replace", "email"]

    class Meta(RepresentativeForm.Meta):
        fields = ["email", *RepresentativeForm.Meta.fields]

    def __init__(self, *args, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replace"].queryset = current

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No PULS account has this e-mail address; ask the person to register first.")
            )
        self.cleaned_data["user"] = user
        return email


class DecisionReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class MeetingForm(forms.ModelForm):
    online_url = _url_field(Meeting, "online_url")

    class Meta:
        model = Meeting
        fields = [
            "title",
            "description",
            "scope",
            "county",
            "region",
            "starts_at",
            "ends_at",
            "location",
            "online_url",
        ]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
        }


class MemberEventForm(forms.ModelForm):
    class Meta:
        model = MemberEvent
        fields = ["title", "description", "starts_at", "ends_at", "place", "capacity"]
        widgets = {
            "starts_at": DATETIME_INPUT,
            "ends_at": DATETIME_INPUT,
            "description": forms.Textarea(attrs={"rows": 4, "maxlength": 4000}),
        }


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=200)
    presenter = forms.CharField(label=_("Presenter"), max_length=150, required=False)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600)


# A formset builds as many forms as its posted TOTAL_FORMS says, up to absolute_max (2,000 by
# default): each bound is what a real meeting needs, so a forged count gets an error at once instead
# of a page of 2,000 forms.
AgendaFormSet = forms.formset_factory(
    AgendaItemForm, extra=2, can_delete=True, max_num=40, absolute_max=40, validate_max=True
)


class AttachmentForm(forms.Form):
    file = DocumentFileField(label=_("Document"))


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("attend", _("I will attend")), ("decline", _("I will not attend"))]
    )


class MinutesForm(forms.Form):
    summary = forms.CharField(
        label=_("Opening and summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, minutes, **kwargs):
        super().__init__(*args, **kwargs)
        self.minutes = minutes
        for attendee in minutes.attendees.all():
            self.fields[f"present_{attendee.pk}"] = forms.BooleanField(
                label=f"{attendee.name} ({attendee.organisation_name})"
                if attendee.organisation_name
                else attendee.name,
                required=False,
                initial=attendee.present,
            )
        for discussion in minutes.discussions.select_related("agenda_item"):
            item = discussion.agenda_item
            self.fields[f"discussion_{item.pk}"] = forms.CharField(
                label=f"{item.position}. {item.title}",
                required=False,
                initial=discussion.text,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.fields["summary"].initial = minutes.summary

    def presence_fields(self):
        return [self[name] for name in self.fields if name.startswith("present_")]

    def discussion_fields(self):
        return [self[name] for name in self.fields if name.startswith("discussion_")]

    def presence(self):
        return {
            int(name.removeprefix("present_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("present_")
        }

    def discussions(self):
        return {
            int(name.removeprefix("discussion_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("discussion_")
        }


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class DecisionForm(forms.Form):
    text = forms.CharField(label=_("Decision"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=1000)
    owner = forms.CharField(label=_("Owner"), max_length=150)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_INPUT)
    status = forms.ChoiceField(
        label=_("Status"), choices=Action.Status.choices, initial=Action.Status.OPEN
    )


_MINUTES_ROWS = {"max_num": 100, "absolute_max": 100, "validate_max": True}
GuestFormSet = forms.formset_factory(GuestForm, extra=1, **_MINUTES_ROWS)
DecisionFormSet = forms.formset_factory(DecisionForm, extra=1, can_delete=True, **_MINUTES_ROWS)
ActionFormSet = forms.formset_factory(ActionForm, extra=1, can_delete=True, **_MINUTES_ROWS)


class LibraryItemForm(forms.ModelForm):
    file = DocumentFileField(label=_("File"), required=False)
    url = _url_field(LibraryItem, "url")
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, e.g. youth, IT, Cluj."),
    )

    class Meta:
        model = LibraryItem
        fields = ["title", "kind", "summary", "scope", "county", "region", "url"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("file")) == bool(cleaned.get("url")):
            raise forms.ValidationError(_("Share either a file or a link."))
        return cleaned


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *LibraryItem.Kind.choices]
    )
    scope = forms.ChoiceField(
        label=_("Scope"), required=False, choices=[("", _("All scopes")), *Scope.choices]
    )
    tag = forms.CharField(required=False, max_length=50, widget=forms.HiddenInput)


class GroupForm(forms.ModelForm):
    class Meta:
        model = DiscussionGroup
        fields = ["name", "description", "scope", "county", "region"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [
            (Scope.COUNTY, Scope.COUNTY.label),
            (Scope.REGIONAL, Scope.REGIONAL.label),
        ]


class JointProjectForm(forms.ModelForm):
    class Meta:
        model = JointProject
        fields = ["kind", "title", "description", "starts_on"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
            "starts_on": DATE_INPUT,
        }

    def clean_starts_on(self):
        starts_on = self.cleaned_data.get("starts_on")
        if starts_on and starts_on < timezone.localdate():
            raise forms.ValidationError(_("The planned start cannot be in the past."))
        return starts_on


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}))


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 3}))


class ProposalForm(forms.Form):
    text = forms.CharField(
        label=_("Your proposal for improving the network"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=80,
        help_text=_("What the token is for, e.g. the name of your system."),
    )
