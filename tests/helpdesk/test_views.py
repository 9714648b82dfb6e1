"""The help desk's pages: who may open each (anonymous, other roles, another agency → 404), bad
input → 400 with nothing saved, the private link, the rate limit, the e-mails."""

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from helpdesk.models import FaqEntry, HelpRequest, Proposal
from puls.notifications.models import OutgoingEmail
from puls.reference.models import County
from tests.accounts.factories import UserFactory
from tests.documents.conftest import PDF, upload
from tests.jobseekers.factories import JobseekerProfileFactory

from .factories import FaqEntryFactory, HelpRequestFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"


def _status(response):
    if response.status_code == 302 and "/cont/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def _user(kind, staff):
    if kind == "anonymous":
        return None
    if kind in staff:
        return staff[kind]
    return UserFactory(**({"employer": True} if kind == "employer" else {}))


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return _status(client.get(url))


KINDS = [
    "anonymous",
    "jobseeker",
    "employer",
    "counsellor",
    "agency_admin",
    "other_counsellor",
    "analyst",
]


@pytest.mark.parametrize(
    ("kind", "expected"),
    zip(KINDS, [LOGIN, 403, 403, 200, 200, 404, 404], strict=True),
)
def test_a_request_of_an_agency_opens_for_its_staff_only(client, staff, kind, expected):
    help_request = HelpRequestFactory()
    url = reverse("helpdesk:staff_detail", args=[help_request.pk])
    assert _get(client, _user(kind, staff), url) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    zip(KINDS, [LOGIN, 403, 403, 404, 404, 404, 200], strict=True),
)
def test_a_national_request_opens_for_the_national_team_only(client, staff, kind, expected):
    help_request = HelpRequestFactory(national=True)
    url = reverse("helpdesk:staff_detail", args=[help_request.pk])
    assert _get(client, _user(kind, staff), url) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    zip(KINDS, [LOGIN, 403, 403, 403, 403, 403, 200], strict=True),
)
@pytest.mark.parametrize(
    "name", ["helpdesk:proposals", "helpdesk:faq_manage", "helpdesk:faq_create"]
)
def test_national_team_pages(client, staff, kind, expected, name):
    assert _get(client, _user(kind, staff), reverse(name)) == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    zip(KINDS, [LOGIN, 403, 403, 200, 200, 200, 200], strict=True),
)
def test_the_queue_is_for_staff(client, staff, kind, expected):
    assert _get(client, _user(kind, staff), reverse("helpdesk:queue")) == expected


