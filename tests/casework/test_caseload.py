"""The counsellor's caseload: search (name, registration number, last CNP digits), filters (level,
plan, overdue, vulnerable situation, no consent to share the profile), orders, pagination, namesakes told apart, scope, audit of the
listing, a flat number of queries, and bad values refused with a message."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casework.models import PlanStatus
from jobseekers.models import VulnerabilityDeclaration, VulnerableGroup
from puls.audit.models import AuditEntry
from tests.accounts.factories import UserFactory, agency
from tests.jobseekers.factories import JobseekerProfileFactory

from .factories import CaseFileFactory, PlanFactory, PlanMeasureFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsellor(enrol_totp):
    return enrol_totp(UserFactory(counsellor=True))


def _client_of(owner, first, last, **profile):
    user = UserFactory(first_name=first, last_name=last)
    return CaseFileFactory(owner=owner, profile=JobseekerProfileFactory(user=user, **profile))


@pytest.fixture
def caseload(counsellor):
    """Two Maria Pops (namesakes: other age, locality), a profiled Ion with an overdue action,
    a vulnerable Ana with an issued plan, and Dan registered long ago without a plan."""
    now = timezone.now()
    maria_cluj = _client_of(
        counsellor, "Maria", "Pop", birth_date=datetime.date(1990, 3, 12), birth_year=1990
    )
    maria_dej = _client_of(
        counsellor,
        "Maria",
        "Pop",
        birth_date=datetime.date(1975, 6, 1),
        birth_year=1975,
        locality="Dej",
    )
    ion = _client_of(counsellor, "Ion", "Ionescu", registered_at=now - datetime.timedelta(days=10))
    ion.level = "very_hard"
    ion.save()
    PlanMeasureFactory(plan=PlanFactory(case_file=ion), overdue=True)
    ana = _client_of(counsellor, "Ana", "Avram", registered_at=now - datetime.timedelta(days=5))
    ana.level = "easy"
    ana.save()
    PlanMeasureFactory(plan=PlanFactory(case_file=ana, issued=True))
    VulnerabilityDeclaration.objects.create(profile=ana.profile, group=VulnerableGroup.MIGRANT)
    dan = _client_of(counsellor, "Dan", "Dinu", registered_at=now - datetime.timedelta(days=400))
    return {"maria_cluj": maria_cluj, "maria_dej": maria_dej, "ion": ion, "ana": ana, "dan": dan}


def _listed(client, **query):
    response = client.get(reverse("casework:caseload"), query)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [case.pk for case in response.context["clients"]]


def test_search_by_name_words_registration_number_and_last_cnp_digits(client, counsellor, caseload):
    client.force_login(counsellor)
    marias = {caseload["maria_cluj"].pk, caseload["maria_dej"].pk}
    assert set(_listed(client, q="maria pop")) == marias
    assert _listed(client, q="  ionescu ") == [caseload["ion"].pk]
    ana = caseload["ana"]
    assert _listed(client, q=str(ana.profile.pk)) == [ana.pk]
    digits = ana.profile.cnp[-4:]
    assert ana.profile.cnp_last_digits == digits
    assert ana.pk in _listed(client, q=digits)
    assert _listed(client, q="nobody") == []


def test_a_whole_cnp_is_dropped_from_the_address_with_a_message(client, counsellor, caseload):
    client.force_login(counsellor)
    cnp = caseload["ana"].profile.cnp
    response = client.get(reverse("casework:caseload"), {"q": cnp, "level": "easy"})
    assert response.status_code == 302
    assert response.url == reverse("casework:caseload") + "?level=easy"
    content = client.get(response.url).content.decode()
    assert "To find a person by the whole CNP use the form on the agency" in content
    assert cnp not in content


def test_filters_by_level_plan_overdue_and_vulnerable_situation(client, counsellor, caseload):
    client.force_login(counsellor)
    assert _listed(client, level="very_hard") == [caseload["ion"].pk]
    assert set(_listed(client, level="none")) == {
        caseload[name].pk for name in ("maria_cluj", "maria_dej", "dan")
    }
    assert _listed(client, plan=PlanStatus.ISSUED) == [caseload["ana"].pk]
    assert _listed(client, plan=PlanStatus.DRAFT) == [caseload["ion"].pk]
    assert caseload["ion"].pk not in _listed(client, plan="none")
    assert _listed(client, overdue="on") == [caseload["ion"].pk]
    assert _listed(client, vulnerable=VulnerableGroup.MIGRANT) == [caseload["ana"].pk]
    assert _listed(client, vulnerable=VulnerableGroup.HOMELESS) == []
    assert _listed(client, level="easy", plan=PlanStatus.ISSUED) == [caseload["ana"].pk]


def test_people_without_consent_to_share_are_flagged_and_can_be_listed_alone(
    client, counsellor, caseload
):
    for name in ("maria_cluj", "ion", "ana", "dan"):
        caseload[name].profile.share_with_employers = True
        caseload[name].profile.save(update_fields=["share_with_employers"])
    client.force_login(counsellor)

    response = client.get(reverse("casework:caseload"))

    content = response.content.decode()
    assert content.count('data-testid="no-share-consent"') == 1  # Maria Pop of Dej only
    assert (
        'No sharing consent<span class="visually-hidden">: this person has not consented to '
        "share the profile with employers, so mediation leaves them out</span>" in content
    )
    assert _listed(client, no_share_consent="on") == [caseload["maria_dej"].pk]
    assert len(_listed(client, no_share_consent="")) == 5


def test_orders(client, counsellor, caseload):
    client.force_login(counsellor)
    by_deadline = _listed(client)  # next action first: the overdue measure, then the next one
    assert by_deadline[:2] == [caseload["ion"].pk, caseload["ana"].pk]
    assert _listed(client, sort="registered_oldest")[0] == caseload["dan"].pk
    newest = _listed(client, sort="registered_newest")
    assert newest.index(caseload["ana"].pk) < newest.index(caseload["ion"].pk)
    assert newest[-1] == caseload["dan"].pk
    assert _listed(client, sort="level_hardest")[:2] == [caseload["ion"].pk, caseload["ana"].pk]
    assert _listed(client, sort="level_easiest")[:2] == [caseload["ana"].pk, caseload["ion"].pk]
    assert _listed(client, sort="name")[0] == caseload["ana"].pk  # Avram


def test_namesakes_are_told_apart_by_age_locality_and_registration_number(
    client, counsellor, caseload
):
    client.force_login(counsellor)
    content = client.get(reverse("casework:caseload"), {"q": "Maria"}).content.decode()
    cluj, dej = caseload["maria_cluj"].profile, caseload["maria_dej"].profile
    for profile in (cluj, dej):
        assert f"{profile.age} years · {profile.locality} · reg. no. {profile.pk}" in content
    assert cluj.age != dej.age


@pytest.mark.parametrize(
    "query",
    [
        {"level": "impossible"},
        {"plan": "x"},
        {"vulnerable": "\u00e9" * 30},
        {"sort": "-pk"},
        {"q": "a" * 500},
    ],
)
def test_bad_values_are_refused_with_a_message_not_a_server_error(
    client, counsellor, caseload, query
):
    client.force_login(counsellor)
    response = client.get(reverse("casework:caseload"), query)
    assert response.status_code == 400
    content = response.content.decode()
    assert "invalid-feedback" in content or "is-invalid" in content
    assert len(response.context["clients"]) == 5  # the rest of the page still works


def test_other_counsellors_clients_are_not_listed_nor_found(client, counsellor, caseload):
    colleague_case = _client_of(UserFactory(counsellor=True), "Maria", "Pop")
    other_agency = _client_of(
        UserFactory(counsellor=True, agency=agency("AB")), "Maria", "Pop", county_id="AB"
    )
    client.force_login(counsellor)
    listed = _listed(client, q="Maria")
    assert colleague_case.pk not in listed and other_agency.pk not in listed
    assert _listed(client, q=str(colleague_case.profile.pk)) == []


def test_the_agency_admin_has_no_caseload_of_their_own(client, enrol_totp, caseload):
    client.force_login(enrol_totp(UserFactory(agency_admin=True)))
    assert client.get(reverse("casework:caseload")).status_code == 403


def test_pagination_keeps_the_filters_and_each_page_audits_what_it_listed(
    client, counsellor, caseload
):
    for n in range(30):
        _client_of(counsellor, f"Maria{n:02}", "Pop")
    client.force_login(counsellor)
    AuditEntry.objects.all().delete()

    first = client.get(reverse("casework:caseload"), {"q": "Pop", "sort": "name"})
    second = client.get(reverse("casework:caseload"), {"q": "Pop", "sort": "name", "page": 2})

    assert len(first.context["clients"]) == 25 and len(second.context["clients"]) == 7
    assert "q=Pop&amp;sort=name&amp;page=2" in first.content.decode()
    listed = AuditEntry.objects.filter(action=AuditEntry.Action.LIST, actor=counsellor)
    assert listed.count() == 32
    shown = {case.profile_id for case in second.context["clients"]}
    assert shown <= {int(pk) for pk in listed.values_list("target_object_id", flat=True)}


def test_queries_are_the_same_for_25_and_200_clients(client, counsellor):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(
                reverse("casework:caseload"),
                {"q": "Pop", "overdue": "", "no_share_consent": "on", "sort": "level_hardest"},
            )
        assert response.status_code == 200
        return len(captured)

    client.force_login(counsellor)
    for n in range(25):
        PlanMeasureFactory(plan=PlanFactory(case_file=_client_of(counsellor, f"M{n}", "Pop")))
    few = queries()
    for n in range(175):
        PlanMeasureFactory(plan=PlanFactory(case_file=_client_of(counsellor, f"N{n}", "Pop")))
    assert queries() == few <= 18
