"""The preferences page: each signed-in person sets the language of their own e-mails."""

import pytest
from django.urls import reverse

from puls.audit.models import AuditEntry
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("notifications:preferences")


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/cont/login/" in response.url


@pytest.mark.parametrize("kind", ["jobseeker", "employer", "network_member"])
def test_each_role_changes_only_their_own_language(client, kind):
    user = UserFactory(**({} if kind == "jobseeker" else {kind: True}), language="ro")
    other = UserFactory(language="ro")
    client.force_login(user)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"language": "en"})
    assert response.status_code == 302
    user.refresh_from_db(), other.refresh_from_db()
    assert (user.language, other.language) == ("en", "ro")
    assert AuditEntry.objects.filter(actor=user, action=AuditEntry.Action.UPDATE).exists()


def test_an_unknown_language_is_refused_and_nothing_changes(client):
    user = UserFactory(language="ro")
    client.force_login(user)
    response = client.post(URL, {"language": "xx"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    user.refresh_from_db()
    assert user.language == "ro"
