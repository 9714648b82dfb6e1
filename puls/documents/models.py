"""Private documents: files people upload (PDF, JPEG, PNG), kept where no URL can reach them.

The file lives in the "private" storage (settings.STORAGES["private"], which has no URL), under a
random name; only puls.documents.views.document_download serves it, after a permission check.
"""

import os
import unicodedata
import uuid
from decimal import Decimal

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _


class AcceptedType(models.TextChoices):
    """The types we accept, as detected from the file's first bytes."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"


# The signature each type must start with; filetype is looser (a PDF after a byte-order mark,
# a PNG from its first four bytes), so its answer is confirmed against these.
_SIGNATURES = {
    AcceptedType.PDF: b"%PDF-",
    AcceptedType.JPEG: b"\xff\xd8\xff",
    AcceptedType.PNG: b"\x89PNG\r\n\x1a\n",
}
_EXTENSIONS: dict[str, str] = {
    AcceptedType.PDF: "pdf",
    AcceptedType.JPEG: "jpg",
    AcceptedType.PNG: "png",
}
# Extensions a file name may keep for each detected type.
_NAME_EXTENSIONS: dict[str, set[str]] = {
    AcceptedType.PDF: {"pdf"},
    AcceptedType.JPEG: {"jpg", "jpeg"},
    AcceptedType.PNG: {"png"},
}
_HEAD_BYTES = 8192
_MEGABYTE = 1024 * 1024
_NAME_MAX_LENGTH = 150
_EXTENSION_MAX_LENGTH = 10
# Not control characters, but unsafe in a file name on some system or in a header.
_UNSAFE_CHARACTERS = str.maketrans({c: "_" for c in '<>:"/\\|?*;'})


def private_storage():
    return storages["private"]


def document_file_path(instance, filename):
    """A random path that reveals nothing of the person or the original name."""
    token = uuid.uuid4().hex
    extension = _EXTENSIONS.get(instance.content_type, "bin")
    return f"documents/{token[:2]}/{token}.{extension}"


def sanitize_filename(name):
    """A file name safe to store and to send back in Content-Disposition.

    Keeps only the last path component, drops control and format characters (including
    right-to-left overrides that disguise an extension), replaces characters that are unsafe on
    some file systems, and shortens the stem so that the whole fits in 150 characters, keeping the
    extension.
    """
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = " ".join(name.translate(_UNSAFE_CHARACTERS).split()).strip(" .")
    stem, extension = os.path.splitext(name)
    if len(extension) > _EXTENSION_MAX_LENGTH:
        stem, extension = name, ""
    stem = stem.strip(" .")[: _NAME_MAX_LENGTH - len(extension)].rstrip(" .")
    return f"{stem or 'document'}{extension}"


def megabytes(size):
    """A size in MB for people: 10, 0.5, localised."""
    text = f"{max(size / _MEGABYTE, 0.01):.2f}".rstrip("0").rstrip(".")
    return number_format(Decimal(text))


def detect_content_type(file):
    """The AcceptedType of a file judged by its first bytes, or None if it is none we accept."""
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    try:
        detected = AcceptedType(filetype.guess_mime(head))
    except ValueError:
        return None
    return detected if head.startswith(_SIGNATURES[detected]) else None


def validate_document_file(file):
    """Refuse an empty file, a file over settings.PULS_DOCUMENT_MAX_BYTES, or one whose content is
    not PDF, JPEG or PNG (whatever its name or the browser says)."""
    if not file.size:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.PULS_DOCUMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            _("The file is too large: the limit is %(limit)s MB."),
            code="too_large",
            params={"limit": megabytes(limit)},
        )
    if detect_content_type(file) is None:
        raise ValidationError(
            _(
                "Only PDF, JPEG and PNG files are accepted; the content of this file is none of "
                "them."
            ),
            code="unsupported_type",
        )


class Document(models.Model):
    """A file uploaded by a person. Who may read it: puls.documents.selectors."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="documents",
        db_index=False,  # the (owner, -uploaded_at) index serves these lookups
        verbose_name=_("owner"),
    )
    original_name = models.CharField(_("file name"), max_length=_NAME_MAX_LENGTH)
    file = models.FileField(
        _("file"),
        storage=private_storage,
        upload_to=document_file_path,
        max_length=255,
        validators=[validate_document_file],
    )
    content_type = models.CharField(_("type"), max_length=32, choices=AcceptedType.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    kind = models.CharField(_("description"), max_length=100, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["owner", "-uploaded_at"], name="document_owner_recent")]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=AcceptedType.values),
                name="document_accepted_content_type",
                violation_error_message=_("Only PDF, JPEG and PNG files are accepted."),
            ),
            models.CheckConstraint(
                condition=Q(size__gt=0),
                name="document_not_empty",
                violation_error_message=_("The file is empty."),
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def download_name(self):
        """The original name with the extension of the type detected at upload: ``x.exe``
        detected as PDF downloads as ``x.pdf``, so no program opens it as what it claimed."""
        stem, extension = os.path.splitext(self.original_name)
        if extension.lower().lstrip(".") in _NAME_EXTENSIONS[self.content_type]:
            return self.original_name
        return f"{stem or self.original_name}.{_EXTENSIONS[self.content_type]}"

    def clean(self):
        if self.original_name != sanitize_filename(self.original_name):
            raise ValidationError(
                {"original_name": _("The file name contains characters that are not allowed.")},
                code="unsafe_name",
            )


@receiver(post_delete, sender=Document, dispatch_uid="documents_delete_file")
def _delete_file_with_document(sender, instance, **kwargs):
    """The file goes when its row goes, however the row was deleted (cascade, queryset, admin),
    and only once the deletion is committed: a rolled-back delete keeps its file."""
    if instance.file.name:
        storage, name = instance.file.storage, instance.file.name
        transaction.on_commit(lambda: storage.delete(name))
