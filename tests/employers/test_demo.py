"""The employers' demo data: the Law 76/2002 programmes an employer can apply to in the demo."""

import pytest
from django.utils import timezone

from employers.management import demo
from employers.models import SubsidyProgramme

pytestmark = pytest.mark.django_db


def test_the_demo_programmes_accept_applications_with_terms_that_say_they_are_the_demos():
    demo.demo_data_ensure()

    programmes = SubsidyProgramme.objects.accepting_applications(timezone.localdate())
    assert sorted(programme.legal_basis for programme in programmes) == [
        "Legea nr. 76/2002, art. 80",
        "Legea nr. 76/2002, art. 85",
    ]
    for programme in programmes:
        terms = programme.terms_today
        assert (terms.amount, terms.months_paid, terms.months_to_keep) == (2250, 12, 18)
        assert "date demonstrative" in terms.note
    assert not any("subsidy programme" in line for line in demo.demo_data_ensure())
