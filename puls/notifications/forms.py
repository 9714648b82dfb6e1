"""The person's notification preferences."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the e-mails PULS sends you"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("Whoever acts on your file, the e-mails you receive are in this language."),
    )
