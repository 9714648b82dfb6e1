"""The news pages: who may open each one (other counties' objects are 404), bad input (400,
nothing saved), the public pages' filters, empty states and query counts, the token pages."""

import pytest
from django.core import mail
from django.urls import reverse

from news import services
from news.models import Announcement, Audience, Newsletter, Subscription
from puls.reference.models import Agency
from tests.accounts.factories import UserFactory
from tests.network.factories import RepresentativeFactory, pdf_upload

from .factories import AnnouncementFactory, NewsletterFactory, SubscriptionFactory, county

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    "jobseeker",
    "employer",
    "counsellor",
    "network_member",
    "agency_admin",
    "other_admin",
    "analyst",
]
EDITORS = {"agency_admin", "analyst"}


@pytest.fixture
def world(enrol_totp):
    admin = enrol_totp(UserFactory(agency_admin=True))  # Cluj
    sent = NewsletterFactory(county=county("CJ"), created_by=admin)
    services.newsletter_send(newsletter=sent, by=admin)
    return {
        "users": {
            "jobseeker": UserFactory(),
            "employer": UserFactory(employer=True),
            "counsellor": enrol_totp(UserFactory(counsellor=True)),
            "network_member": RepresentativeFactory().user,
            "agency_admin": admin,
            "other_admin": enrol_totp(
                UserFactory(role="agency_admin", agency=Agency.objects.get(county_id="TM"))
            ),
            "analyst": enrol_totp(UserFactory(analyst=True)),
        },
        "draft": AnnouncementFactory(county=county("CJ"), created_by=admin),
        "newsletter": NewsletterFactory(county=county("CJ"), created_by=admin),
        "sent": sent,
    }


def _login(client, world, kind):
    if kind != "anonymous":
        client.force_login(world["users"][kind])


# (url name, object of the world or None, status for the editors)
STAFF_PAGES = [
    ("news:manage", None, 200),
    ("news:announcement_create", None, 200),
    ("news:announcement_edit", "draft", 200),
    ("news:newsletter_manage", None, 200),
    ("news:newsletter_create", None, 200),
    ("news:newsletter_edit", "newsletter", 200),
    ("news:newsletter_review", "newsletter", 200),
    ("news:newsletter_progress", "sent", 200),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "obj", "status"), STAFF_PAGES, ids=[p[0] for p in STAFF_PAGES])
def test_who_may_open_each_staff_page(client, world, kind, name, obj, status):
    _login(client, world, kind)
    response = client.get(reverse(name, args=[world[obj].pk] if obj else []))
    if kind == "anonymous":
        assert response.status_code == 302 and "/cont/login/" in response.url
    elif kind == "other_admin":
        assert response.status_code == (404 if obj else 200)
    elif kind in EDITORS:
        assert response.status_code == status
    else:
        assert response.status_code == 403


STAFF_ACTIONS = [
    ("news:announcement_transition", "draft", ["publica"]),
    ("news:newsletter_send", "newsletter", []),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "obj", "extra"), STAFF_ACTIONS, ids=[a[0] for a in STAFF_ACTIONS])
def test_who_may_take_each_staff_action(client, world, kind, name, obj, extra):
    _login(client, world, kind)
    target = world[obj]
    response = client.post(reverse(name, args=[target.pk, *extra]))
    target.refresh_from_db()
    if kind == "anonymous":
        assert response.status_code == 302 and "/cont/login/" in response.url
    elif kind == "other_admin":
        assert response.status_code == 404
    elif kind in EDITORS:
        assert response.status_code == 302
        assert target.status in {"published", "sending", "sent"}
        return
    else:
        assert response.status_code == 403
    assert target.status == "draft"


