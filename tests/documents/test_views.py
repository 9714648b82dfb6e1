"""My documents, upload and private download: who gets what, and what the download sends."""

import logging
from pathlib import Path

import pytest
from django.urls import reverse

from puls.audit.models import AuditEntry
from puls.audit.selectors import audit_trail_for
from puls.documents.models import Document
from puls.documents.services import document_create
from tests.accounts.factories import UserFactory

from .conftest import CONFIGURED_PRIVATE_ROOT, CONFIGURED_STORAGE, ELF, JPEG, PDF, PNG, upload

pytestmark = pytest.mark.django_db

LOGIN = "login"  # redirected to the sign-in page
MFA = "mfa"  # staff without a second factor: redirected to enrol one


@pytest.fixture
def owner():
    return UserFactory()


@pytest.fixture
def make_user(enrol_totp, owner):
    def make(kind):
        return {
            "anonymous": lambda: None,
            "owner": lambda: owner,
            "other jobseeker": lambda: UserFactory(),
            "employer": lambda: UserFactory(employer=True),
            "network member": lambda: UserFactory(network_member=True),
            "counsellor": lambda: enrol_totp(UserFactory(counsellor=True)),
            "counsellor without second factor": lambda: UserFactory(counsellor=True),
            "analyst": lambda: enrol_totp(UserFactory(analyst=True)),
            "superuser": lambda: enrol_totp(UserFactory(is_superuser=True, is_staff=True)),
        }[kind]()

    return make


@pytest.fixture
def document(owner):
    return document_create(owner=owner, uploaded_file=upload("cv.pdf", PDF), kind="CV")


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _assert_outcome(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    elif expected == MFA:
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", LOGIN),
        ("owner", 200),
        ("other jobseeker", 404),
        ("employer", 404),
        ("network member", 404),
        ("counsellor", 404),
        ("counsellor without second factor", MFA),
        ("analyst", 404),
        ("superuser", 200),
    ],
)
def test_download_permissions(client, make_user, document, kind, expected):
    response = _as(client, make_user(kind)).get(reverse("documents:download", args=[document.pk]))
    _assert_outcome(response, expected)
    downloads = AuditEntry.objects.filter(action=AuditEntry.Action.DOWNLOAD)
    assert downloads.exists() == (expected == 200)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", LOGIN),
        ("owner", 200),
        ("employer", 200),
        ("network member", 200),
        ("counsellor", 200),
        ("counsellor without second factor", MFA),
        ("superuser", 200),
    ],
)
def test_list_permissions(client, make_user, kind, expected):
    _assert_outcome(_as(client, make_user(kind)).get(reverse("documents:list")), expected)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", LOGIN),
        ("owner", 302),
        ("employer", 302),
        ("counsellor", 302),
        ("counsellor without second factor", MFA),
    ],
)
def test_upload_permissions(client, make_user, stored_files, kind, expected):
    user = make_user(kind)
    response = _as(client, user).post(
        reverse("documents:upload"), {"file": upload("a.pdf", PDF), "kind": ""}
    )
    _assert_outcome(response, expected)
    if expected == 302:
        assert response.url == reverse("documents:list")
        assert Document.objects.get().owner == user
    else:
        assert stored_files() == []
        assert not Document.objects.exists()


def test_upload_is_post_only(client, owner):
    client.force_login(owner)
    assert client.get(reverse("documents:upload")).status_code == 405


def test_download_sends_the_file_privately(client, owner, document):
    client.force_login(owner)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cv.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_download_sends_the_detected_type_and_its_extension(client, owner):
    document = document_create(owner=owner, uploaded_file=upload("diplomă.pdf", PNG))
    client.force_login(owner)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''diplom%C4%83.png"
    assert b"".join(response.streaming_content) == PNG


