"""The vacancy feed for members: from the portal with a session, or with a personal API token."""

import csv
import io

import pytest
from django.urls import reverse

from network import services
from network.models import ApiToken
from puls.audit.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.employers.factories import VacancyFactory

from .factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def vacancies():
    return [VacancyFactory(published=True, title="Programator Python"), VacancyFactory()]


@pytest.fixture
def token():
    representative = RepresentativeFactory()
    token, raw = services.api_token_create(user=representative.user, name="Sistemul ONG")
    return token, raw


def api(client, raw, fmt="json"):
    return client.get(
        reverse("network:api_vacancy_feed", args=[fmt]), HTTP_AUTHORIZATION=f"Bearer {raw}"
    )


def test_the_json_feed_with_a_token_has_the_published_vacancies_only(client, vacancies, token):
    response = api(client, token[1])
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["vacancies"][0]["title"] == "Programator Python"
    assert response["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(action="export", actor=token[0].user).exists()
    token[0].refresh_from_db()
    assert token[0].last_used_at is not None


def test_the_csv_feed_with_a_token(client, vacancies, token):
    response = api(client, token[1], "csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Programator Python"]


@pytest.mark.parametrize("header", ["", "Bearer ", "Bearer puls_nu-exista", "Token abc"])
def test_no_or_a_wrong_token_gets_401(client, vacancies, token, header):
    response = client.get(
        reverse("network:api_vacancy_feed", args=["json"]), HTTP_AUTHORIZATION=header
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Programator" not in response.content.decode()


def test_a_revoked_token_gets_401(client, vacancies, token):
    client.force_login(token[0].user)
    client.post(reverse("network:api_token_revoke", args=[token[0].pk]))
    client.logout()
    assert api(client, token[1]).status_code == 401


def test_the_token_is_shown_once_and_only_its_hash_is_kept(client):
    user = RepresentativeFactory().user
    client.force_login(user)
    page = client.post(reverse("network:api_tokens"), {"name": "Integrare"}).content.decode()
    token = ApiToken.objects.get()
    start = page.index('data-testid="new-token">') + len('data-testid="new-token">')
    raw = page[start : page.index("<", start)]
    assert raw.startswith(token.prefix) and len(raw) > 40
    assert raw not in client.get(reverse("network:api_tokens")).content.decode()
    client.logout()
    assert api(client, raw).status_code == 200


def test_members_download_the_feed_from_the_portal(client, vacancies):
    client.force_login(RepresentativeFactory().user)
    response = client.get(reverse("network:vacancy_feed", args=["json"]))
    assert response.json()["count"] == 1
    assert client.get(reverse("network:vacancy_feed", args=["xml"])).status_code == 404


@pytest.mark.parametrize("kind", ["jobseeker", "employer"])
def test_non_members_cannot_download_it_from_the_portal(client, vacancies, kind):
    client.force_login(UserFactory(employer=kind == "employer"))
    assert client.get(reverse("network:vacancy_feed", args=["json"])).status_code == 403
