"""The demo gives the demo counsellor a certificate and a questionnaire, and runs once."""

import pytest

from puls.demo.services import demo_users_ensure
from stafftraining import selectors, services
from stafftraining.management import demo
from stafftraining.models import Programme, TrainingSession

pytestmark = pytest.mark.django_db


def test_demo_training_is_built_once():
    users = {user.email: user for user, _created in demo_users_ensure()}
    assert demo.demo_data_ensure()
    counsellor = users[demo.COUNSELLOR_EMAIL]
    (enrolment,) = selectors.enrolments_of(counsellor)
    assert enrolment.certificate_number and services.may_evaluate(enrolment)
    counts = (Programme.objects.count(), TrainingSession.objects.count())
    assert demo.demo_data_ensure() == []
    assert (Programme.objects.count(), TrainingSession.objects.count()) == counts == (2, 2)
