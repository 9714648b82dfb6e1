"""The demo fills the help desk once; a second run creates nothing."""

import pytest

from helpdesk.management import demo
from helpdesk.models import FaqEntry, HelpRequest, Proposal
from puls.demo.services import demo_users_ensure

pytestmark = pytest.mark.django_db


def test_the_demo_help_desk_is_built_once():
    demo_users_ensure()
    assert demo.demo_data_ensure()
    assert FaqEntry.objects.count() == len(demo.QUESTIONS)
    assert HelpRequest.objects.filter(status="answered").count() == 1
    assert Proposal.objects.count() == 1
    counts = (FaqEntry.objects.count(), HelpRequest.objects.count())
    assert demo.demo_data_ensure() == []
    assert (FaqEntry.objects.count(), HelpRequest.objects.count()) == counts
