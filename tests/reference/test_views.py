"""The public "about the data" page and the JSON autocompletes."""

import pytest
from django.conf import settings
from django.urls import reverse

from puls.reference.selectors import data_attribution
from tests.accounts.factories import UserFactory

from .datasets import run_load
from .factories import CorOccupationFactory, IscoGroupFactory

pytestmark = pytest.mark.django_db

VISITORS = {
    "anonymous": None,
    "jobseeker": {},
    "employer": {"employer": True},
    "counsellor": {"counsellor": True},
}
AUTOCOMPLETES = [
    "reference:cor_autocomplete",
    "reference:esco_occupation_autocomplete",
    "reference:skill_autocomplete",
]


@pytest.fixture
def visit(client, enrol_totp):
    def as_visitor(kind):
        if VISITORS[kind] is not None:
            user = UserFactory(**VISITORS[kind])
            if user.is_spo_staff:
                enrol_totp(user)
            client.force_login(user)
        return client

    return as_visitor


@pytest.fixture
def in_language(client):
    def set_language(language):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        return client

    return set_language


@pytest.mark.parametrize("kind", VISITORS)
def test_about_page_is_public_and_shows_the_esco_notice_and_cor_citation(visit, kind):
    response = visit(kind).get(reverse("reference:about"))
    assert response.status_code == 200
    page = response.content.decode()
    for line in data_attribution().esco_notice:
        assert f'<p class="mb-1">{line}</p>' in page
    assert (
        "Clasificarea Ocupațiilor din România (COR), "
        "Ministerul Muncii și Solidarității Sociale / INS"
    ) in page


def test_about_page_notice_keeps_its_wording_in_english(in_language):
    page = in_language("en").get(reverse("reference:about")).content.decode()
    assert "This service uses the ESCO classification of the European Commission." in page
    assert "ESCO v1.2.0, © European Union, https://esco.ec.europa.eu." in page
    assert "About the reference data" in page


@pytest.mark.parametrize("kind", VISITORS)
@pytest.mark.parametrize("name", AUTOCOMPLETES)
def test_autocompletes_are_public(visit, kind, name):
    response = visit(kind).get(reverse(name), {"q": "zz"})
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("name", AUTOCOMPLETES)
@pytest.mark.parametrize("query", [None, "", " ", "s", " s "])
def test_autocompletes_need_two_characters(client, loaded, name, query):
    params = {} if query is None else {"q": query}
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    assert response.json() == []


@pytest.mark.parametrize("name", AUTOCOMPLETES)
def test_autocompletes_only_answer_get(client, name):
    assert client.post(reverse(name), {"q": "sef"}).status_code == 405


def test_cor_autocomplete_returns_at_most_twenty_in_the_json_shape(
    client, django_assert_max_num_queries
):
    group = IscoGroupFactory(code="7212")
    for number in range(25):
        CorOccupationFactory(code=f"7212{number:02d}", name=f"sudor {number}", isco_group=group)
    with django_assert_max_num_queries(1):
        response = client.get(reverse("reference:cor_autocomplete"), {"q": "șu"})
    items = response.json()
    assert len(items) == 20
    assert set(items[0]) == {"id", "code", "label"}
    assert items[0]["label"].startswith("sudor")
    assert (
        client.get(reverse("reference:cor_autocomplete"), {"q": "72121"}).json()[0]["code"]
        == "721210"
    )


def test_skill_autocomplete_labels_follow_the_language_with_english_fallback(
    loaded, romanian_package, in_language
):
    run_load("--esco-dir", str(romanian_package), "--language", "ro")
    url = reverse("reference:skill_autocomplete")

    romanian = in_language("ro").get(url, {"q": "programming"}).json()
    assert [item["label"] for item in romanian] == [
        "programare computerizată",
        "Python (computer programming)",
    ]
    assert {item["code"] for item in romanian} == {None}
    english = in_language("en").get(url, {"q": "programming"}).json()
    assert [item["label"] for item in english] == [
        "computer programming",
        "Python (computer programming)",
    ]


def test_esco_occupation_autocomplete_filters_by_isco_group(client, loaded):
    url = reverse("reference:esco_occupation_autocomplete")
    items = client.get(url, {"q": "manager", "isco": "1324"}).json()
    assert [(item["code"], item["label"]) for item in items] == [("1324.1", "warehouse manager")]
    assert client.get(url, {"q": "manager", "isco": "2512"}).json() == []


@pytest.mark.parametrize("isco", ["12345", "ab", "13.2"])
def test_esco_occupation_autocomplete_refuses_a_malformed_isco_code(client, loaded, isco):
    response = client.get(
        reverse("reference:esco_occupation_autocomplete"), {"q": "manager", "isco": isco}
    )
    assert response.status_code == 400
    assert "error" in response.json()
