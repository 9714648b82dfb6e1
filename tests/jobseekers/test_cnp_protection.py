"""The CNP at rest: encrypted, unique and searchable through its keyed hash, rotatable keys, the
data migration; on staff pages masked unless a staff member explicitly shows it (audited)."""

import hashlib
import hmac

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import FieldError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.urls import reverse

from jobseekers.models import JobseekerProfile
from puls.accounts.models import User
from puls.audit.models import AuditEntry
from puls.encryption import masked
from puls.reference.models import County
from tests.accounts.factories import UserFactory

from .factories import JobseekerProfileFactory, counsellor_factory, make_cnp

pytestmark = pytest.mark.django_db
TABLE = JobseekerProfile._meta.db_table


def stored(profile):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cnp, cnp_hash FROM {TABLE} WHERE id = %s", [profile.pk])  # noqa: S608
        return cursor.fetchone()


def test_the_database_holds_a_fernet_token_and_a_keyed_hash_never_the_cnp(settings):
    cnp = make_cnp()
    profile = JobseekerProfileFactory(cnp=cnp)

    token, digest = stored(profile)

    assert cnp not in token
    key = settings.PULS_CNP_ENCRYPTION_KEYS[0]
    assert Fernet(key).decrypt(token.encode()).decode() == cnp
    expected = hmac.new(settings.PULS_CNP_HMAC_KEY.encode(), cnp.encode(), hashlib.sha256)
    assert digest == expected.hexdigest()
    assert JobseekerProfile.objects.get(pk=profile.pk).cnp == cnp


def test_the_database_refuses_a_second_profile_with_the_same_cnp():
    cnp = make_cnp()
    JobseekerProfileFactory(cnp=cnp)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobseekerProfileFactory(cnp=cnp)


def test_lookup_goes_through_the_keyed_hash_and_never_the_ciphertext():
    profile = JobseekerProfileFactory()
    assert JobseekerProfile.objects.with_cnp(f" {profile.cnp} ").get() == profile
    with pytest.raises(FieldError):
        JobseekerProfile.objects.filter(cnp=profile.cnp).exists()


def test_closing_an_account_empties_both_columns():
    from jobseekers import services

    profile = JobseekerProfileFactory()
    closure = services.closure_request_create(profile=profile, reason="")
    services.closure_request_confirm(closure=closure, by=counsellor_factory())
    assert stored(profile) == (None, None)


def test_reencrypt_cnp_rewrites_every_row_with_the_newest_key(settings):
    old_key, new_key = settings.PULS_CNP_ENCRYPTION_KEYS[0], Fernet.generate_key().decode()
    profiles = JobseekerProfileFactory.create_batch(3)
    with override_settings(
        PULS_CNP_ENCRYPTION_KEYS=[new_key, old_key], PULS_CNP_HMAC_KEY="a-new-hash-key"
    ):
        assert JobseekerProfile.objects.get(pk=profiles[0].pk).cnp == profiles[0].cnp
        call_command("reencrypt_cnp", stdout=open("/dev/null", "w"))  # noqa: SIM115

        for profile in profiles:
            token, _digest = stored(profile)
            assert Fernet(new_key).decrypt(token.encode()).decode() == profile.cnp
            with pytest.raises(InvalidToken):
                Fernet(old_key).decrypt(token.encode())
            assert JobseekerProfile.objects.with_cnp(profile.cnp).get() == profile
    with override_settings(PULS_CNP_ENCRYPTION_KEYS=[new_key]):
        assert JobseekerProfile.objects.get(pk=profiles[1].pk).cnp == profiles[1].cnp


@pytest.mark.django_db(transaction=True)
def test_the_data_migration_encrypts_clear_cnps_and_back():
    cnp = make_cnp()
    executor = MigrationExecutor(connection)
    executor.migrate([("jobseekers", "0006_inactivity_notice")])
    profile_id = _insert_clear_profile(executor, cnp)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    token, digest = stored(JobseekerProfile(pk=profile_id))
    assert cnp not in token and digest
    assert JobseekerProfile.objects.with_cnp(cnp).get().pk == profile_id

    executor = MigrationExecutor(connection)
    executor.migrate([("jobseekers", "0006_inactivity_notice")])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT cnp FROM {TABLE} WHERE id = %s", [profile_id])  # noqa: S608
        assert cursor.fetchone() == (cnp,)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _insert_clear_profile(executor, cnp):
    apps = executor.loader.project_state([("jobseekers", "0006_inactivity_notice")]).apps
    # The account through today's model: the accounts table is not migrated back, and columns it
    # gained later (the e-mail language) have no default in the historical model of that state.
    user = User.objects.create(email="old@example.ro")
    profile = apps.get_model("jobseekers", "JobseekerProfile").objects.create(
        user_id=user.pk,
        cnp=cnp,
        birth_year=1990,
        county_id="CJ",
        locality="Cluj-Napoca",
        agency_id=apps.get_model("reference", "Agency").objects.get(county_id="CJ").pk,
        status="unemployed",
        consent_at="2026-01-01T00:00:00Z",
        consent_notice_version="2026-01",
    )
    return profile.pk