def test_the_queue_shows_the_agency_s_requests_and_filters(
    client, staff, django_assert_max_num_queries
):
    mine = HelpRequestFactory.create_batch(3)
    other = HelpRequestFactory(county=County.objects.get(code="TM"))
    client.force_login(staff["counsellor"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("helpdesk:queue"))
    body = response.content.decode()
    assert all(r.reference in body for r in mine)
    assert f">{other.reference}<" not in body
    assert client.get(reverse("helpdesk:queue"), {"status": "nonsense"}).status_code == 400
    empty = client.get(reverse("helpdesk:queue"), {"status": "closed"})
    assert "No request matches" in empty.content.decode()


def test_anyone_opens_the_form_and_the_page_it_came_from_is_kept(client):
    response = client.get(reverse("helpdesk:create"), {"de_la": "/persoane/programari/"})
    assert response.status_code == 200
    assert 'value="/persoane/programari/"' in response.content.decode()
    foreign = client.get(reverse("helpdesk:create"), {"de_la": "https://rau.example/"})
    assert foreign.context["form"].initial["page"] == ""
    private = client.get(reverse("helpdesk:create"), {"de_la": "/asistenta/urmarire/abc/"})
    assert private.context["form"].initial["page"] == ""


def test_a_visitor_opens_a_request_and_follows_it_through_the_private_link(
    client, staff, django_capture_on_commit_callbacks
):
    data = {
        "category": "account",
        "description": "Nu pot să-mi resetez parola.",
        "county": "CJ",
        "contact_email": "ana@example.ro",
        "page": "https://evil.example/",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("helpdesk:create"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("helpdesk:received")
    help_request = HelpRequest.objects.get()
    assert help_request.page == ""
    assert mail.outbox[-1].to == ["ana@example.ro"]
    link = reverse("helpdesk:track", args=[help_request.token])
    assert link in mail.outbox[-1].body

    page = client.get(link)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert client.get(reverse("helpdesk:track", args=["x" * 43])).status_code == 404
    # the private link is not the signed-in requester's page
    assert client.get(reverse("helpdesk:my_request", args=[help_request.pk])).status_code == 302

    client.post(reverse("helpdesk:track_action", args=[help_request.token, "inchide"]))
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.Status.CLOSED
    response = client.post(
        reverse("helpdesk:track_action", args=[help_request.token, "evalueaza"]),
        {"rating": "5", "comment": "Mulțumesc"},
    )
    assert response.status_code == 302
    help_request.refresh_from_db()
    assert help_request.rating == 5
    again = client.post(
        reverse("helpdesk:track_action", args=[help_request.token, "evalueaza"]), {"rating": "1"}
    )
    assert again.status_code == 400
    assert "already rated" in again.content.decode()
    assert (
        client.post(
            reverse("helpdesk:track_action", args=[help_request.token, "sterge"])
        ).status_code
        == 404
    )


def test_the_private_link_of_a_signed_in_requester_does_not_open(client):
    help_request = HelpRequestFactory(requester=JobseekerProfileFactory().user, contact_email="")
    assert client.get(reverse("helpdesk:track", args=[help_request.token])).status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (
            {"category": "account", "description": "", "county": "CJ", "contact_email": "a@b.ro"},
            "description",
        ),
        (
            {"category": "nonsense", "description": "x", "county": "CJ", "contact_email": "a@b.ro"},
            "category",
        ),
        (
            {"category": "account", "description": "x", "county": "ZZ", "contact_email": "a@b.ro"},
            "county",
        ),
        (
            {"category": "account", "description": "x", "county": "", "contact_email": "a@b.ro"},
            "county",
        ),
        (
            {"category": "account", "description": "x", "county": "CJ", "contact_email": "nu"},
            "contact_email",
        ),
        (
            {
                "category": "account",
                "description": "a\u202eb",
                "county": "CJ",
                "contact_email": "a@b.ro",
            },
            "description",
        ),
        (
            {
                "category": "account",
                "description": "x" * 5001,
                "county": "CJ",
                "contact_email": "a@b.ro",
            },
            "description",
        ),
    ],
)
def test_bad_input_is_refused_with_400_and_nothing_saved(client, data, field):
    response = client.post(reverse("helpdesk:create"), data)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not HelpRequest.objects.exists()
    assert not OutgoingEmail.objects.exists()


def test_a_signed_in_jobseeker_attaches_a_file_and_staff_download_it(client, staff):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    form = client.get(reverse("helpdesk:create")).content.decode()
    assert 'name="contact_email"' not in form
    assert 'name="county"' not in form
    response = client.post(
        reverse("helpdesk:create"),
        {
            "category": "documents",
            "description": "Nu pot încărca CV-ul.",
            "attachment": upload("cv.pdf", PDF),
        },
    )
    help_request = HelpRequest.objects.get()
    assert response["Location"] == reverse("helpdesk:my_request", args=[help_request.pk])
    assert help_request.requester == profile.user
    download = reverse("documents:download", args=[help_request.attachment_id])
    assert client.get(download).status_code == 200
    assert (
        reverse("helpdesk:my_request", args=[help_request.pk])
        in client.get(reverse("helpdesk:mine")).content.decode()
    )
    client.force_login(staff["counsellor"])
    assert client.get(download).status_code == 200
    client.force_login(staff["other_counsellor"])
    assert client.get(download).status_code == 404


def test_an_attachment_of_another_type_is_refused(client):
    client.force_login(JobseekerProfileFactory().user)
    response = client.post(
        reverse("helpdesk:create"),
        {"category": "documents", "description": "x", "attachment": upload("x.pdf", b"MZ\x90\x00")},
    )
    assert response.status_code == 400
    assert "attachment" in response.context["form"].errors
    assert not HelpRequest.objects.exists()


def test_my_requests_lists_only_mine_and_others_are_404(client):
    profile = JobseekerProfileFactory()
    mine = HelpRequestFactory(requester=profile.user, contact_email="")
    theirs = HelpRequestFactory(requester=JobseekerProfileFactory().user, contact_email="")
    client.force_login(profile.user)
    body = client.get(reverse("helpdesk:mine")).content.decode()
    assert reverse("helpdesk:my_request", args=[mine.pk]) in body
    assert reverse("helpdesk:my_request", args=[theirs.pk]) not in body
    assert client.get(reverse("helpdesk:my_request", args=[theirs.pk])).status_code == 404
    action = reverse("helpdesk:my_action", args=[theirs.pk, "inchide"])
    assert client.post(action).status_code == 404
    assert client.get(reverse("helpdesk:mine")).status_code == 200
    assert _status(PortalClientless(client).get(reverse("helpdesk:mine"))) == LOGIN


class PortalClientless:
    """The same test client, signed out."""

    def __init__(self, client):
        client.logout()
        self.client = client

    def get(self, url):
        return self.client.get(url)


def test_staff_answer_and_the_requester_reads_it(client, staff, django_capture_on_commit_callbacks):
    profile = JobseekerProfileFactory()
    help_request = HelpRequestFactory(requester=profile.user, contact_email="")
    client.force_login(staff["agency_admin"])
    url = reverse("helpdesk:staff_answer", args=[help_request.pk])
    assert client.post(url, {"body": ""}).status_code == 400
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"body": "Programarea a fost mutată."}).status_code == 302
    assert mail.outbox[-1].to == [profile.user.email]
    assert client.get(url).status_code == 405
    client.force_login(staff["other_counsellor"])
    assert client.post(url, {"body": "Eu"}).status_code == 404
    client.force_login(profile.user)
    page = client.get(reverse("helpdesk:my_request", args=[help_request.pk])).content.decode()
    assert "Programarea a fost mutată." in page
    reply = reverse("helpdesk:my_action", args=[help_request.pk, "raspunde"])
    assert client.post(reply, {"body": ""}).status_code == 400
    client.post(reply, {"body": "Mulțumesc, dar ora nu îmi convine."})
    help_request.refresh_from_db()
    assert help_request.status == HelpRequest.Status.NEW


