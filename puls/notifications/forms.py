"""The person's notification preferences."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import MANDATORY_KINDS, NotificationKind

OPTIONAL_KINDS = [
    (kind.value, kind.label) for kind in NotificationKind if kind not in MANDATORY_KINDS
]


class PreferencesForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the e-mails PULS sends you"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("Whoever acts on your file, the e-mails you receive are in this language."),
    )
    email_kinds = forms.MultipleChoiceField(
        label=_("Also send me by e-mail"),
        choices=OPTIONAL_KINDS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Every notice is in your Notifications page in PULS, whatever you choose here."
        ),
    )
    digest = forms.BooleanField(
        label=_("Send them as one e-mail a day (a digest) instead of one e-mail each"),
        required=False,
    )
