"""Sample files judged by content, and a private storage of its own for each test."""

import struct
import zlib

import pytest
from django.conf import settings
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile

from puls.documents.models import Document

# What the settings gave the file field when the app loaded, before any test swaps it.
CONFIGURED_STORAGE = Document._meta.get_field("file").storage
CONFIGURED_PRIVATE_ROOT = settings.PRIVATE_ROOT

PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(56)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(48)


def _png_chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


# A real 1×1 white PNG.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
    + _png_chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
    + _png_chunk(b"IEND", b"")
)


def upload(name, content, content_type="application/octet-stream"):
    """A file as a browser sends it; the browser's content type is deliberately meaningless."""
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path, monkeypatch):
    """Point the private storage at an empty folder of this test, as the settings would."""
    root = tmp_path / "private"
    settings.PRIVATE_ROOT = root
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": str(root)}},
    }
    # The model field took its storage when the app loaded; give it the one of these settings.
    monkeypatch.setattr(Document._meta.get_field("file"), "storage", storages["private"])
    return root


@pytest.fixture
def stored_files(private_root):
    """The files currently in the private storage."""

    def files():
        return sorted(p for p in private_root.rglob("*") if p.is_file())

    return files
