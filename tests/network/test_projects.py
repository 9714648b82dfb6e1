"""Joint projects and trainings between members: propose, join, leave, close; who may do what."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import JointProject, JointProjectParticipant
from tests.accounts.factories import UserFactory

from .factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def _propose(representative, **data):
    return services.joint_project_propose(
        representative=representative,
        data={
            "kind": JointProject.Kind.TRAINING,
            "title": "Curs comun de competențe digitale",
            "description": "Zece sesiuni pentru tinerii NEET.",
            **data,
        },
    )


def test_a_member_proposes_and_its_organisation_takes_part(client):
    proposer = RepresentativeFactory()
    client.force_login(proposer.user)
    start = timezone.localdate() + timedelta(days=30)

    response = client.post(
        reverse("network:project_create"),
        {
            "kind": "partnership",
            "title": "Parteneriat pentru șomerii de lungă durată",
            "description": "Consiliere și mentorat.",
            "starts_on": start.isoformat(),
        },
    )

    project = JointProject.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "network:project_detail", args=[project.pk]
    )
    assert project.proposed_by == proposer.organisation and project.starts_on == start
    assert list(project.participants.values_list("organisation", flat=True)) == [
        proposer.organisation.pk
    ]
    assert project.transitions.get().to_status == JointProject.Status.OPEN


def test_a_proposal_without_a_title_or_starting_in_the_past_is_refused(client):
    client.force_login(RepresentativeFactory().user)
    response = client.post(
        reverse("network:project_create"),
        {
            "kind": "training",
            "title": "",
            "description": "Ceva.",
            "starts_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page
    assert "The planned start cannot be in the past." in page
    assert not JointProject.objects.exists()


def test_another_member_joins_and_the_proposer_is_told(client, django_capture_on_commit_callbacks):
    proposer = RepresentativeFactory()
    project = _propose(proposer)
    joiner = RepresentativeFactory(organisation__name="Fundația Orizont")
    client.force_login(joiner.user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:project_join", args=[project.pk]), {"join": "1"})

    assert project.participants.filter(organisation=joiner.organisation).exists()
    (email,) = mail.outbox
    assert email.to == [proposer.user.email]
    assert "Fundația Orizont" in email.subject
    page = client.get(reverse("network:project_detail", args=[project.pk])).content.decode()
    assert "Fundația Orizont" in page and "Leave the project" in page

    client.post(reverse("network:project_join", args=[project.pk]), {"join": "1"})
    assert project.participants.filter(organisation=joiner.organisation).count() == 1

    client.post(reverse("network:project_join", args=[project.pk]), {"join": "0"})
    assert not project.participants.filter(organisation=joiner.organisation).exists()


def test_the_proposer_cannot_leave_and_a_closed_project_takes_nobody(client):
    proposer = RepresentativeFactory()
    project = _propose(proposer)
    client.force_login(proposer.user)

    client.post(reverse("network:project_join", args=[project.pk]), {"join": "0"})
    assert project.participants.filter(organisation=proposer.organisation).exists()

    client.post(reverse("network:project_close", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == JointProject.Status.CLOSED

    latecomer = RepresentativeFactory()
    client.force_login(latecomer.user)
    response = client.post(
        reverse("network:project_join", args=[project.pk]), {"join": "1"}, follow=True
    )
    assert "This project is closed" in response.content.decode()
    assert not JointProjectParticipant.objects.filter(organisation=latecomer.organisation).exists()
    assert (
        "Curs comun"
        in client.get(reverse("network:project_list"), {"inchise": "1"}).content.decode()
    )
    assert "Curs comun" not in client.get(reverse("network:project_list")).content.decode()


def test_only_the_proposer_or_staff_close_a_project(client, enrol_totp):
    project = _propose(RepresentativeFactory())
    other_member = RepresentativeFactory()
    client.force_login(other_member.user)
    assert client.post(reverse("network:project_close", args=[project.pk])).status_code == 403
    project.refresh_from_db()
    assert project.status == JointProject.Status.OPEN

    client.force_login(enrol_totp(UserFactory(agency_admin=True)))
    client.post(reverse("network:project_close", args=[project.pk]))
    project.refresh_from_db()
    assert project.status == JointProject.Status.CLOSED


KINDS = ["anonymous", "jobseeker", "employer", "counsellor", "agency_admin", "member"]


@pytest.fixture
def users(enrol_totp):
    return {
        "jobseeker": UserFactory(),
        "employer": UserFactory(employer=True),
        "counsellor": enrol_totp(UserFactory(counsellor=True)),
        "agency_admin": enrol_totp(UserFactory(agency_admin=True)),
        "member": RepresentativeFactory().user,
    }


# (url name, needs a project, who gets in, method)
PAGES = [
    ("network:project_list", False, {"counsellor", "agency_admin", "member"}, "get"),
    ("network:project_detail", True, {"counsellor", "agency_admin", "member"}, "get"),
    ("network:project_create", False, {"member"}, "get"),
    ("network:project_join", True, {"member"}, "post"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "needs_project", "allowed", "method"), PAGES)
def test_who_may_open_each_project_page(client, users, kind, name, needs_project, allowed, method):
    project = _propose(RepresentativeFactory())
    if kind != "anonymous":
        client.force_login(users[kind])
    url = reverse(name, args=[project.pk] if needs_project else [])
    response = client.post(url, {"join": "1"}) if method == "post" else client.get(url)
    if kind == "anonymous":
        assert response.status_code == 302 and "/cont/login/" in response.url
    elif kind in allowed:
        assert response.status_code == (302 if method == "post" else 200)
    else:
        assert response.status_code == 403


def test_an_unknown_project_is_not_found(client):
    client.force_login(RepresentativeFactory().user)
    assert client.get(reverse("network:project_detail", args=[999999])).status_code == 404
    assert (
        client.post(reverse("network:project_join", args=[999999]), {"join": "1"}).status_code
        == 404
    )


def test_the_list_costs_the_same_queries_for_more_projects(client, django_assert_max_num_queries):
    member = RepresentativeFactory()
    client.force_login(member.user)
    for _ in range(2):
        _propose(RepresentativeFactory())
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("network:project_list"))
    for _ in range(10):
        _propose(RepresentativeFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("network:project_list"))


def test_the_proposer_is_told_in_their_own_language(client, django_capture_on_commit_callbacks):
    proposer = RepresentativeFactory(user__language="ro")
    project = _propose(proposer, title="Atelier comun")
    joiner = RepresentativeFactory(organisation__name="Fundația Orizont")
    client.force_login(joiner.user)  # the joiner reads the portal in English
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:project_join", args=[project.pk]), {"join": "1"})

    (email,) = mail.outbox
    assert email.subject == "[PULS] Fundația Orizont se alătură proiectului „Atelier comun”"
