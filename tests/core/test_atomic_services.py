"""A service that writes several rows writes all of them or none: the audit entry of a change is
in the same transaction as the change, so a failure in either leaves nothing half-done."""

import ast
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jobseekers import services as jobseeker_services
from jobseekers.models import DossierDocument, ReviewStatus
from reports import services as report_services
from reports.models import ReportRun
from tests.accounts.factories import UserFactory
from tests.jobseekers.factories import JobseekerProfileFactory, counsellor_factory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ROOT = Path(__file__).resolve().parents[2]


class AuditStoreDown(Exception):
    pass


@pytest.mark.django_db
def test_document_review_is_not_kept_when_its_audit_entry_fails():
    profile = JobseekerProfileFactory()
    entry = jobseeker_services.dossier_document_add(
        profile=profile, uploaded_file=SimpleUploadedFile("cv.pdf", PDF_BYTES), kind="cv"
    )
    with (
        mock.patch.object(jobseeker_services, "audit_record", side_effect=AuditStoreDown),
        pytest.raises(AuditStoreDown),
    ):
        jobseeker_services.dossier_document_review(
            entry=entry, by=counsellor_factory("CJ"), review_status=ReviewStatus.ACCEPTED
        )
    assert DossierDocument.objects.get(pk=entry.pk).review_status == ReviewStatus.PENDING


@pytest.mark.django_db
def test_report_order_is_not_kept_when_its_audit_entry_fails():
    admin = UserFactory(agency_admin=True)
    with (
        mock.patch.object(report_services, "audit_record", side_effect=AuditStoreDown),
        pytest.raises(AuditStoreDown),
    ):
        report_services.report_request(
            by=admin,
            kind="jobseekers",
            agency=admin.agency,
            period_start="2026-01-01",
            period_end="2026-04-30",
        )
    assert not ReportRun.objects.exists()


WRITE_CALLS = {
    "save",
    "create",
    "update",
    "delete",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "add",
    "set",
    "remove",
    "audit_record",
    "email_queue",
    "document_create",
    "access_record",
}


def _writes(function):
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", "")
            if name in WRITE_CALLS:
                yield name


def _is_atomic(function):
    decorated = any("atomic" in ast.unparse(d) for d in function.decorator_list)
    return decorated or "transaction.atomic" in ast.unparse(function)


# Two write calls the scan counts, of which one runs: nothing to keep together.
SINGLE_WRITE = {"network/services.py group_follow"}


def test_every_public_service_writing_several_rows_is_atomic():
    """A scan of every services.py: a public service that makes two or more writes runs them in
    one transaction (private helpers are called from atomic services)."""
    offenders = []
    packages = [p for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name != "tests"]
    for path in sorted(path for package in packages for path in package.glob("**/services.py")):
        if "demo" in path.parts:  # seeding of demo data, run once by a command
            continue
        for node in ast.parse(path.read_text()).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            name = f"{path.relative_to(ROOT)} {node.name}"
            if name in SINGLE_WRITE:
                continue
            if len(list(_writes(node))) >= 2 and not _is_atomic(node):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert offenders == []
