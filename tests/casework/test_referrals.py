"""Referrals to the partner network, both ways: the counsellor refers, the organisation's
representatives accept or decline and report the outcome, the counsellor sees it on the case."""

import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from casework import permissions, services
from casework.models import Referral, ReferralStatus
from puls.accounts.models import Role
from puls.audit.models import AuditEntry
from puls.notifications.models import Notification, NotificationKind
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory, agency
from tests.network.factories import OrganisationFactory, RepresentativeFactory

from .factories import CaseFileFactory, ReferralFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsellor(enrol_totp):
    return enrol_totp(UserFactory(counsellor=True, email="consilier@ajofm.ro"))


@pytest.fixture
def representative():
    return RepresentativeFactory(user__email="partener@asociatie.ro")


@pytest.fixture
def referral(counsellor, representative):
    return services.referral_create(
        case_file=CaseFileFactory(
            owner=counsellor,
            profile__user__first_name="Maria",
            profile__user__last_name="Ionescu",
        ),
        organisation=representative.organisation,
        purpose="outreach",
        note="Are nevoie de sprijin pentru CV.",
        contact="0722 123 456",
        by=counsellor,
    )


def _statuses(referral):
    return list(referral.transitions.values_list("from_status", "to_status"))


# --- Services -------------------------------------------------------------------------------------


def test_a_new_referral_is_logged_and_the_organisations_members_are_told(
    counsellor, representative, django_capture_on_commit_callbacks
):
    colleague = RepresentativeFactory(organisation=representative.organisation)
    RepresentativeFactory()  # another organisation's representative hears nothing
    with django_capture_on_commit_callbacks(execute=True):
        referral = services.referral_create(
            case_file=CaseFileFactory(owner=counsellor, profile__user__last_name="Vasilescu"),
            organisation=representative.organisation,
            purpose="outplacement",
            by=counsellor,
        )

    assert referral.status == ReferralStatus.SENT
    assert _statuses(referral) == [("", "sent")]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [representative.user.email, colleague.user.email]
    )
    notice = Notification.objects.get(user=representative.user)
    assert notice.kind == NotificationKind.REFERRAL
    assert notice.link == reverse("casework:received_referral_detail", args=[referral.pk])
    # the e-mail does not name the person: the audited page does
    assert "Vasilescu" not in mail.outbox[0].subject + mail.outbox[0].body


def test_the_organisation_is_told_in_its_representatives_language(
    counsellor, django_capture_on_commit_callbacks
):
    romanian = RepresentativeFactory(user__language="ro")
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_create(
            case_file=CaseFileFactory(owner=counsellor),
            organisation=romanian.organisation,
            purpose="outreach",
            by=counsellor,
        )
    (email,) = mail.outbox
    assert "O persoană trimisă către organizația dumneavoastră" in email.subject


def test_accept_then_report_the_outcome_and_the_counsellor_is_told_each_time(
    referral, representative, counsellor, django_capture_on_commit_callbacks
):
    member = representative.user
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_accept(referral=referral, by=member)
    referral.refresh_from_db()
    assert (referral.status, referral.answered_by) == (ReferralStatus.ACCEPTED, member)
    assert referral.answered_at is not None
    assert [m.to for m in mail.outbox] == [[counsellor.email]]
    assert representative.organisation.name in mail.outbox[0].subject

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_report_outcome(
            referral=referral, status="completed", result="A absolvit cursul de CV.", by=member
        )
    referral.refresh_from_db()
    assert (referral.status, referral.result, referral.closed_by) == (
        ReferralStatus.COMPLETED,
        "A absolvit cursul de CV.",
        member,
    )
    assert _statuses(referral) == [("", "sent"), ("sent", "accepted"), ("accepted", "completed")]
    assert [m.to for m in mail.outbox] == [[counsellor.email]]
    assert "Completed" in mail.outbox[0].body
    notices = Notification.objects.filter(user=counsellor, kind=NotificationKind.REFERRAL)
    assert notices.count() == 2


