import pytest

from tests.accounts.factories import UserFactory, agency


@pytest.fixture
def staff(enrol_totp):
    """Staff who answer requests, each with the second factor: Cluj's counsellor and agency
    administrator, Timiș's counsellor, a national analyst."""
    return {
        "counsellor": enrol_totp(UserFactory(counsellor=True)),
        "agency_admin": enrol_totp(UserFactory(agency_admin=True)),
        "other_counsellor": enrol_totp(UserFactory(counsellor=True, agency=agency("TM"))),
        "analyst": enrol_totp(UserFactory(analyst=True)),
    }
