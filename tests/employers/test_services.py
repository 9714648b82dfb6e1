"""Services: company registration and representatives, the vacancy lifecycle and its legal notice,
documents and their review, subsidies with effective-dated amounts."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from employers import pdf, services
from employers.models import (
    ApplicationStatus,
    Company,
    CompanyDocument,
    CompanyMembership,
    SubsidyProgramme,
    Vacancy,
    VacancyCommunication,
    VacancyStatus,
)
from puls.audit.models import AuditEntry
from puls.reference.models import County
from puls.workflow import TransitionRefused
from tests.accounts.factories import UserFactory
from tests.pdfcheck import assert_pdf_document
from tests.reference.factories import OccupationSkillFactory, SkillFactory

from .conftest import PDF, upload
from .factories import (
    CompanyFactory,
    SubsidyApplicationFactory,
    SubsidyProgrammeFactory,
    VacancyFactory,
    valid_cui,
)

pytestmark = pytest.mark.django_db


def bucharest(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def company_data(**overrides):
    from puls.reference.models import County

    data = {
        "cui": "RO" + valid_cui(900),
        "trade_register_number": "J12/345/2010",
        "name": "Atelierul de Lemn SRL",
        "caen_code": "1623",
        "address": "Str. Fabricii 3",
        "locality": "Dej",
        "county": County.objects.get(pk="CJ"),
        "contact_name": "Vasile Rus",
        "contact_phone": "0740 000 111",
    }
    return {**data, **overrides}


# --- Companies ------------------------------------------------------------------------------------


def test_the_registering_employer_becomes_the_administrator_of_a_pending_company(employer):
    company = services.company_register(user=employer, **company_data())

    assert company.status == Company.Status.PENDING
    assert company.cui == valid_cui(900)  # stored without the RO prefix
    assert CompanyMembership.objects.get(company=company).user == employer
    assert CompanyMembership.objects.get(company=company).is_admin
    log = company.transitions.get()
    assert (log.from_status, log.to_status, log.by) == ("", Company.Status.PENDING, employer)


def test_a_second_registration_of_a_cui_creates_nothing_and_asks_the_administrator(
    employer, django_capture_on_commit_callbacks
):
    company = services.company_register(user=employer, **company_data())
    other = UserFactory(employer=True)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = services.company_register(
            user=other, **company_data(cui=valid_cui(900), name="Alta")
        )

    assert result is None
    assert Company.objects.count() == 1
    assert company.access_requests.get().user == other
    assert sorted(m.to[0] for m in mail.outbox) == sorted([employer.email, other.email])
    to_other = next(m.body for m in mail.outbox if m.to == [other.email])
    assert "Atelierul" not in to_other and employer.email not in to_other


def test_an_access_request_for_an_unknown_cui_creates_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            services.access_request_create(user=UserFactory(employer=True), cui=valid_cui(5))
            is None
        )
    assert not mail.outbox


def test_access_request_mails_the_administrator_who_can_grant_it(
    employer, django_capture_on_commit_callbacks
):
    company = CompanyFactory(admin=employer, cui=valid_cui(901))
    asker = UserFactory(employer=True)

    with django_capture_on_commit_callbacks(execute=True):
        request = services.access_request_create(user=asker, cui="RO" + valid_cui(901))
    assert [m.to for m in mail.outbox] == [[employer.email]]

    services.access_request_decide(access_request=request, by=employer, grant=True)
    assert company.memberships.filter(user=asker, is_admin=False).exists()


def test_an_invited_person_joins_and_the_admin_hands_over(
    company, employer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(company=company, by=employer, email="Nou@Firma.ro")
    assert str(invitation.token) in mail.outbox[0].body
    newcomer = UserFactory(employer=True, email="nou@firma.ro")

    membership = services.invitation_accept(invitation=invitation, user=newcomer)
    services.admin_handover(company=company, by=employer, to=membership)

    assert company.memberships.get(is_admin=True).user == newcomer
    with pytest.raises(PermissionDenied):
        services.invitation_create(company=company, by=employer, email="x@firma.ro")


def test_an_invitation_cannot_be_used_by_another_address(company, employer):
    invitation = services.invitation_create(company=company, by=employer, email="a@firma.ro")

    with pytest.raises(PermissionDenied):
        services.invitation_accept(invitation=invitation, user=UserFactory(employer=True))
    assert company.memberships.count() == 1


def test_the_administrator_cannot_be_revoked_but_a_representative_can(company, employer):
    colleague = CompanyMembership.objects.create(company=company, user=UserFactory(employer=True))
    admin_membership = company.memberships.get(is_admin=True)

    with pytest.raises(TransitionRefused):
        services.membership_revoke(membership=admin_membership, by=employer)
    services.membership_revoke(membership=colleague, by=employer)

    assert list(company.memberships.all()) == [admin_membership]


def test_verification_records_who_and_when_and_mails_the_representatives(
    cluj_counsellor, django_capture_on_commit_callbacks
):
    company = CompanyFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.company_verify(company=company, by=cluj_counsellor)

    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED
    assert company.verified_by == cluj_counsellor and company.verified_at is not None
    assert len(mail.outbox) == 1 and "verified" in mail.outbox[0].subject.lower()
    log = company.transitions.get()
    assert (log.from_status, log.to_status, log.by) == ("pending", "verified", cluj_counsellor)


def test_refusing_verification_needs_a_reason(cluj_counsellor):
    company = CompanyFactory()

    with pytest.raises(ValidationError):
        services.company_reject(company=company, by=cluj_counsellor, reason=" ")
    company.refresh_from_db()
    assert company.status == Company.Status.PENDING
    assert not company.transitions.exists()


def test_a_refused_company_keeps_the_reason_in_its_log_and_may_be_verified_later(cluj_counsellor):
    company = CompanyFactory()

    services.company_reject(company=company, by=cluj_counsellor, reason=" CUI radiat ")
    services.company_verify(company=company, by=cluj_counsellor)

    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED and company.status_reason == ""
    assert [
        (log.from_status, log.to_status, log.reason, log.by)
        for log in company.transitions.order_by("pk")
    ] == [
        ("pending", "rejected", "CUI radiat", cluj_counsellor),
        ("rejected", "verified", "", cluj_counsellor),
    ]


@pytest.mark.parametrize(
    "decide, message",
    [
        (
            lambda company, by: services.company_verify(company=company, by=by),
            "This company is already verified.",
        ),
        (
            lambda company, by: services.company_reject(company=company, by=by, reason="Alt motiv"),
            "Only a company awaiting verification can be refused.",
        ),
    ],
    ids=["verify", "reject"],
)
def test_deciding_on_a_verified_company_again_is_refused_and_changes_nothing(
    cluj_counsellor, django_capture_on_commit_callbacks, decide, message
):
    company = CompanyFactory(verified=True, verified_by=cluj_counsellor)
    verified_at = company.verified_at

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(TransitionRefused) as refused,
    ):
        decide(company, UserFactory(counsellor=True))

    assert refused.value.messages == [message]
    company.refresh_from_db()
    assert (company.status, company.verified_by, company.verified_at, company.status_reason) == (
        Company.Status.VERIFIED,
        cluj_counsellor,
        verified_at,
        "",
    )
    assert not company.transitions.exists() and mail.outbox == []


# --- Vacancy lifecycle ----------------------------------------------------------------------------


def test_submitting_numbers_the_notice_and_marks_it_on_time(company, employer):
    vacancy = VacancyFactory(
        company=company,
        vacant_since=datetime.date(2026, 11, 27),
        valid_until=datetime.date(2027, 1, 31),
    )

    communication = services.vacancy_submit(
        vacancy=vacancy, by=employer, now=bucharest(2026, 12, 8)
    )

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED
    assert communication.registration_number == "CJ-2026-000001"
    assert communication.deadline == datetime.date(2026, 12, 8)
    assert communication.on_time is True
    assert vacancy.transitions.get().to_status == VacancyStatus.SUBMITTED


def test_a_notice_after_the_working_day_deadline_is_recorded_late(company, employer):
    vacancy = VacancyFactory(
        company=company,
        vacant_since=datetime.date(2026, 11, 27),
        valid_until=datetime.date(2027, 1, 31),
    )
    VacancyFactory(
        company=company,
        vacant_since=datetime.date(2026, 11, 27),
        valid_until=datetime.date(2027, 1, 31),
    )

    communication = services.vacancy_submit(
        vacancy=vacancy, by=employer, now=bucharest(2026, 12, 9)
    )

    assert communication.on_time is False
    second = services.vacancy_submit(
        vacancy=Vacancy.objects.exclude(pk=vacancy.pk).get(),
        by=employer,
        now=bucharest(2026, 12, 9),
    )
    assert second.registration_number == "CJ-2026-000002"


def test_the_notice_pdf_carries_what_anexa_1a_asks(company, employer):
    vacancy = VacancyFactory(
        company=company,
        vacant_since=datetime.date(2026, 11, 27),
        valid_until=datetime.date(2027, 1, 31),
        title="Tâmplar șef",
    )
    communication = services.vacancy_submit(
        vacancy=vacancy, by=employer, now=bucharest(2026, 12, 2)
    )

    # the official header (ANOFM, the agency), its register number, page numbers, nothing
    # past the page's edge
    text = assert_pdf_document(
        pdf.communication_pdf(communication),
        header=[communication.agency.name, "Număr de înregistrare"],
    )

    for expected in (
        communication.registration_number,
        company.cui,
        company.caen_code,
        vacancy.cor_occupation.code,
        "Tâmplar șef",
        "6.000",  # money as PULS writes it: "6.000 lei" or "6.000–8.000 lei"
        "lei",
        "02.12.2026",
    ):
        assert expected in text


def test_submission_e_mails_the_confirmation_with_its_pdf_once(
    company, employer, django_capture_on_commit_callbacks
):
    vacancy = VacancyFactory(company=company)

    with django_capture_on_commit_callbacks(execute=True):
        communication = services.vacancy_submit(vacancy=vacancy, by=employer)
    from employers.tasks import send_communication_confirmation

    with django_capture_on_commit_callbacks(execute=True):
        assert send_communication_confirmation(communication.pk) is False  # already sent

    assert len(mail.outbox) == 1
    ((filename, content, mimetype),) = mail.outbox[0].attachments
    assert filename == f"{communication.registration_number}.pdf"
    assert content.startswith(b"%PDF") and mimetype == "application/pdf"


def test_an_unverified_company_cannot_submit(employer):
    vacancy = VacancyFactory(company=CompanyFactory(admin=employer))

    with pytest.raises(TransitionRefused):
        services.vacancy_submit(vacancy=vacancy, by=employer)
    assert not VacancyCommunication.objects.exists()


def test_a_validity_date_in_the_past_refuses_submission(company, employer):
    vacancy = VacancyFactory(
        company=company, valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    with pytest.raises(ValidationError):
        services.vacancy_submit(vacancy=vacancy, by=employer)
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT


def test_publish_return_resubmit_and_publish(company, employer, cluj_counsellor):
    vacancy = VacancyFactory(company=company)
    services.vacancy_submit(vacancy=vacancy, by=employer)
    services.vacancy_return(vacancy=vacancy, by=cluj_counsellor, reason="Adăugați salariul net.")
    services.vacancy_update(vacancy=vacancy, by=employer, title="Programator Python")
    services.vacancy_submit(vacancy=vacancy, by=employer)
    services.vacancy_publish(vacancy=vacancy, by=cluj_counsellor)

    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.PUBLISHED and vacancy.published_at
    assert [(t.from_status, t.to_status, t.by) for t in vacancy.transitions.all()] == [
        ("draft", "submitted", employer),
        ("submitted", "returned", cluj_counsellor),
        ("returned", "submitted", employer),
        ("submitted", "published", cluj_counsellor),
    ]
    assert vacancy.transitions.all()[1].reason == "Adăugați salariul net."
    assert vacancy.communications.count() == 2


@pytest.mark.parametrize("status", ["draft", "published", "filled", "expired", "withdrawn"])
def test_only_a_submitted_vacancy_can_be_published(status, cluj_counsellor):
    vacancy = VacancyFactory(status=status)

    with pytest.raises(TransitionRefused):
        services.vacancy_publish(vacancy=vacancy, by=cluj_counsellor)
    vacancy.refresh_from_db()
    assert vacancy.status == status


def test_returning_needs_a_reason(cluj_counsellor):
    vacancy = VacancyFactory(submitted=True)

    with pytest.raises(ValidationError):
        services.vacancy_return(vacancy=vacancy, by=cluj_counsellor, reason="")
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED


def test_a_published_vacancy_cannot_be_edited(company, employer):
    vacancy = VacancyFactory(company=company, published=True)

    with pytest.raises(TransitionRefused):
        services.vacancy_update(vacancy=vacancy, by=employer, title="Altceva")


def test_fill_reports_close_the_vacancy_when_no_posts_remain(company, employer):
    # Thursday 9 April 2026; 10 April (Orthodox Good Friday), the weekend and 13 April (Easter
    # Monday) are not working days: the report is due on Tuesday 14 April.
    vacancy = VacancyFactory(
        company=company,
        published=True,
        posts=2,
        vacant_since=datetime.date(2026, 3, 2),
        valid_until=datetime.date(2026, 12, 31),
    )

    first = services.vacancy_fill_report(
        vacancy=vacancy,
        by=employer,
        posts_filled=1,
        filled_on=datetime.date(2026, 4, 9),
        now=bucharest(2026, 4, 14),
    )
    second = services.vacancy_fill_report(
        vacancy=vacancy,
        by=employer,
        posts_filled=1,
        filled_on=datetime.date(2026, 4, 9),
        now=bucharest(2026, 4, 15),
    )

    assert first.deadline == datetime.date(2026, 4, 14) and first.late is False
    assert second.late is True
    vacancy.refresh_from_db()
    assert vacancy.open_posts == 0 and vacancy.status == VacancyStatus.FILLED
    assert vacancy.closed_at is not None


def test_filled_posts_are_refused_for_a_vacancy_the_agency_does_not_hold_open(company, employer):
    vacancy = VacancyFactory(company=company, posts=1)  # a draft

    with pytest.raises(TransitionRefused, match="only for a submitted or published vacancy"):
        services.vacancy_fill_report(
            vacancy=vacancy, by=employer, posts_filled=1, filled_on=timezone.localdate()
        )
    vacancy.refresh_from_db()
    assert vacancy.open_posts == 1 and not vacancy.fill_reports.exists()


def test_more_posts_than_are_open_cannot_be_reported(company, employer):
    vacancy = VacancyFactory(company=company, published=True, posts=1)

    with pytest.raises(ValidationError):
        services.vacancy_fill_report(
            vacancy=vacancy, by=employer, posts_filled=2, filled_on=timezone.localdate()
        )
    vacancy.refresh_from_db()
    assert vacancy.open_posts == 1 and not vacancy.fill_reports.exists()


def test_expiry_closes_only_outdated_open_vacancies_and_is_idempotent():
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    outdated = VacancyFactory(
        published=True, valid_until=yesterday, vacant_since=yesterday - datetime.timedelta(days=5)
    )
    current = VacancyFactory(published=True)
    draft = VacancyFactory(valid_until=yesterday, vacant_since=yesterday)

    assert services.vacancies_expire(today=today) == 1
    assert services.vacancies_expire(today=today) == 0

    statuses = dict(Vacancy.objects.values_list("pk", "status"))
    assert statuses == {outdated.pk: "expired", current.pk: "published", draft.pk: "draft"}
    assert outdated.transitions.get().by is None


def test_duplicate_copies_content_and_skills_into_a_draft_without_dates(company, employer):
    vacancy = VacancyFactory(company=company, published=True, driving_licences=["B"])
    skill = SkillFactory()
    vacancy.vacancy_skills.create(skill=skill, essential=False)
    vacancy.languages.create(language="en", level="B2")

    copy = services.vacancy_duplicate(vacancy=vacancy, by=employer)

    assert copy.status == VacancyStatus.DRAFT and copy.duplicated_from == vacancy
    assert copy.title == vacancy.title and copy.driving_licences == ["B"]
    assert copy.vacant_since is None and copy.valid_until is None
    assert [(r.skill, r.essential) for r in copy.vacancy_skills.all()] == [(skill, False)]
    assert [(r.language, r.level) for r in copy.languages.all()] == [("en", "B2")]


def test_competences_must_use_an_esco_occupation_of_the_same_isco_group(company, employer):
    vacancy = VacancyFactory(company=company)
    link = OccupationSkillFactory()  # an occupation of another ISCO group

    with pytest.raises(ValidationError):
        services.vacancy_competences_set(
            vacancy=vacancy, by=employer, esco_occupation=link.occupation, skills=[]
        )


def test_the_questionnaire_opens_once_closed_and_is_answered_once(company, employer):
    vacancy = VacancyFactory(company=company, published=True)
    answers = {"overall": 5, "candidates": 4, "ease_of_use": 5, "would_recommend": True}

    with pytest.raises(TransitionRefused):
        services.satisfaction_record(vacancy=vacancy, by=employer, **answers)
    services.vacancy_withdraw(vacancy=vacancy, by=employer)
    services.satisfaction_record(vacancy=vacancy, by=employer, **answers)
    with pytest.raises(TransitionRefused):
        services.satisfaction_record(vacancy=vacancy, by=employer, **answers)


# --- Documents ------------------------------------------------------------------------------------


def test_a_rejected_document_is_replaced_and_reviewed_again(
    company, employer, cluj_counsellor, django_capture_on_commit_callbacks
):
    attachment = services.company_document_add(
        company=company,
        by=employer,
        uploaded_file=upload("act.pdf", PDF),
        title="Certificat constatator",
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.company_document_review(
            attachment=attachment, by=cluj_counsellor, accept=False, reason="Document expirat"
        )
    assert "Document expirat" in mail.outbox[0].body

    replacement = services.company_document_add(
        company=company,
        by=employer,
        uploaded_file=upload("act2.pdf", PDF),
        title="Certificat constatator",
        replaces=attachment,
    )

    attachment.refresh_from_db()
    assert attachment.review == CompanyDocument.Review.REPLACED
    assert replacement.replaces == attachment
    assert replacement.review == CompanyDocument.Review.PENDING


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_stored(
    company, employer, private_root
):
    with pytest.raises(ValidationError):
        services.company_document_add(
            company=company,
            by=employer,
            uploaded_file=upload("cv.pdf", b"MZ\x90\x00 not a pdf"),
            title="CV",
        )
    assert not CompanyDocument.objects.exists()
    assert not [p for p in private_root.rglob("*") if p.is_file()]


def test_a_document_cannot_be_reviewed_twice(company, employer, cluj_counsellor):
    attachment = services.company_document_add(
        company=company, by=employer, uploaded_file=upload("a.pdf", PDF), title="Act"
    )
    services.company_document_review(attachment=attachment, by=cluj_counsellor, accept=True)

    with pytest.raises(TransitionRefused):
        services.company_document_review(
            attachment=attachment, by=cluj_counsellor, accept=False, reason="x"
        )


# --- Subsidies ------------------------------------------------------------------------------------


def _complete_checklist(application, by):
    for requirement in application.programme.requirements.all():
        services.company_document_add(
            company=application.company,
            by=by,
            application=application,
            requirement=requirement,
            uploaded_file=upload("doc.pdf", PDF),
            title=requirement.name,
        )


def test_an_application_is_submitted_only_with_its_checklist_complete(company, employer):
    application = SubsidyApplicationFactory(company=company)

    with pytest.raises(ValidationError) as error:
        services.subsidy_application_submit(application=application, by=employer)
    assert "Contract de muncă" in str(error.value)

    _complete_checklist(application, employer)
    services.subsidy_application_submit(application=application, by=employer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_approval_grants_the_terms_in_force_on_the_decision_date(
    company, employer, cluj_counsellor, django_capture_on_commit_callbacks
):
    admin = UserFactory(is_superuser=True)
    programme = SubsidyProgrammeFactory(requirements=[], terms=False)
    services.subsidy_amount_add(
        programme=programme,
        by=admin,
        amount=Decimal("1000"),
        months_paid=6,
        effective_from=datetime.date(2026, 1, 1),
    )
    services.subsidy_amount_add(
        programme=programme,
        by=admin,
        amount=Decimal("1250"),
        months_paid=12,
        months_to_keep=18,
        effective_from=datetime.date(2026, 7, 1),
    )
    application = SubsidyApplicationFactory(company=company, programme=programme)
    services.subsidy_application_submit(application=application, by=employer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.subsidy_application_decide(
            application=application,
            by=cluj_counsellor,
            approve=True,
            today=datetime.date(2026, 6, 30),
        )

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert (application.amount, application.months_paid, application.months_to_keep) == (
        Decimal("1000.00"),
        6,
        None,
    )
    assert [t.to_status for t in application.transitions.all()] == ["submitted", "approved"]
    assert "approved: 1000.00 RON a month per person, for 6 months." in mail.outbox[0].body


def test_the_decision_names_the_programme_in_each_recipients_language(
    company, employer, cluj_counsellor, django_capture_on_commit_callbacks
):
    english_admin = employer
    english_admin.language = "en"
    english_admin.save(update_fields=["language"])
    programme = SubsidyProgrammeFactory(
        requirements=[], name="Absolvenți", name_en="Graduates' employment"
    )
    application = SubsidyApplicationFactory(company=company, programme=programme)
    services.subsidy_application_submit(application=application, by=english_admin)
    mail.outbox.clear()

    with translation.override("ro"), django_capture_on_commit_callbacks(execute=True):
        services.subsidy_application_decide(
            application=application, by=cluj_counsellor, approve=False, reason="Incomplet"
        )

    (email,) = [m for m in mail.outbox if english_admin.email in m.to]
    assert "“Graduates' employment” was rejected" in email.body
    assert "Absolvenți" not in email.body


def test_approval_is_refused_while_no_terms_are_in_force(company, employer, cluj_counsellor):
    application = SubsidyApplicationFactory(
        company=company, programme=SubsidyProgrammeFactory(requirements=[])
    )
    services.subsidy_application_submit(application=application, by=employer)

    with pytest.raises(TransitionRefused, match="No terms"):
        services.subsidy_application_decide(  # the factory's terms start on 1 January 2020
            application=application,
            by=cluj_counsellor,
            approve=True,
            today=datetime.date(2019, 12, 31),
        )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED and application.amount is None


PROGRAMME = {
    "name": "Subvenție pentru absolvenți",
    "legal_basis": "Legea nr. 76/2002, art. 80",
    "eligible_categories": ["graduate"],
}


def test_a_programme_opens_only_with_a_legal_basis_and_terms_in_force():
    admin = UserFactory(is_superuser=True)
    with pytest.raises(ValidationError) as refused:
        services.subsidy_programme_save(by=admin, is_open=True, **PROGRAMME)
    assert "opens for applications only with its terms in force" in str(refused.value)
    assert not SubsidyProgramme.objects.exists()

    programme = services.subsidy_programme_save(by=admin, **PROGRAMME)
    assert not programme.is_open
    services.subsidy_amount_add(  # in force from tomorrow only: still refused
        programme=programme,
        by=admin,
        amount=Decimal("2250"),
        months_paid=12,
        effective_from=timezone.localdate() + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as refused:
        services.subsidy_programme_save(
            by=admin, programme=programme, is_open=True, **{**PROGRAMME, "name": "Alt nume"}
        )
    assert list(refused.value.message_dict) == ["is_open"]
    programme.refresh_from_db()
    assert (programme.name, programme.is_open) == (PROGRAMME["name"], False)  # nothing changed

    services.subsidy_amount_add(
        programme=programme,
        by=admin,
        amount=Decimal("2250"),
        months_paid=12,
        months_to_keep=18,
        effective_from=timezone.localdate(),
    )
    with pytest.raises(ValidationError) as refused:
        services.subsidy_programme_save(
            by=admin, programme=programme, is_open=True, **{**PROGRAMME, "legal_basis": "  "}
        )
    assert "Write the legal basis" in str(refused.value)

    services.subsidy_programme_save(by=admin, programme=programme, is_open=True, **PROGRAMME)
    programme.refresh_from_db()
    assert programme.is_open
    assert AuditEntry.objects.filter(
        actor=admin, action=AuditEntry.Action.UPDATE, target_object_id=str(programme.pk)
    ).exists()


@pytest.mark.parametrize(
    ("months_paid", "months_to_keep", "field"),
    [(None, None, "months_paid"), (0, None, "months_paid"), (12, 0, "months_to_keep")],
)
def test_terms_without_a_valid_duration_are_refused_and_nothing_is_recorded(
    months_paid, months_to_keep, field
):
    programme = SubsidyProgrammeFactory(terms=False)
    with pytest.raises(ValidationError) as refused:
        services.subsidy_amount_add(
            programme=programme,
            by=UserFactory(is_superuser=True),
            amount=Decimal("2250"),
            months_paid=months_paid,
            months_to_keep=months_to_keep,
            effective_from=datetime.date(2026, 1, 1),
        )
    assert field in refused.value.message_dict
    assert not programme.amounts.exists()


def test_no_application_to_a_programme_without_terms_in_force(company, employer):
    programme = SubsidyProgrammeFactory(is_open=True, terms=False)  # e.g. opened before the rule
    with pytest.raises(TransitionRefused, match="not open for applications"):
        services.subsidy_application_create(
            company=company, programme=programme, by=employer, category="graduate"
        )
    assert not programme.applications.exists()


def test_approval_waits_for_every_document_to_be_accepted(company, employer, cluj_counsellor):
    application = SubsidyApplicationFactory(company=company)
    _complete_checklist(application, employer)
    services.subsidy_application_submit(application=application, by=employer)

    with pytest.raises(TransitionRefused):
        services.subsidy_application_decide(
            application=application, by=cluj_counsellor, approve=True
        )


def test_a_category_outside_the_programme_is_refused(company, employer):
    programme = SubsidyProgrammeFactory(eligible_categories=["over_45"])

    with pytest.raises(ValidationError):
        services.subsidy_application_create(
            company=company, programme=programme, by=employer, category="graduate"
        )


def test_the_daily_expiry_task_closes_outdated_vacancies():
    from employers.tasks import expire_vacancies

    vacancy = VacancyFactory(
        published=True,
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
        vacant_since=timezone.localdate() - datetime.timedelta(days=9),
    )

    assert expire_vacancies.delay().get() == 1
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.EXPIRED


def test_only_the_administrator_changes_the_company():
    company = CompanyFactory(verified=True)
    colleague = UserFactory(employer=True)
    CompanyMembership.objects.create(company=company, user=colleague, is_admin=False)

    with pytest.raises(PermissionDenied):
        services.company_update(company=company, by=colleague, name="Alt nume SRL")

    company.refresh_from_db()
    assert company.name != "Alt nume SRL"


@pytest.mark.parametrize("change", [{"name": "Alt nume SRL"}, {"county": "TM"}])
def test_renaming_or_moving_a_verified_company_sends_it_back_to_verification(change):
    company = CompanyFactory(verified=True)
    admin = company.memberships.get(is_admin=True).user
    if "county" in change:
        change = {"county": County.objects.get(code=change["county"])}

    services.company_update(company=company, by=admin, **change)

    company.refresh_from_db()
    assert company.status == Company.Status.PENDING and company.verified_at is None
    log = company.transitions.get()
    assert (log.from_status, log.to_status, log.by) == ("verified", "pending", admin)
    assert log.reason == "The name or the county changed."


def test_a_contact_change_keeps_the_company_verified():
    company = CompanyFactory(verified=True)
    admin = company.memberships.get(is_admin=True).user
    services.company_update(company=company, by=admin, contact_phone="0264 999 888")
    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED
    assert not company.transitions.exists()
