"""Pages of the mediation app: permissions for every kind of user, bad input, audit."""

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import CaseFile
from mediation import services
from mediation.models import Proposal, ProposalStatus
from puls.audit.models import AuditEntry
from tests.pdfcheck import assert_pdf_document

pytestmark = pytest.mark.django_db

ANON, JS, EMP, OC, C, AN = (
    "anonymous",
    "jobseeker",
    "other_employer",
    "other_counsellor",
    "counsellor",
    "analyst",
)


@pytest.fixture
def proposal(world, users):
    return services.proposal_create(vacancy=world["vacancy"], profile=world["ana"], by=users[C])


def login(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "kind, expected", [(ANON, 302), (JS, 403), (EMP, 403), (OC, 200), (C, 200), (AN, 403)]
)
def test_dashboard(client, users, kind, expected):
    assert login(client, users[kind]).get(reverse("mediation:dashboard")).status_code == expected


@pytest.mark.parametrize("name", ["vacancy_list", "weights"])
@pytest.mark.parametrize(
    "kind, expected", [(ANON, 302), (JS, 403), (EMP, 403), (OC, 200), (C, 200), (AN, 200)]
)
def test_staff_pages(client, users, world, name, kind, expected):
    response = login(client, users[kind]).get(reverse(f"mediation:{name}"))
    assert response.status_code == expected


def test_vacancy_list_shows_the_agency_vacancies_only(client, users, world):
    assert (
        world["vacancy"].title
        in login(client, users[C]).get(reverse("mediation:vacancy_list")).content.decode()
    )
    client.force_login(users[OC])
    html = client.get(reverse("mediation:vacancy_list")).content.decode()
    assert world["vacancy"].title not in html


@pytest.mark.parametrize(
    "kind, expected", [(ANON, 302), (JS, 403), (EMP, 403), (OC, 200), (C, 200), (AN, 200)]
)
def test_candidates_page(client, users, world, kind, expected):
    url = reverse("mediation:vacancy_candidates", args=[world["vacancy"].pk])
    response = login(client, users[kind]).get(url)
    assert response.status_code == expected
    if kind == C:
        html = response.content.decode()
        assert "Ana" in html and 'data-testid="explanation"' in html
        assert AuditEntry.objects.filter(
            actor=users[C], action="view", target_object_id=str(world["vacancy"].pk)
        ).exists()
    if kind == OC:  # a Bucharest counsellor sees only Bucharest people by default
        assert 'data-testid="candidate-row"' not in response.content.decode()


