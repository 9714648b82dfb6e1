"""Texts stored as data in the reader's language: the main pages of every role, rendered in
English on the demo data, show none of the Romanian values of the translated fields
(puls.translated.TRANSLATED_FIELDS) outside an element marked lang="ro"; rendered in Romanian,
every English-only ESCO label shown is inside an element marked lang="en".

The pages are found as a user finds them: from the dashboard, following the links of each page
(GET only, same site, no downloads), up to PAGES_PER_USER pages per demo account.
"""

from collections import deque
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.conf import settings

from puls.accounts.models import User
from puls.translated import TRANSLATED_FIELDS
from tests.client import PortalClient

pytestmark = pytest.mark.django_db

PAGES_PER_USER = 30
# Links not followed: signing out, downloads and exports (not HTML), the admin, language switch.
NOT_FOLLOWED = ("logout", "iesire", "export", "descarca", "download", ".pdf", ".ics", "/admin/")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
# Values this short are words a translation shares (a code, an acronym): not looked for.
SHORTEST_LABEL = 8


class PageTexts(HTMLParser):
    """The text of a page as (text, language of the nearest element with a lang attribute)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        href = attributes.get("href") or ""
        if tag == "a" and href.startswith("/"):
            self.links.append(href.split("#")[0])
        if tag not in VOID:
            self.open.append((tag, attributes.get("lang")))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        data = " ".join(data.split())
        if not data or any(tag in ("script", "style") for tag, _ in self.open):
            return
        language = next((lang for _, lang in reversed(self.open) if lang), "")
        self.texts.append((data, language.split("-")[0]))


def walk(user, language):
    """(url, PageTexts) of the pages `user` reaches from the dashboard, in `language`."""
    client = PortalClient()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    queue, seen, pages = deque(["/cont/", "/"]), set(), []
    while queue and len(pages) < PAGES_PER_USER:
        url = queue.popleft()
        if url in seen or any(part in url for part in NOT_FOLLOWED):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parsed = PageTexts()
        parsed.feed(response.content.decode())
        pages.append((url, parsed))
        queue.extend(link for link in parsed.links if link not in seen)
    return pages


def romanian_values():
    """Every Romanian value of a translated field that differs from its English."""
    values = set()
    for label, romanian, english in TRANSLATED_FIELDS:
        for ro, en in apps.get_model(label).objects.values_list(romanian, english):
            for line in ro.splitlines():
                line = " ".join(line.split())
                if len(line) >= SHORTEST_LABEL and line not in en:
                    values.add(line)
    return values


def romanian_labels_on_english_pages(users):
    """{Romanian value: first page it shows on} over the English pages of `users`."""
    values = romanian_values()
    found = {}
    for user in users:
        for url, page in walk(user, "en"):
            for text, language in page.texts:
                if language == "ro":
                    continue
                for value in values:
                    if value in text:
                        found.setdefault(value, f"{user.email} {url}")
    return found


@pytest.fixture
def demo(enrol_totp):
    from puls.demo import services

    services.demo_users_ensure()
    services.demo_agency_contacts_ensure()
    services.demo_data_ensure()
    emails = [email for email, *_ in services.DEMO_USERS] + [services.DEMO_SUPERUSER]
    users = list(User.objects.filter(email__in=emails).order_by("pk"))
    for user in users:
        if user.is_spo_staff or user.is_superuser:
            enrol_totp(user)
    return users


def test_the_english_pages_of_every_role_show_no_romanian_data_label(demo):
    assert romanian_values(), "the demo fills the translated fields"

    found = romanian_labels_on_english_pages(demo)

    assert found == {}, "\n".join(f"{value!r} on {where}" for value, where in found.items())


def test_the_romanian_pages_mark_every_english_only_esco_label(demo):
    from jobseekers.models import JobseekerProfile, SkillAssessment
    from tests.reference.factories import SkillFactory

    profile = JobseekerProfile.objects.get(user__email="persoana@demo.puls.ro")
    english_only = SkillFactory(preferred_labels={"en": "operate a dough divider machine"})
    translated = SkillFactory(
        preferred_labels={"en": "bake bread products", "ro": "coacerea produselor de panificație"}
    )
    for skill in (english_only, translated):
        SkillAssessment.objects.create(profile=profile, skill=skill, level=2)
    labels = {english_only.label("en")}
    shown, unmarked = set(), []
    jobseeker_and_counsellor = [
        user for user in demo if user.email in ("persoana@demo.puls.ro", "consilier@demo.puls.ro")
    ]
    for user in jobseeker_and_counsellor:
        for url, page in walk(user, "ro"):
            for text, language in page.texts:
                for label in labels & {text}:
                    shown.add(label)
                    if language != "en":
                        unmarked.append(f"{label!r} on {url} ({user.email})")
                assert translated.label("en") != text, f"the English label on {url}"

    assert shown == labels, "the dossier shows the competence"
    assert unmarked == []
