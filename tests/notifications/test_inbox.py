"""The in-portal inbox: written by users_notify, each person sees and opens only their own, the
header's unread badge costs one query, and the jobseeker's home page leads with what to do."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from casework import services as casework_services
from puls.notifications.models import Notification, NotificationKind
from puls.notifications.services import users_notify
from tests.accounts.factories import UserFactory
from tests.casework.factories import CaseFileFactory, PlanMeasureFactory

pytestmark = pytest.mark.django_db


def notice(user, title="Your individual mediation plan", link="/consiliere/planul-meu/"):
    users_notify(users=[user], subject=lambda: _(title), message="-", link=link)
    return Notification.objects.filter(user=user).latest("pk")


def test_users_notify_writes_the_event_in_both_languages():
    user = UserFactory(email="")  # no address: no e-mail, still in the inbox
    item = notice(user)
    assert (item.title, item.title_en) == (
        "Planul dumneavoastră individual de mediere",
        "Your individual mediation plan",
    )
    with translation.override("ro"):
        assert item.display_title == "Planul dumneavoastră individual de mediere"
    assert item.display_title == "Your individual mediation plan"
    assert item.kind == NotificationKind.OTHER and item.read_at is None


def test_plan_issue_asks_for_acknowledgement_in_the_inbox():
    case_file = CaseFileFactory()
    plan = PlanMeasureFactory(plan__case_file=case_file).plan
    casework_services.plan_issue(plan=plan, by=case_file.owner)
    item = Notification.objects.get(user=case_file.profile.user)
    assert (item.kind, item.link) == (NotificationKind.PLAN, reverse("casework:my_plan"))


def test_inbox_needs_sign_in(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and "/cont/login/" in response.url


@pytest.mark.parametrize("kind", ["jobseeker", "employer"])
def test_each_person_sees_and_opens_only_their_own(client, kind):
    user = UserFactory(**({} if kind == "jobseeker" else {kind: True}))
    mine, theirs = notice(user, title="Your registration is complete"), notice(UserFactory())
    client.force_login(user)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert (
        mine.title_en in page and reverse("notifications:inbox_open", args=[theirs.pk]) not in page
    )
    assert client.get(reverse("notifications:inbox_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    response = client.get(reverse("notifications:inbox_open", args=[mine.pk]))
    assert response.status_code == 302 and response.url == "/consiliere/planul-meu/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_empty_inbox_says_so(client):
    client.force_login(UserFactory())
    assert (
        "You have no notifications" in client.get(reverse("notifications:inbox")).content.decode()
    )


def test_mark_all_read_touches_only_mine(client):
    user, other = UserFactory(), UserFactory()
    notice(user), notice(user), notice(other)
    client.force_login(user)
    assert client.get(reverse("notifications:inbox_read_all")).status_code == 405
    client.post(reverse("notifications:inbox_read_all"))
    assert not Notification.objects.filter(user=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() == 1


def test_inbox_is_paginated(client):
    user = UserFactory()
    for _i in range(30):
        notice(user)
    client.force_login(user)
    response = client.get(reverse("notifications:inbox"))
    assert len(response.context["page_obj"]) == 25
    assert len(client.get(reverse("notifications:inbox") + "?page=2").context["page_obj"]) == 5


def test_header_badge_names_the_unread_count_in_one_query(client, django_assert_max_num_queries):
    user = UserFactory()
    client.force_login(user)
    url = reverse("news:list")
    client.get(url)  # warm the session and caches
    for _i in range(3):
        notice(user)
    with django_assert_max_num_queries(60) as captured:
        page = client.get(url).content.decode()
    counts = [
        q["sql"] for q in captured.captured_queries if "notifications_notification" in q["sql"]
    ]
    assert len(counts) == 1
    assert "Notifications" in page and "3 unread" in page
    notice(user)
    with translation.override("ro"):
        client.cookies["django_language"] = "ro"
        assert "4 necitite" in client.get(url).content.decode()


def test_the_badge_is_not_shown_to_visitors(client):
    assert "unread" not in client.get(reverse("news:list")).content.decode()


def test_jobseeker_home_leads_with_what_needs_an_answer(client):
    from tests.mediation.factories import ProposalFactory

    proposal = ProposalFactory()
    profile = proposal.profile
    plan = PlanMeasureFactory(plan__case_file=CaseFileFactory(profile=profile)).plan
    client.force_login(profile.user)
    page = client.get(reverse("jobseekers:dashboard")).content.decode()
    assert "To do" in page and reverse("casework:my_plan") not in page.split("file-heading")[0]
    casework_services.plan_issue(plan=plan, by=plan.case_file.owner)
    page = client.get(reverse("jobseekers:dashboard")).content.decode()
    todo = page[
        page.index('id="todo-heading"') : page.index("</section>", page.index('id="todo-heading"'))
    ]
    assert reverse("mediation:proposal_detail", args=[proposal.pk]) in todo
    assert reverse("casework:my_plan") in todo
    assert page.index('id="todo-heading"') < page.index('id="file-heading"')