@pytest.mark.parametrize(
    ("name", "content", "downloaded"),
    [
        ("x.exe", PDF, "x.pdf"),
        ("scan.JPEG", JPEG, "scan.JPEG"),
        ("scan.jpg", JPEG, "scan.jpg"),
        ("poza", PNG, "poza.png"),
        ("raport.pdf.html", PDF, "raport.pdf.pdf"),
        ("cv.pdf", PDF, "cv.pdf"),
    ],
)
def test_a_download_keeps_the_extension_of_the_detected_type(
    client, owner, name, content, downloaded
):
    document = document_create(owner=owner, uploaded_file=upload(name, content))
    client.force_login(owner)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="{downloaded}"'


def test_download_is_audited(client, owner, document):
    client.force_login(owner)
    client.get(reverse("documents:download", args=[document.pk]), REMOTE_ADDR="192.0.2.7")
    entry = audit_trail_for(document).get(action=AuditEntry.Action.DOWNLOAD)
    assert entry.actor == owner
    assert entry.ip == "192.0.2.7"
    assert entry.path == reverse("documents:download", args=[document.pk])


def test_download_of_a_lost_file_is_404_and_logged(client, owner, document, caplog):
    Path(document.file.path).unlink()
    client.force_login(owner)
    with caplog.at_level(logging.ERROR, logger="puls.documents.views"):
        response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 404
    assert f"Document {document.pk} has no file" in caplog.text


def test_files_are_under_private_root_and_not_served_by_any_url(client, owner, document, settings):
    path = Path(document.file.path)
    assert path.is_relative_to(settings.PRIVATE_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT)
    client.force_login(owner)
    for prefix in (settings.MEDIA_URL, settings.STATIC_URL, "/"):
        assert client.get(prefix + document.file.name).status_code == 404
    with pytest.raises(ValueError, match="no URL"):
        document.file.url  # noqa: B018


def test_configured_private_storage_is_apart_from_media_and_static(settings):
    location = Path(CONFIGURED_STORAGE.location)
    assert location == Path(CONFIGURED_PRIVATE_ROOT)
    for public in (settings.MEDIA_ROOT, settings.STATIC_ROOT, *settings.STATICFILES_DIRS):
        assert not location.is_relative_to(public)
        assert not Path(public).is_relative_to(location)


def test_list_shows_own_documents_only(client, owner, document):
    document_create(owner=UserFactory(), uploaded_file=upload("strain.pdf", PDF))
    client.force_login(owner)
    response = client.get(reverse("documents:list"))
    content = response.content.decode()
    assert "cv.pdf" in content
    assert reverse("documents:download", args=[document.pk]) in content
    assert "strain.pdf" not in content


def test_list_empty_state(client, owner):
    client.force_login(owner)
    response = client.get(reverse("documents:list"))
    assert "You have not uploaded any documents yet." in response.content.decode()


def test_list_is_paginated_with_a_constant_number_of_queries(
    client, owner, django_assert_max_num_queries
):
    client.force_login(owner)
    document_create(owner=owner, uploaded_file=upload("a.pdf", PDF))
    # 5: session, user, the header's unread-notifications count, the page's count and rows.
    with django_assert_max_num_queries(5):
        client.get(reverse("documents:list"))
    for number in range(24):
        document_create(owner=owner, uploaded_file=upload(f"doc-{number}.pdf", PDF))
    with django_assert_max_num_queries(5):
        response = client.get(reverse("documents:list"))
    assert len(response.context["page_obj"]) == 20
    second = client.get(reverse("documents:list"), {"page": 2})
    assert len(second.context["page_obj"]) == 5


def test_upload_through_the_page(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("documents:upload"),
        {"file": upload("adeverinta.pdf", PDF), "kind": "Adeverință"},
        follow=True,
    )
    document = Document.objects.get()
    assert (document.owner, document.kind, document.original_name) == (
        owner,
        "Adeverință",
        "adeverinta.pdf",
    )
    assert "adeverinta.pdf" in response.content.decode()


def test_refused_upload_shows_the_reason_and_keeps_nothing(client, owner, stored_files):
    client.force_login(owner)
    response = client.post(
        reverse("documents:upload"), {"file": upload("cv.pdf", ELF, "application/pdf")}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert "Only PDF, JPEG and PNG files are accepted" in response.content.decode()
    assert stored_files() == []
    assert not Document.objects.exists()