@override_settings(ACCOUNT_RATE_LIMITS={"puls_helpdesk_anonymous": "2/h/ip"})
def test_visitors_are_rate_limited(client):
    data = {"category": "account", "description": "x", "county": "CJ", "contact_email": "a@b.ro"}
    for _attempt in range(2):
        assert client.post(reverse("helpdesk:create"), data).status_code == 302
    assert client.post(reverse("helpdesk:create"), data).status_code == 429
    assert HelpRequest.objects.count() == 2


@override_settings(ACCOUNT_RATE_LIMITS={"puls_helpdesk_anonymous": "1/h/ip"})
def test_signed_in_people_are_not_limited_by_the_visitors_limit(client):
    client.force_login(JobseekerProfileFactory().user)
    for _attempt in range(3):
        assert (
            client.post(
                reverse("helpdesk:create"), {"category": "account", "description": "x"}
            ).status_code
            == 302
        )


def test_the_national_team_changes_a_proposal_and_bad_input_is_400(client, staff):
    suggestion = HelpRequestFactory(category="suggestion")
    proposal = Proposal.objects.create(help_request=suggestion)
    client.force_login(staff["analyst"])
    page = client.get(reverse("helpdesk:proposals")).content.decode()
    assert suggestion.description in page
    url = reverse("helpdesk:proposal_move", args=[proposal.pk])
    assert client.post(url, {"status": "nonsense"}).status_code == 400
    client.post(url, {"status": "planned", "note": "În T2."})
    proposal.refresh_from_db()
    assert proposal.status == "planned"
    client.post(url, {"status": "analysed"})  # refused: planned → analysed is not in the table
    proposal.refresh_from_db()
    assert proposal.status == "planned"
    assert client.get(reverse("helpdesk:proposals"), {"status": "x"}).status_code == 400


def test_the_national_team_edits_the_questions_and_everyone_reads_them(client, staff):
    client.force_login(staff["analyst"])
    assert client.post(reverse("helpdesk:faq_create"), {}).status_code == 400
    response = client.post(
        reverse("helpdesk:faq_create"),
        {
            "audience": "employers",
            "question": "Cum comunic un loc de muncă?",
            "answer": "Din pagina firmei.",
            "order": "1",
        },
    )
    assert response.status_code == 302
    entry = FaqEntry.objects.get()
    assert entry.updated_by == staff["analyst"]
    FaqEntryFactory(audience="staff", question="Cum răspund unei solicitări?")
    client.logout()
    page = client.get(reverse("helpdesk:faq")).content.decode()
    assert "Cum comunic un loc de muncă?" in page
    assert "Cum răspund unei solicitări?" not in page
    client.force_login(staff["counsellor"])
    assert "Cum răspund unei solicitări?" in client.get(reverse("helpdesk:faq")).content.decode()
    client.force_login(staff["analyst"])
    client.post(reverse("helpdesk:faq_delete", args=[entry.pk]))
    assert not FaqEntry.objects.filter(pk=entry.pk).exists()


def test_the_indicators_dashboard_shows_the_help_desk_section(client, staff):
    HelpRequestFactory.create_batch(2)
    HelpRequestFactory(county=County.objects.get(code="TM"))
    client.force_login(staff["agency_admin"])
    response = client.get(reverse("reports:dashboard"))
    assert response.status_code == 200
    section = response.content.decode().split('data-testid="helpdesk-indicators"')[1]
    assert "My account" in section
    assert "<td>2</td>" in section  # Cluj's two requests, not Timiș's
    assert "<td>3</td>" not in section


@pytest.mark.romanian
def test_a_question_is_entered_in_both_languages_and_read_in_the_readers(client, staff, settings):
    client.force_login(staff["analyst"])
    response = client.post(
        reverse("helpdesk:faq_create"),
        {
            "audience": "everyone",
            "question": "Cum îmi schimb adresa de e-mail?",
            "question_en": "How do I change my e-mail address?",
            "answer": "Din meniul contului.",
            "answer_en": "From the account menu.",
            "order": "1",
        },
    )
    assert response.status_code == 302
    entry = FaqEntry.objects.get()
    assert (entry.question_en, entry.answer_en) == (
        "How do I change my e-mail address?",
        "From the account menu.",
    )
    FaqEntryFactory(question="Doar în română?", answer="Da.")
    client.logout()

    romanian = client.get(reverse("helpdesk:faq")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("helpdesk:faq")).content.decode()

    assert "Cum îmi schimb adresa de e-mail?" in romanian and "From the account" not in romanian
    assert "How do I change my e-mail address?" in english and "From the account menu." in english
    assert "Cum îmi schimb" not in english and "Din meniul contului" not in english
    assert "Doar în română?" in english  # no English given: the Romanian text
