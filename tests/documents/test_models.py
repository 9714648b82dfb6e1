"""File names as people send them, made safe to keep and to send back."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from puls.documents.models import Document, sanitize_filename


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("cerere.pdf", "cerere.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\ana\\Desktop\\diplomă.PDF", "diplomă.PDF"),
        ("bad\x00na\nme\r\t.pdf", "badname.pdf"),
        ("factura\u202efdp.exe", "facturafdp.exe"),  # a right-to-left override hides ".exe"
        ('a"b;c<d>.pdf', "a_b_c_d_.pdf"),
        ("  spaced   out  .pdf ", "spaced out.pdf"),
        ("...", "document"),
        ("/", "document"),
        ("", "document"),
        (".pdf", "pdf"),
        ("x" * 300 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_sanitize_filename(raw, clean):
    assert sanitize_filename(raw) == clean


@given(st.text(max_size=400))
def test_sanitized_names_are_safe_and_stable(raw):
    name = sanitize_filename(raw)
    assert 0 < len(name) <= 150
    assert "/" not in name and "\\" not in name
    assert name not in {".", ".."}
    assert not any(unicodedata.category(c).startswith("C") for c in name)
    assert sanitize_filename(name) == name


def test_model_refuses_an_unsanitised_name(jobseeker_user):
    document = Document(owner=jobseeker_user, original_name="../x.pdf")
    with pytest.raises(ValidationError) as caught:
        document.clean()
    assert "original_name" in caught.value.message_dict