PUBLIC_PAGES = ["news:list", "news:archive", "news:subscribe"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_public_pages_are_open_to_everyone(client, world, kind):
    _login(client, world, kind)
    published = AnnouncementFactory(published=True)
    for url in [
        reverse("news:list"),
        reverse("news:detail", args=[published.pk]),
        reverse("news:archive"),
        reverse("news:newsletter_detail", args=[world["sent"].pk]),
        reverse("home"),
    ]:
        assert client.get(url).status_code == 200, url
    response = client.get(reverse("news:subscribe"))
    assert response.status_code == (200 if kind == "anonymous" else 302)
    response = client.get(reverse("news:my_subscription"))
    assert response.status_code == (302 if kind == "anonymous" else 200)
    # a draft, and a newsletter not sent, are the editors' only
    draft = client.get(reverse("news:detail", args=[world["draft"].pk]))
    assert draft.status_code == (200 if kind in EDITORS else 404)
    unsent = client.get(reverse("news:newsletter_detail", args=[world["newsletter"].pk]))
    assert unsent.status_code == 404


def test_an_editor_writes_an_announcement_and_bad_input_keeps_what_was_typed(client, world):
    client.force_login(world["users"]["agency_admin"])
    url = reverse("news:announcement_create")
    response = client.post(
        url,
        {
            "title": "",
            "body": "Textul meu",
            "audience": "everyone",
            "county": "TM",
            "publish_on": "2026-13-40",
        },
    )
    assert response.status_code == 400
    assert "Textul meu" in response.content.decode()
    assert not Announcement.objects.exclude(pk=world["draft"].pk).exists()

    response = client.post(
        url,
        {
            "title": "Târg de joburi",
            "body": "Vineri, la sediu.",
            "audience": "jobseekers",
            "county": "CJ",
            "publish_on": "2026-01-10",
        },
    )
    assert response.status_code == 302
    created = Announcement.objects.get(title="Târg de joburi")
    assert created.county_id == "CJ" and created.status == Announcement.Status.DRAFT


def test_a_national_editor_writes_for_the_whole_country(client, world):
    client.force_login(world["users"]["analyst"])
    response = client.post(
        reverse("news:announcement_create"),
        {
            "title": "Noutăți naționale",
            "body": "Text.",
            "audience": "everyone",
            "county": "",
            "publish_on": "2026-01-10",
        },
    )
    assert response.status_code == 302
    assert Announcement.objects.get(title="Noutăți naționale").county is None


def test_the_body_is_shown_as_escaped_paragraphs(client):
    announcement = AnnouncementFactory(
        published=True, body="<script>alert(1)</script>\n\nAl doilea"
    )
    page = client.get(reverse("news:detail", args=[announcement.pk])).content.decode()
    assert "<script>alert(1)" not in page
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in page and "<p>Al doilea</p>" in page


def test_the_news_page_filters_paginates_and_says_when_it_is_empty(
    client, django_assert_max_num_queries
):
    page = client.get(reverse("news:list")).content.decode()
    assert "There are no announcements here yet." in page
    for _ in range(12):
        AnnouncementFactory(published=True, county=county("CJ"), audience=Audience.EMPLOYERS)
    AnnouncementFactory(published=True, title="Anunț din Timiș", county=county("TM"))
    with django_assert_max_num_queries(8):
        response = client.get(reverse("news:list"), {"county": "CJ", "audience": "employers"})
    page = response.content.decode()
    assert "Anunț din Timiș" not in page
    assert page.count('class="card mb-3"') == 10 and "page=2" in page
    # an impossible filter value is ignored, not an error
    assert client.get(reverse("news:list"), {"county": "ZZ\x01"}).status_code in (200, 400)


def test_signed_in_users_see_their_news_first_and_may_see_all(client):
    AnnouncementFactory(published=True, title="Pentru angajatori", audience=Audience.EMPLOYERS)
    client.force_login(UserFactory())
    assert "Pentru angajatori" not in client.get(reverse("news:list")).content.decode()
    everything = client.get(reverse("news:list"), {"all": "on"}).content.decode()
    assert "Pentru angajatori" in everything


def test_the_home_page_shows_the_latest_announcements(client):
    for n in range(4):
        AnnouncementFactory(published=True, title=f"Ultima oră {n}")
    page = client.get(reverse("home")).content.decode()
    assert page.count("Ultima oră") == 3


def test_a_visitor_subscribes_confirms_and_unsubscribes_with_one_click(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("news:subscribe"), {"email": "vizitator@example.ro", "audience": "everyone"}
        )
    assert response.status_code == 200 and "Check your e-mail" in response.content.decode()
    link = next(w for w in mail.outbox[0].body.split() if "/confirmare/" in w)
    path = link.removeprefix("http://testserver").split("127.0.0.1:8000")[-1]
    assert client.get(path).status_code == 200
    assert not Subscription.objects.get().is_active  # opening the link alone subscribes nobody
    assert client.post(path).status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.is_active

    # RFC 8058: the mail program posts without a session or a CSRF token.
    from django.test import Client

    mailer = Client(enforce_csrf_checks=True)
    url = reverse("news:unsubscribe", args=[services.unsubscribe_token(subscription)])
    assert mailer.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Subscription.objects.get().is_active


def test_a_bad_subscription_form_is_a_400_and_sends_nothing(client):
    response = client.post(reverse("news:subscribe"), {"email": "nu-e-adresa", "audience": "x"})
    assert response.status_code == 400
    assert not Subscription.objects.exists() and not mail.outbox


@pytest.mark.parametrize("name", ["news:unsubscribe", "news:confirm"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_tampered_token_gets_a_clear_error(client, name, method):
    subscription = SubscriptionFactory(pending=name == "news:confirm")
    token = (
        services.unsubscribe_token(subscription)
        if name == "news:unsubscribe"
        else services.confirmation_token(subscription)
    )
    response = getattr(client, method)(reverse(name, args=[token[:-2] + "zz"]), follow=False)
    assert response.status_code == 400
    assert "link is not valid" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active == (name == "news:unsubscribe")


def test_a_signed_in_user_opts_in_and_out_from_their_account(client):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("news:my_subscription"), {"action": "subscribe"})
    assert Subscription.objects.get(user=user).is_active
    client.post(reverse("news:my_subscription"), {"action": "unsubscribe"})
    assert not Subscription.objects.get(user=user).is_active


def test_an_editor_previews_sends_and_follows_the_progress(
    client, world, django_capture_on_commit_callbacks
):
    SubscriptionFactory(county=county("CJ"))
    SubscriptionFactory(county=county("TM"))
    client.force_login(world["users"]["agency_admin"])
    newsletter = world["newsletter"]
    review = client.get(reverse("news:newsletter_review", args=[newsletter.pk])).content.decode()
    assert "It goes to 1 subscriber now." in review and newsletter.subject in review
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("news:newsletter_send", args=[newsletter.pk]))
    newsletter.refresh_from_db()
    assert newsletter.status == Newsletter.Status.SENT
    progress = client.get(reverse("news:newsletter_progress", args=[newsletter.pk]))
    assert "1 of 1 subscribers done" in progress.content.decode()
    assert "hx-get" not in progress.content.decode()  # sent: the polling stops
    assert len(mail.outbox) == 1


def test_a_newsletter_being_sent_is_polled(client, world):
    client.force_login(world["users"]["agency_admin"])
    SubscriptionFactory(county=county("CJ"))
    newsletter = world["newsletter"]
    services.newsletter_send(newsletter=newsletter, by=newsletter.created_by)
    page = client.get(reverse("news:newsletter_review", args=[newsletter.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "0 of 1 subscribers done" in page


def test_a_brochure_is_uploaded_and_downloaded_from_the_archive(client, world):
    client.force_login(world["users"]["analyst"])
    response = client.post(
        reverse("news:newsletter_create"),
        {
            "subject": "Broșura",
            "body": "Text",
            "audience": "everyone",
            "county": "",
            "brochure_file": pdf_upload("brosura.pdf"),
        },
    )
    newsletter = Newsletter.objects.get(subject="Broșura")
    assert response.status_code == 302
    services.newsletter_send(newsletter=newsletter, by=world["users"]["analyst"])
    client.logout()
    download = client.get(reverse("news:brochure", args=[newsletter.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(reverse("news:brochure", args=[world["sent"].pk])).status_code == 404


def test_a_newsletter_form_with_a_non_pdf_brochure_is_refused(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world["users"]["analyst"])
    png = SimpleUploadedFile("b.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, content_type="image/png")
    response = client.post(
        reverse("news:newsletter_create"),
        {
            "subject": "Broșura",
            "body": "Text",
            "audience": "everyone",
            "county": "",
            "brochure_file": png,
        },
    )
    assert response.status_code == 400
    assert "must be a PDF" in response.content.decode()
    assert not Newsletter.objects.filter(subject="Broșura").exists()


def test_the_staff_lists_count_their_queries(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["analyst"])
    for _ in range(5):
        AnnouncementFactory(county=county("CJ"))
        NewsletterFactory()
    for name in ["news:manage", "news:newsletter_manage", "news:archive"]:
        with django_assert_max_num_queries(14):
            assert client.get(reverse(name)).status_code == 200


def test_an_action_is_reported_in_the_readers_language(client, world):
    client.force_login(world["users"]["agency_admin"])
    response = client.post(
        reverse("news:announcement_transition", args=[world["draft"].pk, "publica"]), follow=True
    )
    assert "The announcement is published." in response.content.decode()


@pytest.mark.romanian
def test_an_announcement_is_written_in_both_languages_and_read_in_the_readers(
    client, world, settings
):
    client.force_login(world["users"]["analyst"])
    response = client.post(
        reverse("news:announcement_create"),
        {
            "title": "Bursa locurilor de muncă",
            "title_en": "The job fair",
            "body": "Veniți cu un CV.\n\nIntrarea este liberă.",
            "body_en": "Bring a CV.\n\nEntry is free.",
            "audience": "everyone",
            "county": "",
            "publish_on": "2026-01-10",
        },
    )
    assert response.status_code == 302
    announcement = Announcement.objects.get(title="Bursa locurilor de muncă")
    assert (announcement.title_en, announcement.body_en) == (
        "The job fair",
        "Bring a CV.\n\nEntry is free.",
    )
    services.announcement_publish(announcement=announcement, by=world["users"]["analyst"])
    client.logout()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    url = reverse("news:detail", args=[announcement.pk])

    romanian = client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url).content.decode()
    listed = client.get(reverse("news:list")).content.decode()

    assert "Bursa locurilor de muncă" in romanian and "<p>Intrarea este liberă.</p>" in romanian
    assert "The job fair" in english and "<p>Entry is free.</p>" in english
    assert "Bursa locurilor" not in english and "Intrarea este" not in english
    assert "The job fair" in listed and "Bring a CV." in listed
