"""Who may read a document: the owner, superusers, and whatever the registered rules add."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from puls.accounts.models import Role
from puls.documents import selectors
from puls.documents.selectors import documents_owned_by, documents_visible_to, register_access_rule
from puls.documents.services import document_create
from tests.accounts.factories import UserFactory

from .conftest import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_rules(monkeypatch):
    """Only the rules a test registers itself (domain apps register theirs at start-up)."""
    monkeypatch.setattr(selectors, "_access_rules", [])


@pytest.fixture
def documents(jobseeker_user, employer_user):
    return {
        "jobseeker": document_create(owner=jobseeker_user, uploaded_file=upload("cv.pdf", PDF)),
        "employer": document_create(owner=employer_user, uploaded_file=upload("cui.pdf", PDF)),
    }


def test_owner_sees_own_documents_only(no_rules, documents, jobseeker_user):
    assert list(documents_visible_to(jobseeker_user)) == [documents["jobseeker"]]
    assert list(documents_owned_by(jobseeker_user)) == [documents["jobseeker"]]


def test_superuser_sees_all(no_rules, documents):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert set(documents_visible_to(superuser)) == set(documents.values())


def test_anonymous_sees_nothing(no_rules, documents):
    assert not documents_visible_to(AnonymousUser()).exists()


def test_registered_rules_are_ored(no_rules, documents, counsellor, jobseeker_user):
    @register_access_rule
    def counsellors_read_jobseekers(user):
        if user.role != Role.COUNSELLOR:
            return None
        return Q(owner__role=Role.JOBSEEKER)

    register_access_rule(counsellors_read_jobseekers)  # a second registration changes nothing
    assert selectors._access_rules == [counsellors_read_jobseekers]
    assert list(documents_visible_to(counsellor)) == [documents["jobseeker"]]
    # The rule grants nothing to others, and never takes away the owner's own documents.
    assert list(documents_visible_to(jobseeker_user)) == [documents["jobseeker"]]
    own = document_create(owner=counsellor, uploaded_file=upload("note.pdf", PDF))
    assert set(documents_visible_to(counsellor)) == {documents["jobseeker"], own}
