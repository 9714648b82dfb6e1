"""Jobs that fit me: a consenting jobseeker sees the open vacancies mediation's engine ranks for
them, with what they have and lack and where to learn it, and tells their counsellor of their
interest from there; the employer still sees only proposed candidates."""

import pytest
from django.conf import settings
from django.urls import reverse

from casework.models import MeasureType
from jobseekers.models import VacancyInterest
from mediation import index
from mediation import selectors as mediation_selectors
from puls.audit.models import AuditEntry
from tests.accounts.factories import UserFactory, agency
from tests.client import PortalClient
from tests.employers.factories import CompanyFactory
from tests.mediation.factories import make_occupation, make_person, make_vacancy

pytestmark = pytest.mark.django_db

MATCHES = reverse("jobseekers:matches")


@pytest.fixture(autouse=True)
def fresh_index():
    index.reset()
    yield
    index.reset()


@pytest.fixture
def world(db):
    """Dana holds three of the four essential skills of a published vacancy in Cluj (full time)
    and of one in Iași (part time); a draft asks for the same skills. A training measure teaches
    the fourth skill."""
    employer = UserFactory(employer=True)
    company = CompanyFactory(admin=employer, verified=True)
    cor, esco, essential, optional = make_occupation()
    cluj = make_vacancy(cor, esco, essential, optional, company=company, title="Analist Cluj")
    iasi = make_vacancy(
        cor,
        esco,
        essential,
        company=company,
        title="Analist Iași",
        county_id="IS",
        locality="Iași",
        schedule="part_time",
    )
    draft = make_vacancy(cor, esco, essential, company=company, title="Ciornă", published=False)
    dana = make_person(essential[:3], user=UserFactory(first_name="Dana", last_name="Zamfirescu"))
    dana.matching_consent_at = dana.registered_at
    dana.save()
    course = MeasureType.objects.create(code="curs-analiza", name="Curs de analiză de date")
    course.skills.add(essential[3])
    return {
        "employer": employer,
        "cluj": cluj,
        "iasi": iasi,
        "draft": draft,
        "dana": dana,
        "essential": essential,
        "course": course,
    }


@pytest.fixture
def dana_client(client, world):
    client.force_login(world["dana"].user)
    return client


def english_client():
    client = PortalClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def shown(response):
    return [match.vacancy for match in response.context["page_obj"]]


# --- Who may open it -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, expected",
    [
        ("anonymous", "login"),
        ("employer", 403),
        ("counsellor", 403),
        ("agency_admin", 403),
        ("analyst", 403),
        ("network_member", 403),
        ("jobseeker", 200),
    ],
)
def test_only_jobseekers_open_their_matches(client, enrol_totp, world, kind, expected):
    users = {
        "employer": lambda: world["employer"],
        "counsellor": lambda: enrol_totp(UserFactory(counsellor=True)),
        "agency_admin": lambda: enrol_totp(UserFactory(agency_admin=True)),
        "analyst": lambda: enrol_totp(UserFactory(analyst=True)),
        "network_member": lambda: UserFactory(network_member=True),
        "jobseeker": lambda: world["dana"].user,
    }
    if kind != "anonymous":
        client.force_login(users[kind]())
    response = client.get(MATCHES)
    if expected == "login":
        assert response.status_code == 302 and "/cont/login/" in response.url
    else:
        assert response.status_code == expected


def test_a_jobseeker_sees_only_their_own_matches_and_interests(client, world):
    """Another person's consent, skills and interest change nothing on Ana's page, and nothing in
    the query string can turn it into someone else's page."""
    other = make_person([], user=UserFactory(first_name="Ana"))
    other.matching_consent_at = other.registered_at
    other.save()
    VacancyInterest.objects.create(profile=world["dana"], vacancy=world["cluj"])
    client.force_login(other.user)
    response = client.get(MATCHES, {"profile": world["dana"].pk, "pk": world["dana"].pk})
    assert response.context["profile"] == other
    assert response.context["unavailable"] == "no_skills"
    assert "Zamfirescu" not in response.content.decode()


