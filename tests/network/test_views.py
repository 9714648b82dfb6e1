"""The network's pages doing their work: forms, messages, bad input, query counts."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import (
    Attendee,
    ItemDiscussion,
    LibraryItem,
    Meeting,
    Minutes,
    Organisation,
    Rsvp,
)
from reports.models import ReportRun
from tests.accounts.factories import UserFactory

from .factories import (
    ActionFactory,
    DiscussionGroupFactory,
    LibraryItemFactory,
    MeetingFactory,
    MinutesFactory,
    RepresentativeFactory,
    ThreadFactory,
    pdf_upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(enrol_totp):
    return enrol_totp(UserFactory(analyst=True, first_name="Radu", last_name="Stoica"))


@pytest.fixture
def representative():
    return RepresentativeFactory()


def _meeting_post(start, agenda=(("Deschidere", "Radu Stoica", "15"),), **overrides):
    data = {
        "title": "Întâlnirea rețelei",
        "description": "",
        "scope": "national",
        "county": "",
        "region": "",
        "starts_at": timezone.localtime(start).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": "AJOFM Cluj",
        "online_url": "",
        "agenda-TOTAL_FORMS": str(len(agenda)),
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "1000",
    }
    for i, (title, presenter, minutes) in enumerate(agenda):
        data.update(
            {
                f"agenda-{i}-title": title,
                f"agenda-{i}-presenter": presenter,
                f"agenda-{i}-duration_minutes": minutes,
            }
        )
    data.update(overrides)
    return data


# --- Meetings --------------------------------------------------------------------------------


def test_staff_prepare_and_publish_a_meeting(
    client, analyst, representative, django_capture_on_commit_callbacks
):
    client.force_login(analyst)
    start = timezone.now() + timedelta(days=8)
    response = client.post(
        reverse("network:meeting_create"),
        _meeting_post(start, agenda=[("Deschidere", "Radu Stoica", "15"), ("Tendințe", "", "45")]),
    )
    meeting = Meeting.objects.get()
    assert response.url == reverse("network:meeting_detail", args=[meeting.pk])
    assert [i.title for i in meeting.agenda_items.all()] == ["Deschidere", "Tendințe"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:meeting_transition", args=[meeting.pk, "publish"]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PUBLISHED
    assert [m.to for m in mail.outbox] == [[representative.user.email]]


def test_publishing_too_late_shows_the_earliest_date_and_changes_nothing(client, analyst):
    meeting = MeetingFactory(organiser=analyst, starts_at=timezone.now() + timedelta(days=4))
    client.force_login(analyst)
    response = client.post(
        reverse("network:meeting_transition", args=[meeting.pk, "publish"]), follow=True
    )
    content = response.content.decode()
    assert "5 full days" in content
    assert f"{(timezone.localtime() + timedelta(days=5)):%Y}" in content
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFT


@pytest.mark.parametrize(
    ("agenda", "shift", "message"),
    [
        ([], timedelta(hours=2), "at least one agenda item"),
        ([("Deschidere", "", "15")], -timedelta(hours=1), "end after it starts"),
    ],
)
def test_bad_meetings_are_refused_with_a_message(client, analyst, agenda, shift, message):
    client.force_login(analyst)
    start = timezone.now() + timedelta(days=8)
    data = _meeting_post(
        start, agenda=agenda, ends_at=timezone.localtime(start + shift).strftime("%Y-%m-%dT%H:%M")
    )
    response = client.post(reverse("network:meeting_create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_member_sees_the_agenda_and_answers_with_htmx(client, representative):
    meeting = MeetingFactory(published=True)
    client.force_login(representative.user)
    page = client.get(reverse("network:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Tendințe pe piața muncii" in page and "I will attend" in page
    response = client.post(
        reverse("network:meeting_rsvp", args=[meeting.pk]),
        {"answer": "attend"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'id="rsvp"' in response.content.decode()
    assert "Answers so far: 1 will attend, 0 will not." in response.content.decode()
    assert Rsvp.objects.get().answer == "attend"


def test_a_bad_answer_changes_nothing(client, representative):
    meeting = MeetingFactory(published=True)
    client.force_login(representative.user)
    response = client.post(
        reverse("network:meeting_rsvp", args=[meeting.pk]),
        {"answer": "maybe"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    assert "Choose whether you will attend" in response.content.decode()
    assert not Rsvp.objects.exists()


def test_minutes_are_written_approved_and_downloadable_by_members(
    client, analyst, representative, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(past=True, organiser=analyst)
    Rsvp.objects.create(
        meeting=meeting,
        user=representative.user,
        organisation=representative.organisation,
        answer="attend",
    )
    client.force_login(analyst)
    url = reverse("network:minutes_edit", args=[meeting.pk])
    assert client.post(url, {"start": "1"})["Location"] == url
    form = client.get(url).content.decode()
    attendee = Minutes.objects.get().attendees.get()
    assert f'name="present_{attendee.pk}"' in form and "checked" in form
    item = meeting.agenda_items.first()
    data = {
        "summary": "Deschis la 10:00.",
        f"present_{attendee.pk}": "on",
        f"discussion_{item.pk}": "Discuție despre tineri.",
        "guests-TOTAL_FORMS": "0",
        "guests-INITIAL_FORMS": "0",
        "decisions-TOTAL_FORMS": "1",
        "decisions-INITIAL_FORMS": "0",
        "decisions-0-text": "Se înființează grupul județean.",
        "actions-TOTAL_FORMS": "1",
        "actions-INITIAL_FORMS": "0",
        "actions-0-description": "Convoacă grupul",
        "actions-0-owner": "AJOFM Cluj",
        "actions-0-deadline": "2026-12-31",
        "actions-0-status": "open",
    }
    assert client.post(reverse("network:minutes_edit", args=[meeting.pk]), data).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:minutes_approve", args=[meeting.pk]))
    minutes = Minutes.objects.get()
    assert minutes.status == Minutes.Status.APPROVED and minutes.pdf_id
    assert len(mail.outbox) == 1

    client.force_login(representative.user)
    page = client.get(reverse("network:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Se înființează grupul județean." in page
    download = client.get(reverse("documents:download", args=[minutes.pdf_id]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_draft_minutes_are_hidden_from_members(client, representative, analyst):
    meeting = MeetingFactory(past=True, organiser=analyst)
    services.minutes_start(meeting=meeting, by=analyst)
    Minutes.objects.update(summary="Ciornă secretă")
    client.force_login(representative.user)
    page = client.get(reverse("network:meeting_detail", args=[meeting.pk])).content.decode()
    assert "Ciornă secretă" not in page


def test_only_the_organiser_may_approve(client, analyst, enrol_totp):
    meeting = MeetingFactory(past=True, organiser=analyst)
    services.minutes_start(meeting=meeting, by=analyst)
    client.force_login(enrol_totp(UserFactory(analyst=True)))
    response = client.post(reverse("network:minutes_approve", args=[meeting.pk]), follow=True)
    assert "Only the organiser" in response.content.decode()
    assert Minutes.objects.get().status == Minutes.Status.DRAFT


def test_an_action_is_followed_up_and_a_change_to_its_own_status_says_why_not(client, analyst):
    meeting = MeetingFactory(past=True, organiser=analyst)
    action = ActionFactory(minutes=MinutesFactory(meeting=meeting, status=Minutes.Status.APPROVED))
    client.force_login(analyst)
    url = reverse("network:action_status", args=[action.pk])

    page = client.post(url, {"status": "open"}, follow=True).content.decode()
    assert "This action is already open." in page and "was changed" not in page
    assert not action.transitions.exists()

    page = client.post(url, {"status": "done"}, follow=True).content.decode()
    assert "The status of the action was changed." in page
    assert action.transitions.get().to_status == "done"


# --- Membership ------------------------------------------------------------------------------


def _adhesion_post(upload):
    return {
        "org-name": "Fundația Aequilibrium",
        "org-kind": "ngo",
        "org-county": "TM",
        "org-scope": "regional",
        "org-address": "Timișoara",
        "org-email": "office@aeq.ro",
        "org-phone": "",
        "org-website": "",
        "org-activity": "Consiliere.",
        "org-commitments": "",
        "rep-position": "Director",
        "rep-network_role": "Reprezentant",
        "rep-task": "Participă la întâlniri.",
        "rep-phone": "",
        "adh-agreement": upload,
        "adh-confirm": "on",
    }


def test_the_adhesion_form_creates_a_pending_organisation(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("network:adhesion"), _adhesion_post(pdf_upload()))
    assert response.status_code == 302
    organisation = Organisation.objects.get()
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.representatives.get().user == user


def test_an_adhesion_with_a_fake_pdf_is_refused_and_leaves_nothing(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("network:adhesion"), _adhesion_post(pdf_upload("acord.pdf", b"MZ\x90\x00not a pdf"))
    )
    assert response.status_code == 400
    assert "Only PDF, JPEG and PNG" in response.content.decode()
    assert not Organisation.objects.exists()


def test_staff_approve_an_adhesion(client, enrol_totp, django_capture_on_commit_callbacks):
    organisation = RepresentativeFactory(organisation__pending=True).organisation
    admin = enrol_totp(UserFactory(agency_admin=True))
    client.force_login(admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:organisation_decide", args=[organisation.pk, "approve"]))
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.APPROVED
    assert mail.outbox[0].to == [organisation.email]


def test_refusing_without_a_reason_changes_nothing(client, analyst):
    organisation = RepresentativeFactory(organisation__pending=True).organisation
    client.force_login(analyst)
    response = client.post(
        reverse("network:organisation_decide", args=[organisation.pk, "refuse"]),
        {"reason": ""},
        follow=True,
    )
    assert "Give the reason" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.PENDING


def test_a_removed_members_next_request_is_refused(client, representative, analyst):
    client.force_login(representative.user)
    assert client.get(reverse("network:directory")).status_code == 200
    services.organisation_remove(organisation=representative.organisation, by=analyst, reason="x")
    assert client.get(reverse("network:directory")).status_code == 403
    assert "closed to you" in client.get(reverse("network:dashboard")).content.decode()


def test_a_member_replaces_their_representative(client, representative):
    newcomer = UserFactory(email="nou@partener.ro")
    client.force_login(representative.user)
    response = client.post(
        reverse("network:my_organisation"),
        {
            "replace": representative.pk,
            "email": "nou@partener.ro",
            "position": "Expert",
            "network_role": "Reprezentant",
            "task": "Diseminare.",
            "phone": "",
            "reason": "Plecare",
        },
    )
    assert response.status_code == 302
    representative.refresh_from_db()
    assert representative.replaced_by.user == newcomer
    assert client.get(reverse("network:directory")).status_code == 403


def test_replacing_with_an_unknown_address_says_so(client, representative):
    client.force_login(representative.user)
    response = client.post(
        reverse("network:my_organisation"),
        {
            "email": "nimeni@partener.ro",
            "position": "Expert",
            "network_role": "R",
            "task": "T",
            "phone": "",
            "reason": "",
        },
    )
    assert response.status_code == 400
    assert "ask the person to register first" in response.content.decode()
    assert representative.organisation.representatives.count() == 1


# --- Library and groups ----------------------------------------------------------------------


def test_sharing_a_file_then_opening_it_counts_the_download(client, representative):
    client.force_login(representative.user)
    response = client.post(
        reverse("network:library_share"),
        {
            "title": "Studiu tineri NEET",
            "kind": "study",
            "summary": "Rezultate.",
            "scope": "national",
            "county": "",
            "region": "",
            "url": "",
            "tags": "tineri",
            "file": pdf_upload("neet.pdf"),
        },
    )
    assert response.status_code == 302
    item = LibraryItem.objects.get()
    opened = client.get(reverse("network:library_open", args=[item.pk]))
    assert opened.url == reverse("documents:download", args=[item.document_id])
    assert client.get(opened.url).status_code == 200
    item.refresh_from_db()
    assert item.downloads == 1


def test_sharing_neither_file_nor_link_is_refused(client, representative):
    client.force_login(representative.user)
    response = client.post(
        reverse("network:library_share"),
        {"title": "x", "kind": "study", "summary": "y", "scope": "national", "url": "", "tags": ""},
    )
    assert response.status_code == 400
    assert "either a file or a link" in response.content.decode()
    assert not LibraryItem.objects.exists()


def test_library_search(client, representative):
    LibraryItemFactory(title="Piața muncii în Timiș")
    LibraryItemFactory(title="Formare profesională")
    client.force_login(representative.user)
    page = client.get(reverse("network:library"), {"q": "timis"}).content.decode()
    assert "Piața muncii în Timiș" in page and "Formare profesională" not in page


def test_a_thread_and_a_reply(client, representative, django_capture_on_commit_callbacks):
    group = DiscussionGroupFactory()
    follower = RepresentativeFactory().user
    group.followers.add(follower)
    client.force_login(representative.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:thread_create", args=[group.pk]),
            {"title": "Ucenicie", "body": "Experiențe?"},
        )
    assert [m.to for m in mail.outbox] == [[follower.email]]
    response = client.post(response.url, {"body": "Noi avem un program."})
    assert response.status_code == 302
    page = client.get(response.url.split("#")[0]).content.decode()
    assert "Noi avem un program." in page


# --- Reports ---------------------------------------------------------------------------------


def test_building_a_report_from_the_page(client, analyst, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:reports"), {"period_start": "2026-01-01", "period_end": "2026-12-31"}
        )
    assert response.status_code == 302
    report = ReportRun.objects.get()
    assert (report.kind, report.status) == ("network_activity", ReportRun.Status.DONE)
    page = client.get(reverse("network:reports")).content.decode()
    assert reverse("network:report_download", args=[report.pk]) in page
    download = client.get(reverse("network:report_download", args=[report.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_report_with_the_period_reversed_is_refused(client, analyst):
    client.force_login(analyst)
    response = client.post(
        reverse("network:reports"), {"period_start": "2026-12-31", "period_end": "2026-01-01"}
    )
    assert response.status_code == 400
    assert "must not be before its start" in response.content.decode()
    assert not ReportRun.objects.exists()


def test_the_progress_row_polls_while_running_and_stops_when_done(client, analyst):
    report = ReportRun.objects.create(
        kind="network_activity",
        requested_by=analyst,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        status="running",
        progress=45,
        step="library",
    )
    client.force_login(analyst)
    url = reverse("network:report_progress", args=[report.pk])
    row = client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in row and 'value="45"' in row and "Documents shared" in row
    ReportRun.objects.filter(pk=report.pk).update(status="done", progress=100, step="done")
    row = client.get(url).content.decode()
    assert "hx-trigger" not in row and 'value="100"' in row


# --- Query counts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "network:meeting_list",
        "network:directory",
        "network:library",
        "network:group_list",
        "network:reports",
    ],
)
def test_list_pages_do_not_grow_queries_with_rows(
    client, representative, analyst, name, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add_rows():
        for _ in range(3):
            MeetingFactory(published=True)
            RepresentativeFactory()
            LibraryItemFactory()
            ThreadFactory()
            ReportRun.objects.create(
                kind="network_activity",
                requested_by=analyst,
                period_start=date(2026, 1, 1),
                period_end=date(2026, 6, 30),
            )

    client.force_login(representative.user)
    add_rows()
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(name)).status_code == 200
    add_rows()
    add_rows()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(name)).status_code == 200
    assert len(few.captured_queries) <= 14


def test_opening_the_minutes_editor_writes_nothing(client, analyst, representative):
    meeting = MeetingFactory(past=True, organiser=analyst)
    Rsvp.objects.create(
        meeting=meeting,
        user=representative.user,
        organisation=representative.organisation,
        answer="attend",
    )
    client.force_login(analyst)
    url = reverse("network:minutes_edit", args=[meeting.pk])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Start the minutes" in html and 'name="start"' in html
    assert not Minutes.objects.exists()
    assert not Attendee.objects.exists() and not ItemDiscussion.objects.exists()
    # The editor's own form posted before the minutes were started writes nothing either.
    assert client.post(url, {"summary": "x"})["Location"] == url
    assert not Minutes.objects.exists()

    assert client.post(url, {"start": "1"})["Location"] == url
    minutes = Minutes.objects.get()
    assert minutes.attendees.count() == 1
    assert minutes.discussions.count() == meeting.agenda_items.count() > 0
    response = client.get(url)
    assert response.status_code == 200 and 'name="summary"' in response.content.decode()
    client.get(url)
    client.post(url, {"start": "1"})  # starting twice keeps the one set of minutes
    assert Minutes.objects.count() == 1 and Attendee.objects.count() == 1


def test_the_minutes_of_a_meeting_not_yet_held_cannot_be_started(client, analyst):
    meeting = MeetingFactory(published=True, organiser=analyst)
    client.force_login(analyst)
    url = reverse("network:minutes_edit", args=[meeting.pk])
    html = client.get(url).content.decode()
    assert 'name="start"' not in html
    assert "once it has started" in html
    response = client.post(url, {"start": "1"}, follow=True)
    assert "Minutes are written for a published meeting once it has started." in (
        response.content.decode()
    )
    assert not Minutes.objects.exists()


def test_a_forged_row_count_in_the_minutes_is_an_error_not_thousands_of_rows(
    client, analyst, representative
):
    # A posted TOTAL_FORMS of 10**30 used to build (and render) 2,000 empty rows per formset
    meeting = MeetingFactory(past=True, organiser=analyst)
    client.force_login(analyst)
    url = reverse("network:minutes_edit", args=[meeting.pk])
    client.post(url, {"start": "1"})
    data = {"summary": "Deschis la 10:00."}
    for prefix in ("guests", "decisions", "actions"):
        data |= {f"{prefix}-TOTAL_FORMS": str(10**30), f"{prefix}-INITIAL_FORMS": "0"}

    response = client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 400  # the form comes back with its errors
    assert "Please submit at most 100 forms." in page
    assert page.count('name="actions-') < 1000  # 100 rows of five fields, not 2,000 rows
    assert Minutes.objects.get().summary == ""
