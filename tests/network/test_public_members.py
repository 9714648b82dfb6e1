"""The public list of member organisations and what each representative chooses to publish."""

import pytest
from django.urls import reverse

from network.models import Organisation
from puls.audit.models import AuditEntry
from puls.reference.models import County
from tests.accounts.factories import UserFactory

from .factories import OrganisationFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db

URL = reverse("network:public_members")


def test_visitors_see_members_with_only_the_contacts_they_chose(client):
    shown = OrganisationFactory(
        name="Asociația Speranța",
        email="public@sperata.ro",
        phone="0264 111 222",
        website="https://sperata.ro",
        public_offer="Consiliere pentru tineri.",
        publish_email=True,
    )
    OrganisationFactory(name="Fundația Tăcută", email="ascuns@tacut.ro", phone="0264 999 888")
    OrganisationFactory(name="Cerere în așteptare", pending=True)
    removed = OrganisationFactory(name="Membru retras")
    removed.status = Organisation.Status.REMOVED
    removed.save()

    page = client.get(URL).content.decode()

    assert "Asociația Speranța" in page and "Consiliere pentru tineri." in page
    assert "public@sperata.ro" in page
    assert "0264 111 222" not in page and "https://sperata.ro" not in page
    assert "Fundația Tăcută" in page
    assert "ascuns@tacut.ro" not in page and "0264 999 888" not in page
    assert "Cerere în așteptare" not in page and "Membru retras" not in page
    assert shown.address not in page


def test_members_are_listed_in_romanian_order_and_filtered(client):
    for name in ("Ștefan Asociația", "Sigma ONG", "Țara Fundația", "Tineri Activi"):
        OrganisationFactory(name=name)
    OrganisationFactory(
        name="Universitatea din Iași",
        kind=Organisation.Kind.ACADEMIA,
        county=County.objects.get(pk="IS"),
    )

    page = client.get(URL).content.decode()
    order = [page.index(name) for name in ("Sigma ONG", "Ștefan", "Tineri Activi", "Țara")]
    assert order == sorted(order)

    by_county = client.get(URL, {"county": "IS"}).content.decode()
    assert "Universitatea din Iași" in by_county and "Sigma ONG" not in by_county
    assert "1 organisation matches." in by_county
    by_kind = client.get(URL, {"kind": Organisation.Kind.ACADEMIA}).content.decode()
    assert "Universitatea din Iași" in by_kind and "Tineri Activi" not in by_kind
    by_word = client.get(URL, {"q": "tineri"}).content.decode()
    assert "Tineri Activi" in by_word and "Sigma ONG" not in by_word


def test_a_county_that_does_not_exist_is_refused_clearly(client):
    OrganisationFactory(name="Sigma ONG")
    response = client.get(URL, {"county": "ZZ"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_the_list_costs_the_same_queries_for_more_members(client, django_assert_max_num_queries):
    OrganisationFactory.create_batch(3)
    with django_assert_max_num_queries(4):  # session-less: page count, page, counties of the filter
        client.get(URL)
    OrganisationFactory.create_batch(15)
    with django_assert_max_num_queries(4):
        client.get(URL)


def test_a_representative_publishes_the_offer_and_chosen_contacts(client):
    representative = RepresentativeFactory()
    organisation = representative.organisation
    client.force_login(representative.user)

    response = client.post(
        reverse("network:my_organisation_public"),
        {"public_offer": "Cursuri gratuite de limba română.", "publish_phone": "on"},
    )

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.public_offer == "Cursuri gratuite de limba română."
    assert organisation.publish_phone and not organisation.publish_email
    assert AuditEntry.objects.filter(
        actor=representative.user,
        action=AuditEntry.Action.UPDATE,
        target_object_id=str(organisation.pk),
    ).exists()


def test_a_too_long_offer_is_refused_and_nothing_changes(client):
    representative = RepresentativeFactory()
    client.force_login(representative.user)

    response = client.post(
        reverse("network:my_organisation_public"),
        {"public_offer": "x" * 1001, "publish_email": "on"},
    )

    assert response.status_code == 400
    assert "at most 1000 characters (it has 1001)" in response.content.decode()
    representative.organisation.refresh_from_db()
    assert representative.organisation.public_offer == ""
    assert not representative.organisation.publish_email


@pytest.mark.parametrize("kind", ["anonymous", "jobseeker", "employer", "counsellor"])
def test_only_a_representative_changes_the_public_profile(client, kind):
    organisation = RepresentativeFactory().organisation
    users = {
        "jobseeker": UserFactory(),
        "employer": UserFactory(employer=True),
        "counsellor": UserFactory(counsellor=True),
    }
    if kind != "anonymous":
        client.force_login(users[kind])
    response = client.post(
        reverse("network:my_organisation_public"),
        {"public_offer": "Altceva", "publish_email": "on"},
    )
    assert response.status_code in (302, 403)
    if kind == "anonymous":
        assert "/cont/login/" in response.url
    organisation.refresh_from_db()
    assert organisation.public_offer == "" and not organisation.publish_email


@pytest.mark.parametrize("kind", ["anonymous", "jobseeker", "employer", "counsellor", "member"])
def test_everyone_may_read_the_public_list(client, kind):
    representative = RepresentativeFactory()
    users = {
        "jobseeker": UserFactory(),
        "employer": UserFactory(employer=True),
        "counsellor": UserFactory(counsellor=True),
        "member": representative.user,
    }
    if kind != "anonymous":
        client.force_login(users[kind])
    response = client.get(URL)
    assert response.status_code == 200
    assert representative.organisation.name in response.content.decode()


@pytest.mark.romanian
def test_the_list_reads_in_romanian(client):
    OrganisationFactory(name="Sigma ONG", county=County.objects.get(pk="IS"))
    page = client.get(URL, {"county": "IS"}).content.decode()
    assert "Membrii rețelei de parteneri" in page
    assert "1 organizație corespunde." in page
