"""Mediation groups with sessions and attendance (referrals: test_referrals.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework import selectors, services
from casework.models import GroupSession, MediationGroup
from puls.reference.models import County
from tests.accounts.factories import UserFactory, agency
from tests.employers.factories import CompanyFactory
from tests.jobseekers.factories import EscoOccupationFactory, JobseekerProfileFactory
from tests.mediation.factories import ProposalFactory
from tests.reference.factories import CorOccupationFactory

from .factories import CaseFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsellor(enrol_totp):
    return enrol_totp(UserFactory(counsellor=True))


def test_group_candidates_by_career_option_and_level(counsellor):
    group = services.group_create(
        agency=counsellor.agency, name="Brutari", description="", by=counsellor
    )
    baker = EscoOccupationFactory(preferred_labels={"en": "baker", "ro": "brutar"})
    wants_baking = JobseekerProfileFactory()
    wants_baking.wished_occupations.add(baker)
    CaseFileFactory(profile=wants_baking, level="hard")
    JobseekerProfileFactory()  # another career option
    assert list(selectors.group_candidates(counsellor, group=group, occupation="baker")) == [
        wants_baking
    ]
    assert not selectors.group_candidates(counsellor, group=group, occupation="baker", level="easy")
    # The COR name the person picked finds them too, diacritics optional.
    wish = wants_baking.occupation_wishes.get()
    wish.cor_occupation = CorOccupationFactory(code="751299", name="brutar patiser")
    wish.save()
    assert list(selectors.group_candidates(counsellor, group=group, occupation="Patișer")) == [
        wants_baking
    ]
    other_agency = JobseekerProfileFactory(county=County.objects.get(code="AB"))
    assert (
        services.group_members_add(
            group=group, profiles=[wants_baking, other_agency], by=counsellor
        )
        == 1
    )
    assert list(group.members.all()) == [wants_baking]


def test_session_attendance_and_proposals(counsellor):
    group = MediationGroup.objects.create(agency=counsellor.agency, name="Sudori")
    present, absent = JobseekerProfileFactory(), JobseekerProfileFactory()
    group.members.add(present, absent)
    company = CompanyFactory(verified=True)
    with pytest.raises(ValidationError, match="at least one employer"):
        services.session_plan(
            group=group,
            kind=GroupSession.Kind.EMPLOYER_MEETING,
            starts_at=timezone.now(),
            place="AJOFM",
            companies=[],
            by=counsellor,
        )
    session = services.session_plan(
        group=group,
        kind=GroupSession.Kind.EMPLOYER_MEETING,
        starts_at=timezone.now() + datetime.timedelta(days=1),
        place="Sala 2, AJOFM Cluj",
        companies=[company],
        by=counsellor,
    )
    with pytest.raises(ValidationError, match="once the session has taken place"):
        services.session_record(
            session=session, attended_ids={present.pk}, proposals=[], by=counsellor
        )
    session.starts_at = timezone.now() - datetime.timedelta(hours=1)
    session.save()
    proposal = ProposalFactory(profile=present)
    outsider = ProposalFactory()
    services.session_record(
        session=session, attended_ids={present.pk}, proposals=[proposal, outsider], by=counsellor
    )
    assert {a.profile_id: a.attended for a in session.attendances.all()} == {
        present.pk: True,
        absent.pk: False,
    }
    assert list(session.proposals.all()) == [proposal]


def test_groups_are_of_the_agency_only(client, counsellor, enrol_totp):
    group = MediationGroup.objects.create(agency=counsellor.agency, name="Sudori")
    client.force_login(enrol_totp(UserFactory(counsellor=True, agency=agency("AB"))))
    assert client.get(reverse("casework:group_detail", args=[group.pk])).status_code == 404
    client.force_login(counsellor)
    assert client.get(reverse("casework:group_detail", args=[group.pk])).status_code == 200
    client.force_login(UserFactory())
    assert client.get(reverse("casework:group_list")).status_code == 403


def test_a_group_name_on_two_lines_is_refused_on_the_form_and_nothing_is_created(
    client, counsellor
):
    client.force_login(counsellor)
    response = client.post(reverse("casework:group_list"), {"name": "Sudori\r\nBcc: x"})

    assert response.status_code == 200
    assert "without line breaks" in response.content.decode()
    assert not MediationGroup.objects.exists()


@pytest.mark.parametrize("field", ["companies", "attended"])
def test_an_id_beyond_any_column_in_a_session_form_is_refused_and_nothing_is_recorded(
    client, counsellor, field
):
    # SQLite raised OverflowError on such an id (a server error); PostgreSQL found no row
    group = MediationGroup.objects.create(agency=counsellor.agency, name="Sudori")
    starts = timezone.localtime() + datetime.timedelta(days=3)
    client.force_login(counsellor)
    huge = str(10**30)

    if field == "companies":
        response = client.post(
            reverse("casework:session_create", args=[group.pk]),
            {
                "kind": "job_club",
                "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
                "place": "Sala 2",
                "companies": [huge],
            },
            follow=True,
        )
        assert not GroupSession.objects.exists()
    else:
        session = GroupSession.objects.create(
            group=group, kind="job_club", starts_at=starts, place="Sala 2"
        )
        response = client.post(
            reverse("casework:session_detail", args=[session.pk]), {field: [huge]}, follow=True
        )
        assert not session.attendances.exists()

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
