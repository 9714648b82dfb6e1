"""Every role's navigation leads to pages that role may open."""

import pytest
from django.urls import reverse

from puls.accounts.models import Role
from puls.accounts.navigation import NAVIGATION, navigation_for
from tests.accounts.factories import UserFactory
from tests.accounts.test_dashboards import KINDS, STAFF
from tests.jobseekers.factories import JobseekerProfileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", [*KINDS, "superuser"])
def test_each_navigation_item_opens_for_the_role(client, enrol_totp, kind):
    if kind == "superuser":
        user = UserFactory(is_superuser=True, is_staff=True)
    else:
        user = UserFactory(**KINDS[kind])
    if kind == "jobseeker":
        JobseekerProfileFactory(user=user)
    if kind in STAFF or kind == "superuser":
        enrol_totp(user)
    client.force_login(user)
    items = navigation_for(user, current_path="/")
    assert items
    for item in items:
        assert client.get(item["url"]).status_code == 200, item["url"]


def test_the_current_page_is_marked(client):
    user = UserFactory(employer=True)
    client.force_login(user)
    page = client.get(reverse("documents:list")).content.decode()
    assert f'href="{reverse("documents:list")}" aria-current="page"' in page


def test_every_role_has_a_navigation():
    assert set(NAVIGATION) == set(Role)