def test_candidates_page_filters_by_profiling_level(client, users, world):
    CaseFile.objects.create(profile=world["ana"], level="easy")
    CaseFile.objects.create(profile=world["bogdan"], level="very_hard")
    url = reverse("mediation:vacancy_candidates", args=[world["vacancy"].pk])
    response = login(client, users[C]).get(url, {"level": "very_hard"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-testid="candidate-row"') == 1
    assert f'id="propose-{world["bogdan"].pk}"' in html
    assert f'id="propose-{world["ana"].pk}"' not in html
    assert '<option value="very_hard" selected>' in html


def test_candidates_page_with_an_unknown_level_ignores_it(client, users, world):
    url = reverse("mediation:vacancy_candidates", args=[world["vacancy"].pk])
    response = login(client, users[C]).get(url, {"level": "no-such-level"})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="propose-{world["ana"].pk}"' in html and "Select a valid choice" in html


def test_candidates_of_a_draft_of_another_agency_are_not_found(client, users, world):
    world["vacancy"].status = "draft"
    world["vacancy"].save()
    url = reverse("mediation:vacancy_candidates", args=[world["vacancy"].pk])
    assert login(client, users[OC]).get(url).status_code == 404


@pytest.mark.parametrize(
    "kind, expected", [(ANON, 302), (JS, 403), (EMP, 403), (OC, 404), (C, 200), (AN, 200)]
)
def test_profile_vacancies_page(client, users, world, kind, expected):
    url = reverse("mediation:profile_vacancies", args=[world["ana"].pk])
    assert login(client, users[kind]).get(url).status_code == expected


def test_propose_from_the_candidates_page(client, users, world):
    url = reverse("mediation:vacancy_propose", args=[world["vacancy"].pk])
    response = login(client, users[C]).post(
        url, {"profiles": [world["ana"].pk, world["bogdan"].pk]}, follow=True
    )
    assert response.status_code == 200
    assert Proposal.objects.count() == 2


def test_propose_with_nobody_checked_says_so(client, users, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    url = reverse("mediation:vacancy_propose", args=[world["vacancy"].pk])
    response = login(client, users[C]).post(url, {}, follow=True)
    assert "Choose at least one person." in response.content.decode()
    assert not Proposal.objects.exists()


def test_propose_people_of_another_agency_is_refused(client, users, world):
    url = reverse("mediation:vacancy_propose", args=[world["vacancy"].pk])
    login(client, users[OC]).post(url, {"profiles": [world["ana"].pk]})
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("kind, expected", [(AN, 403), (EMP, 403), (JS, 403), (ANON, 302)])
def test_only_counsellors_propose(client, users, world, kind, expected):
    url = reverse("mediation:vacancy_propose", args=[world["vacancy"].pk])
    response = login(client, users[kind]).post(url, {"profiles": [world["ana"].pk]})
    assert response.status_code == expected
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "kind, expected", [(ANON, 302), (JS, 404), (EMP, 404), (OC, 404), (C, 200), (AN, 200)]
)
def test_proposal_detail(client, users, proposal, kind, expected):
    url = reverse("mediation:proposal_detail", args=[proposal.pk])
    assert login(client, users[kind]).get(url).status_code == expected


def test_employer_sees_a_proposal_only_once_the_person_accepted(client, world, proposal):
    url = reverse("mediation:proposal_detail", args=[proposal.pk])
    client.force_login(world["employer"])
    assert client.get(url).status_code == 404
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    html = client.get(url).content.decode()
    assert world["ana"].cnp not in html and world["ana"].phone not in html
    assert world["essential"][0].label() in html


def test_person_accepts_and_downloads_the_letter(client, world, proposal):
    client.force_login(world["ana"].user)
    response = client.post(reverse("mediation:proposal_accept", args=[proposal.pk]))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT
    response = client.get(reverse("mediation:proposal_letter", args=[proposal.pk]))
    assert response["Content-Type"] == "application/pdf"
    # registered in the agency's one register (the vacancy notices' numbers), Romanian,
    # with the official header and page numbers
    agency = proposal.agency
    year = timezone.localdate().year
    assert proposal.registration_number == f"{agency.county_id}-{year}-000001"
    assert f'filename="{proposal.registration_number}.pdf"' in response["Content-Disposition"]
    text = assert_pdf_document(
        response.content,
        header=[agency.name, "Număr de înregistrare", proposal.registration_number],
    )
    assert world["vacancy"].title in text
    assert timezone.localdate().strftime("%d.%m.%Y") in text


def test_letters_share_the_agency_register_with_the_vacancy_notices(world, proposal):
    from employers.services import registration_number_take

    agency = proposal.agency
    year = timezone.localdate().year
    taken = registration_number_take(agency=agency, year=year)
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    proposal.refresh_from_db()
    assert taken == f"{agency.county_id}-{year}-000001"
    assert proposal.registration_number == f"{agency.county_id}-{year}-000002"


def test_decline_without_reason_changes_nothing(client, world, proposal):
    client.force_login(world["ana"].user)
    response = client.post(
        reverse("mediation:proposal_decline", args=[proposal.pk]), {"reason": ""}, follow=True
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["proposal_accept", "proposal_decline"])
def test_another_jobseeker_cannot_answer(client, users, proposal, name):
    login(client, users[JS]).post(reverse(f"mediation:{name}", args=[proposal.pk]), {"reason": "x"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PROPOSED


@pytest.mark.parametrize(
    "name, data",
    [
        ("proposal_hire", {"hired_on": "2020-01-01"}),
        ("proposal_reject", {"reason": "skills"}),
        ("proposal_invite", {}),
    ],
)
def test_another_employer_cannot_decide(client, users, world, proposal, name, data):
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    response = login(client, users[EMP]).post(
        reverse(f"mediation:{name}", args=[proposal.pk]), data
    )
    assert response.status_code == 404
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT


def test_employer_hires_through_the_page(client, world, proposal):
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    client.force_login(world["employer"])
    from django.utils import timezone

    client.post(
        reverse("mediation:proposal_hire", args=[proposal.pk]),
        {"hired_on": timezone.localdate().isoformat()},
    )
    world["vacancy"].refresh_from_db()
    assert world["vacancy"].open_posts == world["vacancy"].posts - 1


@pytest.mark.parametrize("kind, expected", [(ANON, 302), (EMP, 404), (OC, 404), (C, 200)])
def test_letter_permissions(client, users, world, proposal, kind, expected):
    services.proposal_accept(proposal=proposal, by=world["ana"].user)
    url = reverse("mediation:proposal_letter", args=[proposal.pk])
    assert login(client, users[kind]).get(url).status_code == expected


@pytest.mark.parametrize("kind, expected", [(ANON, 302), (JS, 200), (EMP, 200), (C, 200)])
def test_proposal_list(client, users, proposal, kind, expected):
    assert (
        login(client, users[kind]).get(reverse("mediation:proposal_list")).status_code == expected
    )


def test_proposal_list_query_count_does_not_grow(
    client, users, world, proposal, django_assert_max_num_queries
):
    from .factories import make_person

    client.force_login(users[C])
    url = reverse("mediation:proposal_list")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(5):
        services.proposal_create(vacancy=world["vacancy"], profile=make_person([]), by=users[C])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("/mediere/propuneri/") >= 6


def test_the_person_sees_the_job_before_answering(client, world, proposal):
    vacancy = world["vacancy"]
    vacancy.description = "Zidărie și tencuieli pe șantierele din Cluj."
    vacancy.save()
    client.force_login(world["ana"].user)
    response = client.get(reverse("mediation:proposal_detail", args=[proposal.pk]))
    html = response.content.decode()
    job = html[html.index('data-testid="proposal-job"') : html.index('data-testid="accept"')]
    assert "Zidărie și tencuieli pe șantierele din Cluj." in job
    assert vacancy.get_schedule_display() in job and vacancy.locality in job
    assert "lei" in job and "Gross monthly pay" in job
