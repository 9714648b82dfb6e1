"""Upload forms: the same checks as puls.documents.services, so a refused file is a form error."""

from django import forms
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AcceptedType, megabytes, validate_document_file


def _upload_help_text():
    return gettext("PDF, JPEG or PNG, at most %(limit)s MB.") % {
        "limit": megabytes(settings.PULS_DOCUMENT_MAX_BYTES)
    }


ACCEPT_HINT = ",".join([*AcceptedType.values, ".pdf", ".jpg", ".jpeg", ".png"])


class DocumentFileField(forms.FileField):
    """A file field that accepts what document_create accepts; other apps' forms reuse it."""

    default_validators = [validate_document_file]

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", lazy(_upload_help_text, str)())
        super().__init__(**kwargs)
        # A hint for the browser's file picker; the content is what is checked.
        self.widget.attrs.setdefault("accept", ACCEPT_HINT)


class DocumentUploadForm(forms.Form):
    file = DocumentFileField(label=_("File"))
    kind = forms.CharField(
        label=_("Description"),
        max_length=100,
        required=False,
        help_text=_("For example: identity card, diploma, employment record."),
    )
