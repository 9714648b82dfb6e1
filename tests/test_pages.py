"""The portal's frame: Romanian first, landmarks and skip link, friendly error pages, dashboards."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import override_settings
from django.urls import path, reverse

from tests.accounts.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.romanian]

# A Romanian msgstr of templates/base.html: present only if the page really speaks Romanian.
SKIP_LINK_RO = "Salt la conținutul principal"
SKIP_LINK_EN = "Skip to main content"


def boom(request):
    raise RuntimeError("a bug")


# This module doubles as the URLconf of the server-error test.
urlpatterns = [path("boom/", boom)]


@pytest.fixture
def english(client):
    """The visitor chose English with the language switch (its cookie)."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# Session, user, second factor, agency, staff count and staff page, and the header's unread
# notifications count, whatever the number of rows.
QUERIES_OF_AGENCY_DASHBOARD = 7


def html_lang(response):
    return re.search(r'<html lang="([a-z-]+)"', response.content.decode()).group(1)


def test_home_speaks_romanian_whatever_the_browser_asks(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert html_lang(response) == "ro"
    assert response.headers["Content-Language"] == "ro"
    assert SKIP_LINK_RO in response.content.decode()


def test_the_language_switch_turns_the_portal_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})
    assert response.status_code == 302
    assert response.url == reverse("home")

    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ro")

    assert html_lang(response) == "en"
    page = response.content.decode()
    assert SKIP_LINK_EN in page
    assert SKIP_LINK_RO not in page


def test_the_language_switch_marks_the_current_language(client):
    page = client.get(reverse("home")).content.decode()
    switch = re.search(r'<form class="puls-lang.*?</form>', page, re.S).group(0)

    assert 'name="csrfmiddlewaretoken"' in switch
    assert f'action="{reverse("set_language")}"' in switch
    assert re.search(r'value="ro"[^>]*aria-current="true"', switch)
    assert not re.search(r'value="en"[^>]*aria-current', switch)


def test_pages_have_landmarks_and_a_skip_link_to_the_main_content(client):
    page = client.get(reverse("home")).content.decode()

    assert re.search(r'<a [^>]*href="#main"', page)
    assert '<main id="main"' in page
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in page
    assert page.index('href="#main"') < page.index("<header")


def test_the_footer_credits_esco_and_links_to_the_data_page(english):
    client = english
    page = client.get(reverse("home")).content.decode()

    assert "This service uses the ESCO classification of the European Commission." in page
    assert f'href="{reverse("reference:about")}"' in page


def test_an_unknown_address_gets_the_friendly_404_page(client):
    response = client.get("/nu-exista/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "404.html"
    page = response.content.decode()
    assert html_lang(response) == "ro"
    assert '<main id="main"' in page
    assert f'href="{reverse("home")}"' in page


def test_a_refused_page_gets_the_friendly_403_page(client):
    client.force_login(UserFactory())  # a jobseeker, on the employers' dashboard

    response = client.get(reverse("employers:dashboard"))

    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403.html"
    assert f'href="{reverse("accounts:dashboard")}"' in response.content.decode()


@override_settings(ROOT_URLCONF="tests.test_pages")
def test_a_server_error_gets_the_self_contained_500_page(client):
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="ro">' in page
    assert "PULS" in page and '<main id="main"' in page


@pytest.mark.parametrize(
    ("traits", "nav_label"),
    [
        ({}, "My dashboard"),
        ({"employer": True}, "My company"),
        ({"network_member": True}, "Partner network"),
    ],
)
def test_the_navigation_fits_the_role_and_signing_out_is_a_post(english, traits, nav_label):
    client = english
    client.force_login(UserFactory(**traits))

    page = client.get(reverse("home")).content.decode()

    assert f">{nav_label}</a>" in page
    assert f'href="{reverse("account_login")}"' not in page
    assert re.search(
        rf'<form method="post" action="{reverse("account_logout")}">\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken"',
        page,
    )


def test_anonymous_visitors_are_offered_sign_in_and_registration(english):
    page = english.get(reverse("home")).content.decode()

    assert f'href="{reverse("account_login")}"' in page
    assert f'href="{reverse("account_signup")}"' in page
    assert reverse("account_logout") not in page


def test_the_login_page_tells_that_the_local_demo_has_no_staff_mfa(english, settings):
    client = english
    settings.PULS_STAFF_MFA_REQUIRED = False
    page = client.get(reverse("account_login")).content.decode()
    assert "two-factor authentication for staff accounts is turned off" in page
    assert "manage.py seed_demo" in page

    settings.PULS_STAFF_MFA_REQUIRED = True
    page = client.get(reverse("account_login")).content.decode()
    assert "seed_demo" not in page


def test_the_agency_dashboard_lists_its_staff_in_a_table(client, enrol_totp):
    admin = enrol_totp(UserFactory(agency_admin=True, first_name="Maria", last_name="Ionescu"))
    UserFactory(counsellor=True, first_name="Dan", last_name="Pop", email="dan.pop@example.ro")
    client.force_login(admin)

    page = client.get(reverse("accounts:agency_dashboard")).content.decode()

    assert "<caption>" in page and '<th scope="col">' in page
    assert '<th scope="row">Dan Pop</th>' in page
    assert "dan.pop@example.ro" in page
    assert "AJOFM Cluj" in page


def test_the_agency_staff_list_is_paginated_in_a_fixed_number_of_queries(
    client, enrol_totp, django_assert_max_num_queries
):
    client.force_login(enrol_totp(UserFactory(agency_admin=True)))
    UserFactory.create_batch(3, counsellor=True)
    with django_assert_max_num_queries(QUERIES_OF_AGENCY_DASHBOARD):
        client.get(reverse("accounts:agency_dashboard"))

    UserFactory.create_batch(30, counsellor=True)
    with django_assert_max_num_queries(QUERIES_OF_AGENCY_DASHBOARD):
        page = client.get(reverse("accounts:agency_dashboard")).content.decode()

    assert page.count('<th scope="row">') == 25
    assert 'aria-current="page">1</span>' in page
    assert 'href="?page=2"' in page


def test_the_national_dashboard_counts_staff_per_agency(client, enrol_totp):
    analyst = enrol_totp(UserFactory(analyst=True))
    UserFactory.create_batch(2, counsellor=True)
    client.force_login(analyst)

    page = client.get(reverse("accounts:national_dashboard")).content.decode()

    row = re.search(r'<th scope="row">AJOFM Cluj</th>(.*?)</tr>', page, re.S).group(1)
    assert re.findall(r">\s*(\w+)\s*<", row) == ["CJ", "2", "0"]
    assert page.count('<th scope="row">') == 42