# --- The empty states ----------------------------------------------------------------------------


def test_without_consent_the_page_explains_and_offers_it_and_ranks_nothing(dana_client, world):
    world["dana"].matching_consent_at = None
    world["dana"].save()
    response = dana_client.get(MATCHES)
    page = response.content.decode()
    assert response.context["unavailable"] == "no_consent"
    assert list(response.context["page_obj"]) == []
    assert 'data-testid="matches-no-consent"' in page
    assert reverse("jobseekers:matching_consent_give") in page
    assert "Analist Cluj" not in page


def test_giving_consent_from_the_page_comes_back_to_the_matches(dana_client, world):
    world["dana"].matching_consent_at = None
    world["dana"].save()
    response = dana_client.post(
        reverse("jobseekers:matching_consent_give"), {"next": MATCHES + "?county=CJ"}
    )
    assert response.status_code == 302 and response.url == MATCHES + "?county=CJ"
    assert shown(dana_client.get(response.url)) == [world["cluj"]]


def test_without_skills_the_page_links_to_the_dossier(client, db):
    person = make_person([])
    person.matching_consent_at = person.registered_at
    person.save()
    client.force_login(person.user)
    response = client.get(MATCHES)
    assert response.context["unavailable"] == "no_skills"
    assert reverse("jobseekers:dossier") + "#competente" in response.content.decode()


def test_no_match_says_so_and_a_filter_can_be_cleared(dana_client, world):
    response = dana_client.get(MATCHES, {"county": "B"})
    page = response.content.decode()
    assert response.context["unavailable"] is None and shown(response) == []
    assert 'data-testid="matches-none"' in page
    assert "No open vacancy fits your competences with these filters." in page

    world["cluj"].status = world["iasi"].status = "filled"
    world["cluj"].save()
    world["iasi"].save()
    response = dana_client.get(MATCHES)
    assert shown(response) == []
    assert "No open vacancy fits your competences at the moment." in response.content.decode()


# --- The matches ---------------------------------------------------------------------------------


def test_matches_are_the_engines_ranking_and_explanation(
    dana_client, world, django_assert_max_num_queries
):
    index.get_index()  # built once per process, never counted against a page
    with django_assert_max_num_queries(28):
        response = dana_client.get(MATCHES)
    engine = mediation_selectors.ranked_vacancies(profile=world["dana"], user=world["dana"].user)
    matches = list(response.context["page_obj"])
    assert [match.vacancy for match in matches] == [row.vacancy for row in engine]
    assert [match.explanation for match in matches] == [row.explanation for row in engine]
    assert [match.score for match in matches] == [row.score for row in engine]
    assert world["draft"] not in shown(response)
    assert set(shown(response)) == {world["cluj"], world["iasi"]}


def test_a_missing_skill_links_to_the_training_measure_that_teaches_it(dana_client, world):
    response = dana_client.get(MATCHES, {"county": "CJ"})
    (match,) = response.context["page_obj"]
    lacking = world["essential"][3].label()
    assert match.missing == [(lacking, [world["course"]])]
    assert set(match.explanation["matched"]) == {skill.label() for skill in world["essential"][:3]}
    page = response.content.decode()
    link = reverse("casework:training_catalogue") + "#masura-curs-analiza"
    assert f'href="{link}"' in page
    catalogue = dana_client.get(reverse("casework:training_catalogue")).content.decode()
    assert 'id="masura-curs-analiza"' in catalogue and lacking in catalogue