def test_the_organisation_can_say_the_person_did_not_take_it_up(referral, representative):
    services.referral_accept(referral=referral, by=representative.user)
    services.referral_report_outcome(
        referral=referral,
        status="not_taken_up",
        result="Nu s-a prezentat.",
        by=representative.user,
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.NOT_TAKEN_UP


def test_decline_with_its_reason_and_the_counsellor_is_told(
    referral, representative, counsellor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_decline(
            referral=referral, reason="  Nu mai avem locuri luna aceasta.  ", by=representative.user
        )
    referral.refresh_from_db()
    assert (referral.status, referral.decline_reason) == (
        ReferralStatus.DECLINED,
        "Nu mai avem locuri luna aceasta.",
    )
    assert referral.transitions.last().reason == "Nu mai avem locuri luna aceasta."
    assert [m.to for m in mail.outbox] == [[counsellor.email]]
    assert "declined" in mail.outbox[0].subject


@pytest.mark.parametrize("reason", ["", "   "])
def test_declining_without_a_reason_is_refused_and_nothing_changes(
    referral, representative, reason, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError) as refused:
            services.referral_decline(referral=referral, reason=reason, by=representative.user)
    assert refused.value.message_dict == {
        "reason": ["Write why your organisation declines the referral."]
    }
    referral.refresh_from_db()
    assert (referral.status, referral.answered_at, referral.decline_reason) == ("sent", None, "")
    assert _statuses(referral) == [("", "sent")]
    assert mail.outbox == []


def test_an_outcome_without_words_or_with_a_wrong_status_is_refused(referral, representative):
    services.referral_accept(referral=referral, by=representative.user)
    with pytest.raises(ValidationError) as refused:
        services.referral_report_outcome(
            referral=referral, status="completed", result=" ", by=representative.user
        )
    assert refused.value.message_dict == {"result": ["Write the outcome of the referral."]}
    with pytest.raises(ValidationError) as refused:
        services.referral_report_outcome(
            referral=referral, status="accepted", result="Da", by=representative.user
        )
    assert refused.value.message_dict == {"status": ["Choose how the referral ended."]}
    referral.refresh_from_db()
    assert (referral.status, referral.result, referral.closed_at) == ("accepted", "", None)


def test_the_wrong_state_is_refused_with_a_clear_message(referral, representative):
    member = representative.user
    with pytest.raises(TransitionRefused, match="The outcome of this referral is already recorded"):
        services.referral_report_outcome(
            referral=referral, status="completed", result="Gata", by=member
        )
    services.referral_accept(referral=referral, by=member)
    with pytest.raises(TransitionRefused, match="already been answered"):
        services.referral_accept(referral=referral, by=member)
    with pytest.raises(TransitionRefused, match="already been answered"):
        services.referral_decline(referral=referral, reason="Nu", by=member)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ACCEPTED
    assert referral.decline_reason == ""


def test_only_the_receiving_organisations_representatives_answer(referral, counsellor):
    stranger = RepresentativeFactory().user
    for by in (stranger, counsellor):
        with pytest.raises(PermissionDenied):
            services.referral_accept(referral=referral, by=by)
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_the_counsellor_withdraws_a_referral_not_yet_answered(
    referral, representative, counsellor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_withdraw(referral=referral, by=counsellor)
    referral.refresh_from_db()
    assert (referral.status, referral.closed_by) == (ReferralStatus.WITHDRAWN, counsellor)
    assert [m.to for m in mail.outbox] == [[representative.user.email]]
    with pytest.raises(TransitionRefused, match="Only a referral still waiting"):
        services.referral_withdraw(referral=referral, by=counsellor)


def test_an_answered_referral_cannot_be_withdrawn(referral, representative, counsellor):
    services.referral_accept(referral=referral, by=representative.user)
    with pytest.raises(TransitionRefused, match="Only a referral still waiting"):
        services.referral_withdraw(referral=referral, by=counsellor)


def test_the_counsellor_records_the_outcome_only_for_an_organisation_not_in_puls(
    referral, representative, counsellor
):
    with pytest.raises(ValidationError, match="answers this referral in PULS"):
        services.referral_close(referral=referral, status="completed", result="x", by=counsellor)
    # the representative leaves without a successor: nobody answers for the organisation now
    representative.ended_at = representative.started_at
    representative.save()
    with pytest.raises(ValidationError) as refused:
        services.referral_close(referral=referral, status="completed", result="", by=counsellor)
    assert refused.value.message_dict == {"result": ["Write the outcome of the referral."]}
    services.referral_close(
        referral=referral, status="not_taken_up", result="Nu a mers.", by=counsellor
    )
    referral.refresh_from_db()
    assert (referral.status, referral.closed_by) == (ReferralStatus.NOT_TAKEN_UP, counsellor)
    assert _statuses(referral) == [("", "sent"), ("sent", "not_taken_up")]
    with pytest.raises(TransitionRefused, match="already recorded"):
        services.referral_close(referral=referral, status="completed", result="x", by=counsellor)


def test_the_database_requires_the_reason_and_the_outcome():
    declined = ReferralFactory.build(status="declined", decline_reason="")
    ended = ReferralFactory.build(status="completed", result="")
    for referral in (declined, ended):
        with pytest.raises(ValidationError):
            referral.validate_constraints()


# --- Permissions ----------------------------------------------------------------------------------


def _user(kind, referral):
    organisation = referral.organisation
    return {
        "jobseeker": lambda: referral.case_file.profile.user,
        "employer": lambda: UserFactory(employer=True),
        "counsellor": lambda: referral.referred_by,
        "agency_admin": lambda: UserFactory(agency_admin=True),
        "other_member": lambda: RepresentativeFactory().user,
        "former_member": lambda: (
            RepresentativeFactory(organisation=organisation, ended_at=organisation.joined_at).user
        ),
        "member": lambda: RepresentativeFactory(organisation=organisation).user,
    }[kind]()


@pytest.mark.parametrize(
    ("kind", "may_answer"),
    [
        ("jobseeker", False),
        ("employer", False),
        ("counsellor", False),
        ("agency_admin", False),
        ("other_member", False),
        ("former_member", False),
        ("member", True),
    ],
)
def test_who_may_answer_and_report(kind, may_answer):
    referral = ReferralFactory()
    user = _user(kind, referral)
    assert permissions.may_answer_referral(user, referral) is may_answer
    assert permissions.may_report_referral_outcome(user, referral) is False
    referral.status = ReferralStatus.ACCEPTED
    assert permissions.may_answer_referral(user, referral) is False
    assert permissions.may_report_referral_outcome(user, referral) is may_answer


@pytest.mark.parametrize(
    ("status", "online", "may_record", "may_withdraw"),
    [
        ("sent", False, True, True),
        ("sent", True, False, True),
        ("accepted", False, True, False),
        ("accepted", True, False, False),
        ("completed", False, False, False),
        ("declined", False, False, False),
    ],
)
def test_what_the_counsellor_may_do_with_a_referral(status, online, may_record, may_withdraw):
    referral = ReferralFactory(status=status, decline_reason="x", result="y")
    if online:
        RepresentativeFactory(organisation=referral.organisation)
    staff = [referral.referred_by, UserFactory(agency_admin=True)]
    for user in staff:
        assert permissions.may_record_referral_result(user, referral) is may_record
        assert permissions.may_withdraw_referral(user, referral) is may_withdraw
    member = UserFactory(role=Role.NETWORK_MEMBER)
    assert not permissions.may_record_referral_result(member, referral)
    assert not permissions.may_withdraw_referral(member, referral)


# --- Views ----------------------------------------------------------------------------------------


def test_received_referrals_list_filters_by_status_and_audits_the_names(client, referral):
    member = RepresentativeFactory(organisation=referral.organisation).user
    answered = ReferralFactory(organisation=referral.organisation)
    services.referral_accept(referral=answered, by=member)
    ReferralFactory()  # sent to another organisation
    client.force_login(member)

    response = client.get(reverse("casework:received_referrals"))
    page = response.content.decode()
    assert response.status_code == 200
    assert referral.case_file.profile.display_name in page
    assert answered.case_file.profile.display_name in page
    assert len(re.findall(r'href="/consiliere/trimiteri-primite/\d+/"', page)) == 2
    listed = AuditEntry.objects.filter(actor=member, action=AuditEntry.Action.LIST)
    assert sorted(int(e.target_object_id) for e in listed) == sorted(
        [referral.case_file.profile_id, answered.case_file.profile_id]
    )

    page = client.get(reverse("casework:received_referrals"), {"status": "accepted"})
    assert answered.case_file.profile.display_name in page.content.decode()
    assert referral.case_file.profile.display_name not in page.content.decode()
    assert client.get(reverse("casework:received_referrals"), {"status": "x"}).status_code == 400


def test_received_referrals_empty_state(client):
    client.force_login(RepresentativeFactory().user)
    page = client.get(reverse("casework:received_referrals")).content.decode()
    assert "has not received any referral yet" in page
    completed = client.get(reverse("casework:received_referrals"), {"status": "completed"})
    assert "No referral has this status." in completed.content.decode()


def test_received_referrals_list_pages_without_more_queries(client, django_assert_max_num_queries):
    member = RepresentativeFactory()
    ReferralFactory.create_batch(3, organisation=member.organisation)
    client.force_login(member.user)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("casework:received_referrals"))
    ReferralFactory.create_batch(10, organisation=member.organisation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("casework:received_referrals"))


def test_the_referral_page_shows_what_the_partner_needs_and_the_reading_is_audited(
    client, referral, representative, counsellor
):
    client.force_login(representative.user)
    response = client.get(reverse("casework:received_referral_detail", args=[referral.pk]))
    page = response.content.decode()
    profile = referral.case_file.profile
    for shown in (
        profile.display_name,
        "0722 123 456",
        "Are nevoie de sprijin pentru CV.",
        "Outreach and support",
        counsellor.email,
        profile.agency.name,
        "Accept the referral",
    ):
        assert shown in page
    entry = AuditEntry.objects.get(actor=representative.user, action=AuditEntry.Action.VIEW)
    assert entry.target_object_id == str(profile.pk)
    assert entry.path == reverse("casework:received_referral_detail", args=[referral.pk])


def test_a_declined_referral_no_longer_shows_the_person(client, referral, representative):
    services.referral_decline(referral=referral, reason="Nu avem locuri.", by=representative.user)
    client.force_login(representative.user)
    page = client.get(reverse("casework:received_referral_detail", args=[referral.pk]))
    assert referral.case_file.profile.display_name not in page.content.decode()
    assert "0722 123 456" not in page.content.decode()
    assert not AuditEntry.objects.filter(
        actor=representative.user, action=AuditEntry.Action.VIEW
    ).exists()


def test_accept_decline_and_report_through_the_pages(client, referral, representative):
    client.force_login(representative.user)
    detail = reverse("casework:received_referral_detail", args=[referral.pk])
    response = client.post(reverse("casework:referral_decline", args=[referral.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Write why your organisation declines the referral." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "sent"

    response = client.post(reverse("casework:referral_accept", args=[referral.pk]))
    assert response.status_code == 302 and response.headers["Location"] == detail
    page = client.get(detail).content.decode()
    assert "Report the outcome" in page and "Accept the referral" not in page

    response = client.post(
        reverse("casework:referral_report", args=[referral.pk]),
        {"status": "completed", "result": ""},
    )
    assert response.status_code == 400
    assert "Write the outcome of the referral." in response.content.decode()
    client.post(
        reverse("casework:referral_report", args=[referral.pk]),
        {"status": "completed", "result": "Angajat ca ajutor de bucătar."},
    )
    referral.refresh_from_db()
    assert (referral.status, referral.result) == ("completed", "Angajat ca ajutor de bucătar.")
    response = client.post(reverse("casework:referral_accept", args=[referral.pk]), follow=True)
    assert "already been answered" in response.content.decode()


def test_the_counsellor_sees_the_answer_and_outcome_on_the_case(client, referral, representative):
    services.referral_accept(referral=referral, by=representative.user)
    services.referral_report_outcome(
        referral=referral,
        status="completed",
        result="A găsit un loc de muncă.",
        by=representative.user,
    )
    client.force_login(referral.referred_by)
    page = client.get(
        reverse("casework:case_detail", args=[referral.case_file.profile_id])
    ).content.decode()
    assert "Accepted by the organisation on" in page
    assert "Outcome recorded on" in page and "A găsit un loc de muncă." in page
    assert "Record the result" not in page and "Withdraw the referral" not in page


def test_the_counsellor_refers_withdraws_and_records_from_the_case_page(client, counsellor):
    case_file = CaseFileFactory(owner=counsellor)
    without_members = OrganisationFactory()
    client.force_login(counsellor)
    case_page = reverse("casework:case_detail", args=[case_file.profile_id])
    client.post(
        reverse("casework:referral_create", args=[case_file.profile_id]),
        {"organisation": without_members.pk, "purpose": "outplacement", "contact": "a@b.ro"},
    )
    referral = case_file.referrals.get()
    assert referral.contact == "a@b.ro"
    page = client.get(case_page).content.decode()
    assert "Record the result" in page and "Withdraw the referral" in page

    response = client.post(
        reverse("casework:referral_close", args=[referral.pk]),
        {"status": "completed", "result": ""},
        follow=True,
    )
    assert "Write the outcome of the referral." in response.content.decode()
    client.post(
        reverse("casework:referral_close", args=[referral.pk]),
        {"status": "completed", "result": "Angajat prin outplacement"},
    )
    referral.refresh_from_db()
    assert (referral.status, referral.result) == ("completed", "Angajat prin outplacement")

    second = ReferralFactory(case_file=case_file, organisation=without_members)
    client.post(reverse("casework:referral_withdraw", args=[second.pk]))
    second.refresh_from_db()
    assert second.status == ReferralStatus.WITHDRAWN


USERS = {
    "anonymous": lambda referral: None,
    "jobseeker": lambda referral: referral.case_file.profile.user,
    "employer": lambda referral: UserFactory(employer=True),
    "counsellor": lambda referral: referral.referred_by,
    "other_organisation": lambda referral: RepresentativeFactory().user,
    "member": lambda referral: RepresentativeFactory(organisation=referral.organisation).user,
}


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anonymous", 302),
        ("jobseeker", 403),
        ("employer", 403),
        ("counsellor", 403),
        ("other_organisation", 404),
        ("member", 200),
    ],
)
def test_who_opens_a_received_referral(client, enrol_totp, kind, expected):
    referral = ReferralFactory()
    user = USERS[kind](referral)
    if user is not None:
        if user.is_spo_staff:
            enrol_totp(user)
        client.force_login(user)
    response = client.get(reverse("casework:received_referral_detail", args=[referral.pk]))
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("anonymous", 302), ("jobseeker", 403), ("counsellor", 403), ("other_organisation", 404)],
)
@pytest.mark.parametrize("action", ["referral_accept", "referral_decline", "referral_report"])
def test_nobody_else_answers_a_referral(client, kind, expected, action):
    referral = ReferralFactory()
    user = USERS[kind](referral)
    if user is not None:
        client.force_login(user)
    response = client.post(
        reverse(f"casework:{action}", args=[referral.pk]),
        {"reason": "Fără locuri", "status": "completed", "result": "Gata"},
    )
    assert response.status_code == expected
    referral.refresh_from_db()
    assert (referral.status, referral.transitions.count()) == (ReferralStatus.SENT, 0)


def test_a_counsellor_of_another_agency_cannot_touch_the_referral(client, enrol_totp):
    referral = ReferralFactory()
    other = enrol_totp(UserFactory(counsellor=True, agency=agency("AB")))
    client.force_login(other)
    for name in ("referral_close", "referral_withdraw"):
        response = client.post(
            reverse(f"casework:{name}", args=[referral.pk]),
            {"status": "completed", "result": "x"},
        )
        assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SENT


def test_received_referrals_link_on_the_members_home(client):
    client.force_login(RepresentativeFactory().user)
    page = client.get(reverse("network:dashboard")).content.decode()
    assert reverse("casework:received_referrals") in page


@pytest.mark.romanian
def test_received_referrals_page_in_romanian(client):
    client.force_login(RepresentativeFactory().user)
    page = client.get(reverse("casework:received_referrals")).content.decode()
    assert "Trimiteri primite" in page


# --- The data migration ---------------------------------------------------------------------------

BEFORE = [("casework", "0006_profiling_option_prefill_code")]


def _migrate(targets=None):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_old_referrals_onto_the_lifecycle_and_back():
    case_file = CaseFileFactory()
    organisation = OrganisationFactory()
    counsellor = case_file.owner
    executor = _migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("casework", "Referral")
    common = {
        "case_file_id": case_file.pk,
        "organisation_id": organisation.pk,
        "purpose": "outreach",
        "referred_by_id": counsellor.pk,
    }
    sent = old.objects.create(status="sent", **common)
    completed = old.objects.create(status="completed", result="Angajat", **common)
    not_taken_up = old.objects.create(status="declined", result="Nu a venit", **common)

    _migrate()
    moved = {r.pk: r for r in Referral.objects.all()}
    assert [moved[r.pk].status for r in (sent, completed, not_taken_up)] == [
        "sent",
        "completed",
        "not_taken_up",
    ]
    assert moved[not_taken_up.pk].closed_by == counsellor
    assert moved[sent.pk].closed_by is None
    assert _statuses(moved[sent.pk]) == [("", "sent")]
    assert _statuses(moved[not_taken_up.pk]) == [("", "sent"), ("sent", "not_taken_up")]
    assert moved[completed.pk].transitions.last().reason == "Angajat"

    _migrate(BEFORE)
    assert old.objects.get(pk=not_taken_up.pk).status == "declined"
    _migrate()
