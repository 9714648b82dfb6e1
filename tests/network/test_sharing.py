"""Library, discussion groups, API tokens and proposals."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from network import selectors, services
from network.models import ApiToken, LibraryItem, ThreadNotification
from network.services import NetworkError
from tests.accounts.factories import UserFactory

from .factories import (
    DiscussionGroupFactory,
    RepresentativeFactory,
    ThreadFactory,
    member,
    pdf_upload,
)

pytestmark = pytest.mark.django_db

ITEM = {
    "title": "Tendințe pe piața muncii în județul Cluj",
    "kind": "trend",
    "summary": "Cererea de programatori și de personal medical crește.",
    "scope": "national",
    "county": None,
    "region": "",
}


# --- Library ---------------------------------------------------------------------------------


def test_sharing_a_file_with_tags_and_finding_it_without_diacritics():
    representative = RepresentativeFactory()
    item = services.library_item_share(
        by=representative.user,
        representative=representative,
        data=ITEM,
        tags_text="IT, sănătate, it",
        uploaded_file=pdf_upload("studiu.pdf"),
    )
    assert item.document.original_name == "studiu.pdf"
    assert sorted(t.name for t in item.tags.all()) == ["it", "sănătate"]
    assert list(selectors.library_items(query="judetul cluj")) == [item]
    assert list(selectors.library_items(query="sanatate")) == [item]
    assert list(selectors.library_items(tag="it", kind="trend")) == [item]
    assert list(selectors.library_items(query="constructii")) == []


@pytest.mark.parametrize("file, url", [(None, ""), ("file", "https://ins.ro/x")])
def test_a_library_item_is_a_file_or_a_link_not_both_nor_none(file, url):
    representative = RepresentativeFactory()
    with pytest.raises(NetworkError, match="either a file or a link"):
        services.library_item_share(
            by=representative.user,
            representative=representative,
            data=ITEM,
            tags_text="",
            url=url,
            uploaded_file=pdf_upload() if file else None,
        )
    assert not LibraryItem.objects.exists()


def test_a_county_item_needs_its_county():
    representative = RepresentativeFactory()
    with pytest.raises(Exception, match="county"):
        services.library_item_share(
            by=representative.user,
            representative=representative,
            data={**ITEM, "scope": "county"},
            tags_text="",
            url="https://ins.ro/x",
        )


# --- Groups ----------------------------------------------------------------------------------


def test_a_new_thread_is_mailed_once_to_followers_who_are_still_members(
    django_capture_on_commit_callbacks,
):
    group = DiscussionGroupFactory()
    follower, author = member(), member()
    gone = RepresentativeFactory()
    group.followers.add(follower, gone.user)
    services.organisation_remove(
        organisation=gone.organisation, by=UserFactory(analyst=True), reason="x"
    )
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            group=group, author=author, title="Sezonieri", body="Ce experiențe aveți?"
        )
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "Sezonieri" in mail.outbox[0].subject
    assert group.followers.filter(pk=author.pk).exists()  # authors follow their group
    services.thread_notify_followers(thread_id=thread.pk)
    assert len(mail.outbox) == 1
    assert ThreadNotification.objects.count() == 1


def test_a_reply_moves_the_thread_up():
    thread = ThreadFactory(last_activity_at=timezone.now() - timedelta(days=3))
    newer = ThreadFactory(group=thread.group)
    services.reply_create(thread=thread, author=member(), body="De acord.")
    assert list(selectors.threads_of(thread.group)) == [thread, newer]


def test_groups_are_county_or_regional():
    with pytest.raises(Exception, match="county-level or regional"):
        services.group_create(
            data={"name": "Național", "scope": "national"}, by=UserFactory(analyst=True)
        )


# --- API tokens ------------------------------------------------------------------------------


def test_a_token_is_stored_hashed_and_authenticates_until_revoked():
    user = member()
    token, raw = services.api_token_create(user=user, name="Sistemul nostru")
    assert raw.startswith("puls_") and raw not in token.token_hash
    assert not ApiToken.objects.filter(token_hash=raw).exists()
    assert services.api_token_authenticate(raw) == user
    token.refresh_from_db()
    assert token.last_used_at is not None
    services.api_token_revoke(token=token, by=user)
    assert services.api_token_authenticate(raw) is None


def test_a_token_stops_working_when_the_organisation_leaves():
    representative = RepresentativeFactory()
    _token, raw = services.api_token_create(user=representative.user, name="x")
    services.organisation_remove(
        organisation=representative.organisation, by=UserFactory(analyst=True), reason="x"
    )
    assert services.api_token_authenticate(raw) is None


@pytest.mark.parametrize("raw", ["", "puls_", "puls_wrong", "Bearer x"])
def test_wrong_tokens_authenticate_nobody(raw):
    services.api_token_create(user=member(), name="x")
    assert services.api_token_authenticate(raw) is None


# --- Proposals -------------------------------------------------------------------------------


def test_a_proposal_is_recorded_for_the_organisation():
    representative = RepresentativeFactory()
    proposal = services.proposal_create(
        representative=representative, text="Întâlniri online lunare."
    )
    assert proposal.organisation == representative.organisation
