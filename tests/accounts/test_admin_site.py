"""The admin's autocomplete fields refuse ids that name no row with a message, not a server error."""

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

NO_ROW = ["abc", "²", str(10**30)]  # not a number, a digit int() refuses, beyond 64 bits


@pytest.fixture
def admin_client(client, enrol_totp):
    client.force_login(enrol_totp(UserFactory(is_superuser=True, is_staff=True)))
    return client


@pytest.mark.parametrize("value", NO_ROW)
def test_an_add_page_prefilled_with_an_id_that_names_no_row_opens(admin_client, value):
    response = admin_client.get(reverse("admin:casework_measuretype_add"), {"skills": value})

    assert response.status_code == 200


@pytest.mark.parametrize("value", NO_ROW)
def test_an_id_that_names_no_row_is_refused_as_a_choice_that_does_not_exist(admin_client, value):
    response = admin_client.post(
        reverse("admin:casework_measuretype_add"),
        {"name": "Mediere", "code": "MED", "order": 1, "skills": value},
    )

    assert response.status_code == 200
    assert "skills" in response.context["adminform"].form.errors
