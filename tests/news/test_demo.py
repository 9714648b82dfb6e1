"""The demo publishes a national and a county announcement once; a second run creates nothing."""

import pytest

from news import selectors
from news.management import demo
from puls.demo.services import demo_users_ensure

pytestmark = pytest.mark.django_db


def test_the_demo_announcements_are_published_once():
    demo_users_ensure()
    assert len(demo.demo_data_ensure()) == 2
    published = selectors.published_announcements()
    assert {a.title for a in published} == {demo.NATIONAL_TITLE, demo.COUNTY_TITLE}
    assert {a.county_id is None for a in published} == {True, False}
    assert demo.demo_data_ensure() == []
    assert published.count() == 2
