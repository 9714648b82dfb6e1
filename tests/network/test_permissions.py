"""Every network page, opened by every kind of user: who gets in, who is refused."""

from datetime import date

import icalendar
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from network import services
from reports.models import ReportRun
from tests.accounts.factories import UserFactory

from .factories import (
    LibraryItemFactory,
    MeetingFactory,
    RepresentativeFactory,
    ThreadFactory,
)

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    "jobseeker",
    "employer",
    "counsellor",
    "agency_admin",
    "analyst",
    "member",
    "removed_member",
]
STAFF = {
    "counsellor": {"counsellor": True},
    "agency_admin": {"agency_admin": True},
    "analyst": {"analyst": True},
}
READERS = {"counsellor", "agency_admin", "analyst", "member"}
MANAGERS = {"agency_admin", "analyst"}
MEMBERS = {"member"}
PARTICIPANTS = {"agency_admin", "analyst", "member"}


@pytest.fixture
def world(enrol_totp):
    admin = enrol_totp(UserFactory(agency_admin=True))
    representative = RepresentativeFactory()
    removed = RepresentativeFactory()
    services.organisation_remove(organisation=removed.organisation, by=admin, reason="x")
    meeting = MeetingFactory(published=True, organiser=admin)
    past = MeetingFactory(past=True, organiser=admin)
    thread = ThreadFactory()
    report = ReportRun.objects.create(
        kind="network_activity",
        requested_by=admin,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        status=ReportRun.Status.DONE,
        progress=100,
    )
    report.pdf.save("activity.pdf", ContentFile(b"%PDF-1.4 activity"))
    token, _raw = services.api_token_create(user=representative.user, name="x")
    return {
        "users": {
            "jobseeker": UserFactory(),
            "employer": UserFactory(employer=True),
            "counsellor": enrol_totp(UserFactory(counsellor=True)),
            "agency_admin": admin,
            "analyst": enrol_totp(UserFactory(analyst=True)),
            "member": representative.user,
            "removed_member": removed.user,
        },
        "organisation": representative.organisation,
        "meeting": meeting,
        "past": past,
        "item": LibraryItemFactory(),
        "group": thread.group,
        "thread": thread,
        "report": report,
        "token": token,
    }


# (url name, args from the world, who gets in, status for those who do)
GET_PAGES = [
    ("network:overview", [], READERS, 200),
    ("network:directory", [], READERS, 200),
    ("network:meeting_list", [], READERS, 200),
    ("network:meeting_detail", ["meeting"], READERS, 200),
    ("network:meeting_calendar", ["meeting"], READERS, 200),
    ("network:library", [], READERS, 200),
    ("network:library_open", ["item"], READERS, 302),
    ("network:library_share", [], PARTICIPANTS, 200),
    ("network:group_list", [], READERS, 200),
    ("network:group_detail", ["group"], READERS, 200),
    ("network:thread_detail", ["thread"], READERS, 200),
    ("network:reports", [], READERS, 200),
    ("network:report_progress", ["report"], READERS, 200),
    ("network:report_download", ["report"], READERS, 200),
    ("network:organisation_list", [], MANAGERS, 200),
    ("network:organisation_detail", ["organisation"], MANAGERS, 200),
    ("network:meeting_create", [], MANAGERS, 200),
    ("network:meeting_edit", ["meeting"], MANAGERS, 200),
    ("network:minutes_edit", ["past"], MANAGERS, 200),
    ("network:group_create", [], MANAGERS, 200),
    ("network:my_organisation", [], MEMBERS, 200),
    ("network:api_tokens", [], MEMBERS, 200),
    ("network:dashboard", [], {"member", "removed_member"}, 200),
    ("network:adhesion", [], {"jobseeker", "employer", "removed_member", "member"}, None),
]


def _url(world, name, args):
    return reverse(name, args=[world[arg].pk for arg in args])


