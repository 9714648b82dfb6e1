"""The audit trail: one cheap insert per action, the trail of an object, what a user did."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from puls.audit.models import AuditEntry
from puls.audit.selectors import audit_entries_by, audit_trail_for
from puls.audit.services import audit_record
from puls.http import client_ip
from puls.reference.models import Agency
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency():
    return Agency.objects.get(county_id="CJ")


def test_audit_record_stores_who_did_what_to_which_object(rf, counsellor, agency):
    request = rf.get("/dosar/7/?cnp=1630615123457", REMOTE_ADDR="192.0.2.10")
    entry = audit_record(
        actor=counsellor,
        action=AuditEntry.Action.VIEW,
        target=agency,
        ip=client_ip(request),
        path=request.path,
    )
    entry.refresh_from_db()
    assert entry.actor == counsellor
    assert entry.action == "view"
    assert entry.target_content_type == ContentType.objects.get_for_model(Agency)
    assert entry.target_object_id == str(agency.pk)
    assert entry.target_repr == str(agency)
    assert entry.ip == "192.0.2.10"
    assert entry.path == "/dosar/7/"  # never the query string
    assert timezone.now() - entry.at < datetime.timedelta(minutes=1)


def test_action_may_be_given_as_its_value(jobseeker_user, agency):
    assert audit_record(actor=jobseeker_user, action="download", target=agency).action == "download"
    with pytest.raises(ValueError):
        audit_record(actor=jobseeker_user, action="peek", target=agency)


def test_anonymous_and_system_actors_are_recorded_as_none(rf, agency):
    request = rf.get("/")
    request.user = AnonymousUser()
    assert audit_record(actor=request.user, action="view", target=agency).actor is None
    assert audit_record(actor=None, action="export", target=agency).actor is None


def test_an_action_without_a_target(jobseeker_user):
    entry = audit_record(actor=jobseeker_user, action=AuditEntry.Action.LOGIN)
    assert (entry.target_content_type, entry.target_object_id) == (None, "")


def test_target_must_be_saved(jobseeker_user):
    with pytest.raises(ValueError):
        audit_record(actor=jobseeker_user, action="view", target=Agency(name="Unsaved"))


def test_target_repr_never_holds_a_cnp(counsellor):
    person = UserFactory(first_name="1630615123457", last_name="Ionescu")
    entry = audit_record(actor=counsellor, action="view", target=person)
    assert "1630615123457" not in entry.target_repr
    assert "Ionescu" in entry.target_repr


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"REMOTE_ADDR": "2001:db8::1"}, "2001:db8::1"),
        ({"REMOTE_ADDR": "198.51.100.4", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}, "198.51.100.4"),
        ({"REMOTE_ADDR": "not-an-address"}, None),
        ({"REMOTE_ADDR": ""}, None),
    ],
)
def test_client_ip_is_remote_addr_only(rf, meta, expected):
    assert client_ip(rf.get("/", **meta)) == expected


def test_without_a_request_ip_and_path_stay_empty(jobseeker_user, agency):
    entry = audit_record(actor=jobseeker_user, action="view", target=agency)
    entry.refresh_from_db()
    assert (entry.ip, entry.path) == (None, "")


def test_audit_record_is_one_insert(counsellor, agency, django_assert_num_queries):
    ContentType.objects.get_for_model(agency)  # the cache is warm in any running process
    with django_assert_num_queries(1):
        audit_record(actor=counsellor, action="view", target=agency, ip="192.0.2.10", path="/d/7/")


def _entry_at(when, **kwargs):
    entry = audit_record(**kwargs)
    AuditEntry.objects.filter(pk=entry.pk).update(at=when)
    return entry


def test_trail_of_an_object_is_newest_first_and_only_that_object(
    counsellor, jobseeker_user, agency
):
    now = timezone.now()
    old = _entry_at(
        now - datetime.timedelta(days=2), actor=counsellor, action="view", target=agency
    )
    new = _entry_at(now, actor=jobseeker_user, action="update", target=agency)
    middle = _entry_at(now - datetime.timedelta(days=1), actor=None, action="view", target=agency)
    other_agency = Agency.objects.get(county_id="AB")
    audit_record(actor=counsellor, action="view", target=other_agency)
    # A user whose pk equals the agency's: the content type tells them apart.
    same_pk_user = UserFactory()
    AuditEntry.objects.create(
        actor=counsellor,
        action="view",
        target_content_type=ContentType.objects.get_for_model(same_pk_user),
        target_object_id=str(agency.pk),
    )

    assert list(audit_trail_for(agency)) == [new, middle, old]


def test_trail_loads_actors_in_the_same_query(counsellor, agency, django_assert_num_queries):
    for _ in range(3):
        audit_record(actor=counsellor, action="view", target=agency)
    ContentType.objects.get_for_model(agency)
    with django_assert_num_queries(1):
        assert [entry.actor.email for entry in audit_trail_for(agency)] == [counsellor.email] * 3


def test_entries_by_a_user(counsellor, jobseeker_user, agency):
    mine = [audit_record(actor=counsellor, action="view", target=agency) for _ in range(2)]
    audit_record(actor=jobseeker_user, action="view", target=agency)
    assert list(audit_entries_by(counsellor)) == mine[::-1]


def test_entries_survive_their_actor(counsellor, agency):
    entry = audit_record(actor=counsellor, action="view", target=agency)
    counsellor.delete()
    entry.refresh_from_db()
    assert entry.actor is None


def test_admin_is_read_only(rf, client):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    request = rf.get("/")
    request.user = superuser
    model_admin = admin.site._registry[AuditEntry]
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
    assert model_admin.has_view_permission(request)
