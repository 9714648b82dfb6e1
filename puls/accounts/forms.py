"""Account forms: the sign-up form asks who is registering."""

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from puls.validators import validate_plain_text

from .models import Role


class SignupForm(forms.Form):
    """Extra fields of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    role = forms.ChoiceField(
        label=_("I am registering as"),
        choices=[
            (Role.JOBSEEKER, _("a person looking for a job")),
            (Role.EMPLOYER, _("the representative of an employer")),
        ],
        widget=forms.RadioSelect,
        initial=Role.JOBSEEKER,
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=150, validators=[validate_plain_text]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, validators=[validate_plain_text]
    )

    def signup(self, request, user):
        user.role = self.cleaned_data["role"]
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        # E-mails go out in the language the person registered in, until they change it.
        if translation.get_language() in dict(settings.LANGUAGES):
            user.language = translation.get_language()
        user.save(update_fields=["role", "first_name", "last_name", "language"])