def _login(client, world, kind):
    if kind != "anonymous":
        client.force_login(world["users"][kind])


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("name", "args", "allowed", "status"), GET_PAGES, ids=[page[0] for page in GET_PAGES]
)
def test_who_may_open_each_page(client, world, kind, name, args, allowed, status):
    _login(client, world, kind)
    response = client.get(_url(world, name, args))
    if kind == "anonymous":
        assert response.status_code == 302 and "/cont/login/" in response.url
    elif kind in allowed:
        expected = status or (302 if kind == "member" else 200)
        assert response.status_code == expected
    else:
        assert response.status_code == 403


# (url name, args, who gets in); those let in are redirected after the action.
POST_ACTIONS = [
    ("network:meeting_rsvp", ["meeting"], MEMBERS, {"answer": "attend"}),
    ("network:proposal_create", [], MEMBERS, {"text": "Mai multe întâlniri online."}),
    ("network:meeting_attach", ["meeting"], MANAGERS, {}),
    ("network:minutes_approve", ["past"], MANAGERS, {}),
    ("network:group_follow", ["group"], READERS, {"follow": "1"}),
    ("network:thread_create", ["group"], PARTICIPANTS, {"title": "Subiect", "body": "Text"}),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    ("name", "args", "allowed", "data"), POST_ACTIONS, ids=[action[0] for action in POST_ACTIONS]
)
def test_who_may_act(client, world, kind, name, args, allowed, data):
    _login(client, world, kind)
    response = client.post(_url(world, name, args), data)
    if kind == "anonymous":
        assert response.status_code == 302 and "/cont/login/" in response.url
    elif kind in allowed:
        assert response.status_code in (302, 404)  # 404: minutes not started for approve
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("kind", ["counsellor", "agency_admin", "analyst"])
def test_staff_cannot_answer_or_reply_as_counsellors(client, world, kind):
    _login(client, world, kind)
    response = client.post(
        reverse("network:thread_detail", args=[world["thread"].pk]), {"body": "Răspuns"}
    )
    assert response.status_code == (403 if kind == "counsellor" else 302)


def test_a_meeting_of_another_organiser_is_not_found_for_an_agency_admin(client, world, enrol_totp):
    other_admin = enrol_totp(UserFactory(agency_admin=True))
    client.force_login(other_admin)
    assert (
        client.get(reverse("network:meeting_edit", args=[world["meeting"].pk])).status_code == 404
    )
    draft = MeetingFactory(organiser=world["users"]["analyst"])
    assert client.get(reverse("network:meeting_detail", args=[draft.pk])).status_code == 404


def test_members_do_not_see_drafts(client, world):
    draft = MeetingFactory(organiser=world["users"]["agency_admin"])
    client.force_login(world["users"]["member"])
    assert client.get(reverse("network:meeting_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("network:meeting_calendar", args=[draft.pk])).status_code == 404


def test_a_meeting_downloads_as_a_calendar_event(client, world):
    meeting = world["meeting"]
    member = world["users"]["member"]
    client.force_login(member)
    response = client.get(reverse("network:meeting_calendar", args=[meeting.pk]))
    assert response["Content-Type"] == "text/calendar"
    (event,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@retea.puls.anofm.ro"
    assert str(event["SUMMARY"]) == meeting.title
    assert member.email in str(event["ATTENDEE"])
    page = client.get(reverse("network:meeting_detail", args=[meeting.pk])).content.decode()
    assert reverse("network:meeting_calendar", args=[meeting.pk]) in page


def test_a_member_cannot_revoke_someone_elses_token(client, world):
    client.force_login(RepresentativeFactory().user)
    response = client.post(reverse("network:api_token_revoke", args=[world["token"].pk]))
    assert response.status_code == 404
    world["token"].refresh_from_db()
    assert world["token"].revoked_at is None


def test_an_agency_admin_manages_organisations_of_their_county_only(client, world):
    organisation = RepresentativeFactory(organisation__county_id="TM").organisation
    client.force_login(world["users"]["agency_admin"])
    assert (
        client.get(reverse("network:organisation_detail", args=[organisation.pk])).status_code
        == 404
    )
