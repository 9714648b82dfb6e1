"""The upload form refuses what the service refuses, as a form error."""

from django.utils import translation

from puls.documents.forms import DocumentUploadForm

from .conftest import ELF, PNG, upload


def test_a_bad_file_is_a_form_error():
    form = DocumentUploadForm(data={}, files={"file": upload("cv.pdf", ELF, "application/pdf")})
    assert not form.is_valid()
    assert form.errors.as_data()["file"][0].code == "unsupported_type"


def test_a_good_file_passes():
    form = DocumentUploadForm(data={"kind": "Diplomă"}, files={"file": upload("x.pdf", PNG)})
    assert form.is_valid(), form.errors


def test_help_text_follows_the_size_setting(settings):
    settings.PULS_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
    with translation.override("en"):
        assert "at most 5 MB" in str(DocumentUploadForm()["file"].help_text)