# --- Staff pages ----------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, enrol_totp):
    counsellor = enrol_totp(counsellor_factory("CJ"))
    client.force_login(counsellor)
    client.counsellor = counsellor
    return client


def test_staff_see_the_cnp_masked_and_show_it_whole_only_by_an_audited_post(staff_client):
    profile = JobseekerProfileFactory()
    dossier = staff_client.get(
        reverse("casework:case_detail", args=[profile.pk]), {"fila": "dosar"}
    )
    html = dossier.content.decode()
    assert profile.cnp not in html
    assert masked(profile.cnp) in html and masked(profile.cnp).startswith("•••••••••")

    shown = staff_client.post(reverse("casework:cnp_reveal", args=[profile.pk]))

    assert shown.status_code == 200 and profile.cnp in shown.content.decode()
    reveal = AuditEntry.objects.get(action=AuditEntry.Action.REVEAL)
    assert (reveal.actor, reveal.target_object_id) == (staff_client.counsellor, str(profile.pk))
    assert profile.cnp not in reveal.path and profile.cnp not in reveal.target_repr


def test_the_person_sees_in_their_dossier_that_staff_showed_their_cnp(staff_client, client):
    profile = JobseekerProfileFactory()
    staff_client.post(reverse("casework:cnp_reveal", args=[profile.pk]))
    person = type(client)()
    person.force_login(profile.user)
    person.cookies["django_language"] = "en"
    response = person.get(reverse("jobseekers:dossier"))
    assert "showed the whole CNP" in response.content.decode()
    assert profile.cnp in response.content.decode()  # the person's own page shows it whole


def test_staff_find_a_person_of_their_agency_by_cnp(staff_client):
    profile = JobseekerProfileFactory()
    response = staff_client.post(reverse("jobseekers:staff_profile_by_cnp"), {"cnp": profile.cnp})
    assert response.status_code == 302
    assert response["Location"] == reverse("jobseekers:staff_dossier", args=[profile.pk])


def test_a_cnp_of_another_agency_is_not_found(staff_client):
    other = JobseekerProfileFactory(county=County.objects.get(code="IS"))
    response = staff_client.post(reverse("jobseekers:staff_profile_by_cnp"), {"cnp": other.cnp})
    assert response.status_code == 400
    assert "No person of your agency is registered with this CNP." in response.content.decode()


def test_a_malformed_cnp_in_the_search_says_which_rule_failed(staff_client):
    response = staff_client.post(reverse("jobseekers:staff_profile_by_cnp"), {"cnp": "12"})
    assert response.status_code == 400
    assert "exactly 13 digits" in response.content.decode()


def _user(kind, profile, enrol_totp):
    if kind == "anonymous":
        return None
    if kind == "jobseeker":
        return profile.user
    if kind == "employer":
        return UserFactory(employer=True)
    return enrol_totp(counsellor_factory("IS" if kind == "counsellor_other_agency" else "CJ"))


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 403),
        ("counsellor_other_agency", 404),
        ("counsellor", 200),
    ],
)
def test_who_may_show_a_cnp(client, enrol_totp, kind, status):
    profile = JobseekerProfileFactory()
    user = _user(kind, profile, enrol_totp)
    if user:
        client.force_login(user)
    response = client.post(reverse("casework:cnp_reveal", args=[profile.pk]))
    assert response.status_code == status
    assert AuditEntry.objects.filter(action="reveal").exists() == (status == 200)


@pytest.mark.parametrize(
    ("kind", "status"),
    [("anonymous", 302), ("jobseeker", 403), ("employer", 403), ("counsellor", 302)],
)
def test_who_may_search_by_cnp(client, enrol_totp, kind, status):
    profile = JobseekerProfileFactory()
    user = _user(kind, profile, enrol_totp)
    if user:
        client.force_login(user)
    response = client.post(reverse("jobseekers:staff_profile_by_cnp"), {"cnp": profile.cnp})
    assert response.status_code == status
    if kind == "anonymous":
        assert "/cont/login/" in response["Location"]
