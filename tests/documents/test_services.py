"""Storing uploads: judged by content, limited in size, never leaving anything behind on refusal."""

import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from puls.audit.models import AuditEntry
from puls.audit.selectors import audit_trail_for
from puls.documents import services
from puls.documents.models import Document
from puls.documents.services import document_create

from .conftest import ELF, EXE, JPEG, PDF, PNG, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("cerere.pdf", PDF, "application/pdf"),
        ("scan.png", PDF, "application/pdf"),  # a PDF renamed .png is still a PDF
        ("poza.pdf", PNG, "image/png"),  # a PNG renamed .pdf is still a PNG
        ("buletin", JPEG, "image/jpeg"),  # no extension at all
    ],
)
def test_type_is_judged_by_content(jobseeker_user, stored_files, name, content, content_type):
    document = document_create(
        owner=jobseeker_user, uploaded_file=upload(name, content, "text/html")
    )
    document.refresh_from_db()
    assert document.content_type == content_type
    assert document.original_name == name
    assert document.size == len(content)
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.owner == jobseeker_user
    assert stored_files() == [Path(document.file.path)]
    assert Path(document.file.path).read_bytes() == content


def test_stored_path_is_random_and_private(jobseeker_user, settings):
    document = document_create(
        owner=jobseeker_user, uploaded_file=upload("Popescu Ana - CNP.pdf", PDF)
    )
    path = Path(document.file.path)
    assert path.is_relative_to(settings.PRIVATE_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    assert "Popescu" not in document.file.name
    assert document.file.name.endswith(".pdf")
    other = document_create(
        owner=jobseeker_user, uploaded_file=upload("Popescu Ana - CNP.pdf", PDF)
    )
    assert other.file.name != document.file.name


def test_kind_is_kept(jobseeker_user):
    document = document_create(
        owner=jobseeker_user, uploaded_file=upload("a.pdf", PDF), kind="Diplomă de licență"
    )
    assert document.kind == "Diplomă de licență"


def test_creation_is_audited(jobseeker_user):
    document = document_create(owner=jobseeker_user, uploaded_file=upload("a.pdf", PDF))
    [entry] = audit_trail_for(document)
    assert (entry.actor, entry.action) == (jobseeker_user, AuditEntry.Action.CREATE)


@pytest.mark.parametrize(
    ("name", "content", "code", "message_words"),
    [
        ("program.pdf", ELF, "unsupported_type", "Only PDF, JPEG and PNG"),
        ("setup.pdf", EXE, "unsupported_type", "Only PDF, JPEG and PNG"),
        ("pagina.pdf", b"<html><script>alert(1)</script></html>", "unsupported_type", "Only PDF"),
        ("bom.pdf", b"\xef\xbb\xbf" + PDF, "unsupported_type", "Only PDF"),  # filetype says PDF
        ("gol.pdf", b"", "empty", "empty"),
    ],
)
def test_refused_upload_leaves_nothing(
    jobseeker_user, stored_files, name, content, code, message_words
):
    with pytest.raises(ValidationError) as caught:
        document_create(
            owner=jobseeker_user, uploaded_file=upload(name, content, "application/pdf")
        )
    assert caught.value.code == code
    assert message_words in caught.value.messages[0]
    assert stored_files() == []
    assert not Document.objects.exists()
    assert not AuditEntry.objects.exists()


def test_oversized_upload_is_refused_with_the_limit_in_mb(jobseeker_user, stored_files, settings):
    settings.PULS_DOCUMENT_MAX_BYTES = 512 * 1024
    big = PDF + bytes(settings.PULS_DOCUMENT_MAX_BYTES)
    with pytest.raises(ValidationError) as caught, translation.override("en"):
        document_create(owner=jobseeker_user, uploaded_file=upload("mare.pdf", big))
    assert caught.value.code == "too_large"
    assert "the limit is 0.5 MB" in caught.value.messages[0]
    assert stored_files() == []
    assert not Document.objects.exists()


def test_file_exactly_at_the_limit_is_accepted(jobseeker_user, settings):
    settings.PULS_DOCUMENT_MAX_BYTES = 1024 * 1024
    content = PDF + bytes(settings.PULS_DOCUMENT_MAX_BYTES - len(PDF))
    assert document_create(owner=jobseeker_user, uploaded_file=upload("a.pdf", content)).pk


def test_file_written_is_removed_when_the_row_cannot_be_saved(
    jobseeker_user, stored_files, monkeypatch
):
    def failing_audit(**kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(services, "audit_record", failing_audit)
    with pytest.raises(IntegrityError):
        document_create(owner=jobseeker_user, uploaded_file=upload("a.pdf", PDF))
    assert stored_files() == []
    assert not Document.objects.exists()


def test_deleting_a_document_deletes_its_file(
    jobseeker_user, stored_files, django_capture_on_commit_callbacks
):
    document = document_create(owner=jobseeker_user, uploaded_file=upload("a.pdf", PDF))
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert stored_files() == []


def test_deleting_documents_in_bulk_deletes_their_files(
    jobseeker_user, stored_files, django_capture_on_commit_callbacks
):
    for name in ("a.pdf", "b.png"):
        document_create(owner=jobseeker_user, uploaded_file=upload(name, PDF))
    with django_capture_on_commit_callbacks(execute=True):
        Document.objects.all().delete()
    assert stored_files() == []


def test_a_rolled_back_delete_keeps_the_file(
    jobseeker_user, stored_files, django_capture_on_commit_callbacks
):
    document = document_create(owner=jobseeker_user, uploaded_file=upload("a.pdf", PDF))
    pk, path = document.pk, Path(document.file.path)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            document.delete()
            raise RuntimeError("roll back")
    assert callbacks == []
    assert Document.objects.filter(pk=pk).exists()
    assert stored_files() == [path]
