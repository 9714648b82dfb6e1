"""Writes on documents: storing an upload, validated before anything touches the disk."""

import hashlib

from django.core.files.base import File
from django.db import transaction

from puls.accounts.models import User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_record

from .models import (
    Document,
    detect_content_type,
    document_file_path,
    sanitize_filename,
    validate_document_file,
)


def _sha256(uploaded_file: File) -> str:
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def document_create(*, owner: User, uploaded_file: File, kind: str = "") -> Document:
    """Store ``uploaded_file`` as a Document of ``owner``; raise ValidationError if it is refused.

    Type (from the bytes), size and name are validated before the file is written; if the row or
    its audit entry then cannot be saved, the written file is removed again. A caller's own
    transaction that rolls back after this returns leaves the file behind (Django has no
    on-rollback hook): call this last in such a transaction.
    """
    validate_document_file(uploaded_file)  # first, so that a refused file is not even hashed
    document = Document(
        owner=owner,
        original_name=sanitize_filename(uploaded_file.name),
        file=uploaded_file,
        content_type=detect_content_type(uploaded_file),
        size=uploaded_file.size,
        sha256=_sha256(uploaded_file),
        kind=kind,
    )
    document.full_clean()

    storage = document.file.storage
    path = document_file_path(document, uploaded_file.name)
    stored_name = None
    try:
        stored_name = storage.save(path, uploaded_file)
        document.file = stored_name
        with transaction.atomic():
            document.save(force_insert=True)
            audit_record(actor=owner, action=AuditEntry.Action.CREATE, target=document)
    except BaseException:
        # Also covers a write that failed half-way: FileSystemStorage leaves the partial file.
        storage.delete(stored_name or path)
        raise
    return document