def test_a_withdrawn_measure_is_not_offered(dana_client, world):
    world["course"].active = False
    world["course"].save()
    (match,) = dana_client.get(MATCHES, {"county": "CJ"}).context["page_obj"]
    assert match.missing == [(world["essential"][3].label(), [])]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"county": "CJ"}, {"cluj"}),
        ({"county": "IS"}, {"iasi"}),
        ({"schedule": "part_time"}, {"iasi"}),
        ({"schedule": "full_time"}, {"cluj"}),
        ({"county": "CJ", "schedule": "part_time"}, set()),
        ({"county": "nowhere", "schedule": "night"}, {"cluj", "iasi"}),  # refused: ignored
    ],
)
def test_filters_by_county_and_schedule(dana_client, world, filters, expected):
    response = dana_client.get(MATCHES, filters)
    assert set(shown(response)) == {world[name] for name in expected}


def test_matches_are_paginated_with_a_fixed_number_of_queries(
    dana_client, world, django_assert_max_num_queries
):
    cor, esco = world["cluj"].cor_occupation, world["cluj"].esco_occupation
    for number in range(10):
        make_vacancy(cor, esco, world["essential"], title=f"Analist {number}")
    index.get_index()
    with django_assert_max_num_queries(28):
        first = dana_client.get(MATCHES)
    second = dana_client.get(MATCHES, {"page": 2})
    assert len(first.context["page_obj"]) == 10 and len(second.context["page_obj"]) == 2
    assert not set(shown(first)) & set(shown(second))
    assert "?page=2" in first.content.decode()


# --- Interest from the page, and what the employer sees ------------------------------------------


def test_interest_from_the_page_reaches_the_counsellor_but_not_the_employer(
    dana_client, world, enrol_totp
):
    response = dana_client.post(
        reverse("jobseekers:job_action", args=[world["cluj"].pk, "interes"]),
        {"next": MATCHES + "?county=CJ"},
    )
    assert response.url == MATCHES + "?county=CJ"
    assert VacancyInterest.objects.filter(profile=world["dana"], vacancy=world["cluj"]).exists()
    (match,) = dana_client.get(response.url).context["page_obj"]
    assert match.interested

    counsellor = english_client()
    counsellor.force_login(enrol_totp(UserFactory(counsellor=True, agency=agency("CJ"))))
    assert "Zamfirescu" in counsellor.get(reverse("jobseekers:staff_interests")).content.decode()

    employer = english_client()
    employer.force_login(world["employer"])
    assert not mediation_selectors.proposals_visible_to(world["employer"]).exists()
    for url in (
        reverse("employers:dashboard"),
        reverse("employers:vacancy_detail", args=[world["cluj"].pk]),
        reverse("mediation:proposal_list"),
    ):
        page = employer.get(url)
        assert page.status_code == 200, url
        assert "Zamfirescu" not in page.content.decode(), url


# --- Consent on the dossier ----------------------------------------------------------------------


def test_consent_is_given_and_withdrawn_on_the_dossier_and_audited(dana_client, world):
    dana = world["dana"]
    dossier = dana_client.get(reverse("jobseekers:dossier")).content.decode()
    assert reverse("jobseekers:matching_consent_withdraw") in dossier

    response = dana_client.post(reverse("jobseekers:matching_consent_withdraw"))
    assert response.url == reverse("jobseekers:dossier") + "#preferinte"
    dana.refresh_from_db()
    assert dana.matching_consent_at is None
    assert dana_client.get(MATCHES).context["unavailable"] == "no_consent"

    dana_client.post(reverse("jobseekers:matching_consent_give"))
    dana.refresh_from_db()
    assert dana.matching_consent_at is not None
    entries = AuditEntry.objects.filter(
        actor=dana.user, action=AuditEntry.Action.UPDATE, target_object_id=str(dana.pk)
    )
    assert sorted(entry.path for entry in entries) == [
        reverse("jobseekers:matching_consent_give"),
        reverse("jobseekers:matching_consent_withdraw"),
    ]


def test_consent_forms_are_post_only_and_for_the_person(client, world):
    assert client.post(reverse("jobseekers:matching_consent_give")).status_code == 302
    client.force_login(world["employer"])
    assert client.post(reverse("jobseekers:matching_consent_give")).status_code == 403
    client.force_login(world["dana"].user)
    assert client.get(reverse("jobseekers:matching_consent_give")).status_code == 405
