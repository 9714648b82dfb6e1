"""Consent to share the profile with employers: explained where it is asked, in the completeness
checklist, and flagged to the counsellor on the person's staff pages while it is missing."""

import pytest
from django.urls import reverse
from django.utils import translation

from jobseekers import selectors

from .factories import JobseekerProfileFactory, counsellor_factory

pytestmark = pytest.mark.django_db
FLAG = 'data-testid="no-share-consent"'


@pytest.fixture(autouse=True)
def english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


def test_the_checklist_lists_the_consent_until_it_is_given():
    profile = JobseekerProfileFactory(share_with_employers=False)
    missing = selectors.completeness_of(selectors.dossier_detail(profile)).missing
    assert "Consent to share your profile with employers" in missing
    profile.share_with_employers = True
    profile.save()
    done = selectors.completeness_of(selectors.dossier_detail(profile)).done
    assert "Consent to share your profile with employers" in done


def test_the_consent_is_explained_where_it_is_asked_and_unticked(client):
    profile = JobseekerProfileFactory(share_with_employers=False)
    client.force_login(profile.user)
    html = client.get(reverse("jobseekers:preferences_edit")).content.decode()
    assert "never your CNP, address, phone or e-mail" in html
    assert "You can withdraw it at any time" in html
    assert "counsellors cannot propose you" in html
    field = html[html.index('name="share_with_employers"') - 200 :].split(">")[0]
    assert "checked" not in field
    dossier = client.get(reverse("jobseekers:dossier")).content.decode()
    assert "Give the consent" in dossier


@pytest.mark.parametrize("tab", ["", "?fila=dosar"])  # the person page's case file and dossier
@pytest.mark.parametrize("consented", [False, True])
def test_the_counsellor_is_told_when_the_person_has_not_consented(
    client, enrol_totp, tab, consented
):
    profile = JobseekerProfileFactory(share_with_employers=consented)
    client.force_login(enrol_totp(counsellor_factory(profile.county_id)))
    response = client.get(reverse("casework:case_detail", args=[profile.pk]) + tab)
    assert response.status_code == 200
    assert (FLAG in response.content.decode()) is not consented


def test_a_counsellor_of_another_agency_sees_no_flag_but_404(client, enrol_totp):
    profile = JobseekerProfileFactory(share_with_employers=False)
    client.force_login(enrol_totp(counsellor_factory("IS")))
    person_page = reverse("casework:case_detail", args=[profile.pk])
    assert client.get(person_page).status_code == 404
    assert client.get(person_page + "?fila=dosar").status_code == 404
