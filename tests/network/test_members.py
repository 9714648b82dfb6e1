"""Membership: adhesion, approval, refusal, removal, representatives and their history."""

import pytest
from django.core import mail

from network import selectors, services
from network.models import Organisation, OrganisationTransition, Representative
from network.services import NetworkError
from puls.accounts.models import Role
from puls.reference.models import County
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory

from .factories import OrganisationFactory, RepresentativeFactory, pdf_upload

pytestmark = pytest.mark.django_db

REPRESENTATIVE = {
    "position": "Director",
    "network_role": "Reprezentant",
    "task": "Participă la întâlniri.",
    "phone": "0740 000 000",
}


def organisation_data(**overrides):
    return {
        "name": "Fundația Aequilibrium",
        "kind": Organisation.Kind.NGO,
        "county": County.objects.get(pk="TM"),
        "scope": "regional",
        "address": "Timișoara",
        "email": "office@aequilibrium.ro",
        "activity": "Consiliere.",
        **overrides,
    }


def apply(user, **overrides):
    return services.organisation_apply(
        user=user,
        organisation_data=organisation_data(**overrides),
        representative_data=REPRESENTATIVE,
        agreement_file=pdf_upload(),
    )


def test_adhesion_creates_a_pending_organisation_with_its_first_representative():
    user = UserFactory()
    organisation = apply(user)
    assert organisation.status == Organisation.Status.PENDING
    assert organisation.agreement.owner == user
    representative = organisation.representatives.get()
    assert representative.user == user and representative.task == "Participă la întâlniri."
    assert selectors.current_representation(user) is None  # not a member until approved
    user.refresh_from_db()
    assert user.role == Role.JOBSEEKER


def test_staff_cannot_apply_and_nobody_applies_twice():
    with pytest.raises(NetworkError, match="SPO staff"):
        apply(UserFactory(counsellor=True))
    user = UserFactory()
    apply(user)
    with pytest.raises(NetworkError, match="already represents"):
        apply(user, name="Alta")
    assert Organisation.objects.count() == 1


def test_a_refused_agreement_file_leaves_nothing():
    user = UserFactory()
    with pytest.raises(Exception, match="PDF, JPEG and PNG"):
        services.organisation_apply(
            user=user,
            organisation_data=organisation_data(),
            representative_data=REPRESENTATIVE,
            agreement_file=pdf_upload("acord.pdf", b"MZ\x90\x00binary"),
        )
    assert not Organisation.objects.exists()
    assert not Representative.objects.exists()


def test_approval_makes_the_representative_a_member(django_capture_on_commit_callbacks):
    user = UserFactory()
    organisation = apply(user)
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_approve(organisation=organisation, by=UserFactory(analyst=True))
    user.refresh_from_db()
    assert user.role == Role.NETWORK_MEMBER
    assert selectors.current_representation(user).organisation == organisation
    assert organisation.joined_at is not None
    assert mail.outbox[0].to == ["office@aequilibrium.ro"]
    assert list(organisation.transitions.values_list("from_status", "to_status")) == [
        ("", "pending"),
        ("pending", "approved"),
    ]


def test_refusal_ends_the_representation_and_a_second_decision_is_refused():
    user = UserFactory()
    organisation = apply(user)
    staff = UserFactory(analyst=True)
    services.organisation_refuse(organisation=organisation, by=staff, reason="Acord nesemnat")
    assert Representative.objects.get().ended_at is not None
    with pytest.raises(TransitionRefused):
        services.organisation_approve(organisation=organisation, by=staff)
    assert OrganisationTransition.objects.filter(to_status="approved").count() == 0
    apply(user, name="Fundația, a doua încercare")  # may apply again


def test_removal_takes_access_away_at_once():
    representative = RepresentativeFactory()
    assert selectors.current_representation(representative.user) is not None
    services.organisation_remove(
        organisation=representative.organisation, by=UserFactory(analyst=True), reason="Retragere"
    )
    assert selectors.current_representation(representative.user) is None
    representative.refresh_from_db()
    assert representative.organisation.left_at is not None


def test_replacing_a_representative_keeps_the_history():
    old = RepresentativeFactory()
    newcomer = UserFactory(employer=True)
    new = services.representative_replace(
        representative=old,
        user=newcomer,
        by=old.user,
        reason="Pensionare",
        representative_data={**REPRESENTATIVE, "task": "Coordonează grupul județean."},
    )
    old.refresh_from_db()
    newcomer.refresh_from_db()
    assert old.ended_at is not None and old.replaced_by == new and old.end_reason == "Pensionare"
    assert newcomer.role == Role.NETWORK_MEMBER
    assert selectors.current_representation(old.user) is None
    assert selectors.current_representation(newcomer).task == "Coordonează grupul județean."
    assert list(selectors.representation_history(old.organisation)) == [new, old]
    with pytest.raises(NetworkError, match="already replaced"):
        services.representative_replace(
            representative=old, user=UserFactory(), by=old.user, representative_data=REPRESENTATIVE
        )


def test_the_directory_lists_current_representatives_of_members_only():
    current = RepresentativeFactory()
    OrganisationFactory(pending=True)
    RepresentativeFactory(organisation=OrganisationFactory(pending=True))
    assert list(selectors.directory()) == [current]


@pytest.mark.parametrize("kind", ["jobseeker", "employer"])
def test_a_person_with_a_dossier_or_a_company_cannot_be_nominated(kind):
    from tests.employers.factories import CompanyFactory
    from tests.jobseekers.factories import JobseekerProfileFactory

    organisation = OrganisationFactory()
    nominee = UserFactory(employer=(kind == "employer"))
    if kind == "jobseeker":
        JobseekerProfileFactory(user=nominee)
    else:
        CompanyFactory(admin=nominee)
    manager = UserFactory(analyst=True)

    with pytest.raises(NetworkError, match="separate account"):
        services.representative_add(
            organisation=organisation, user=nominee, by=manager, representative_data=REPRESENTATIVE
        )

    nominee.refresh_from_db()
    assert nominee.role == kind
    assert not Representative.objects.filter(user=nominee).exists()


def test_the_nominated_person_is_told_at_once(django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    nominee = UserFactory(email="coleg@ong.ro")
    with django_capture_on_commit_callbacks(execute=True):
        services.representative_add(
            organisation=organisation,
            user=nominee,
            by=UserFactory(analyst=True),
            representative_data=REPRESENTATIVE,
        )
    assert [message.to for message in mail.outbox] == [["coleg@ong.ro"]]
    assert organisation.name in mail.outbox[0].subject
