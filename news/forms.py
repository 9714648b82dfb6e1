"""Forms of the news: the shape of the input; the rules live in the models and services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from puls.documents.forms import DocumentFileField
from puls.reference.models import County

from .models import Announcement, Audience, Newsletter

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class _CountyScoped:
    """An agency administrator writes for their county: the field is fixed to it."""

    def __init__(self, *args, county_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["county"]
        field.empty_label = _("The whole country")
        if county_id is not None:
            field.queryset = County.objects.filter(pk=county_id)
            field.initial = county_id
            field.required = True
            field.empty_label = None
            field.help_text = _("You write for your agency's county.")


class AnnouncementForm(_CountyScoped, forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["title", "title_en", "body", "body_en", "audience", "county", "publish_on"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 10}),
            "publish_on": DATE_INPUT,
        }


class NewsletterForm(_CountyScoped, forms.ModelForm):
    brochure_file = DocumentFileField(
        label=_("Brochure (PDF)"),
        required=False,
        help_text=_("Optional: a PDF of at most 10 MB, linked from the e-mail and the archive."),
    )
    remove_brochure = forms.BooleanField(label=_("Remove the brochure"), required=False)

    class Meta:
        model = Newsletter
        fields = ["subject", "subject_en", "body", "body_en", "audience", "county"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brochure_file"].widget.attrs["accept"] = "application/pdf,.pdf"
        if not (self.instance and self.instance.brochure_id):
            del self.fields["remove_brochure"]


class NewsFilterForm(forms.Form):
    """The news page's filters; an invalid value is ignored, never an error page."""

    audience = forms.ChoiceField(
        label=_("For"),
        choices=[("", _("Everyone and every audience"))] + list(Audience.choices),
        required=False,
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.all(),
        required=False,
        empty_label=_("Every county"),
    )
    all = forms.BooleanField(
        label=_("Show all the news, not only what concerns me"), required=False
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    audience = forms.ChoiceField(
        label=_("I am interested in news for"),
        choices=Audience.choices,
        initial=Audience.EVERYONE,
    )
    county = forms.ModelChoiceField(
        label=_("County"),
        queryset=County.objects.all(),
        required=False,
        empty_label=_("Only the national newsletters"),
        help_text=_("Choose a county to also receive its agency's newsletters."),
    )
