"""Views: the employer's and the counsellor's flows, bad input (the message shown, nothing
changed), and query counts of the list pages."""

import datetime
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from employers.models import Company, CompanyDocument, SubsidyProgramme, Vacancy, VacancyStatus
from puls.audit.models import AuditEntry
from tests.accounts.factories import UserFactory
from tests.reference.factories import (
    CorOccupationFactory,
    EscoOccupationFactory,
    IscoGroupFactory,
    OccupationSkillFactory,
)

from .conftest import PDF, upload
from .factories import CompanyFactory, VacancyFactory, county, valid_cui

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, employer):
    client.force_login(employer)
    return client


def company_form(**overrides):
    data = {
        "cui": valid_cui(77),
        "trade_register_number": "J12/99/2019",
        "name": "Brutăria SRL",
        "caen_code": "1071",
        "size_band": "micro",
        "address": "Str. Morii 1",
        "locality": "Turda",
        "county": "CJ",
        "contact_name": "Ana Pop",
        "contact_phone": "0264 111 222",
    }
    return {**data, **overrides}


def vacancy_form(cor, **overrides):
    today = timezone.localdate()
    data = {
        "cor_occupation": f"{cor.code} {cor.name}",
        "title": "Brutar",
        "description": "Pâine",
        "education_level": "vocational",
        "experience_years": "1",
        "county": "CJ",
        "locality": "Turda",
        "posts": "2",
        "pay_min": "4000",
        "pay_max": "5000",
        "schedule": "shifts",
        "contract_type": "indefinite",
        "vacant_since": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=30)).isoformat(),
        "language_1": "en",
        "level_1": "A2",
        "driving_licences": ["B"],
    }
    return {**data, **overrides}


def test_registering_a_company_makes_it_pending(
    signed_in, employer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post(
            reverse("employers:company_register"), company_form(), follow=True
        )

    company = Company.objects.get()
    assert response.redirect_chain[-1][0] == reverse("employers:company_register_received")
    assert company.status == Company.Status.PENDING
    assert company.size_band == "micro"
    assert [message.to for message in mail.outbox] == [[employer.email]]
    assert "The company Brutăria SRL was registered" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("cui", "12345678", "control digit"),
        ("cui", "RO12A", "digits only"),
        ("trade_register_number", "X12/1/2019", "begins with J, F or C"),
        ("caen_code", "62", "exactly 4 digits"),
        ("size_band", "", "This field is required"),
        ("size_band", "huge", "Select a valid choice"),
    ],
)
def test_bad_company_input_shows_the_rule_and_saves_nothing(signed_in, field, value, message):
    response = signed_in.post(reverse("employers:company_register"), company_form(**{field: value}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Company.objects.exists()


CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def _answer(response):
    return (
        response.redirect_chain,
        response.status_code,
        [template.name for template in response.templates],
        CSRF_TOKEN.sub("", response.content.decode()),
    )


def test_a_taken_cui_gets_the_same_answer_and_the_admin_is_asked(
    client, django_capture_on_commit_callbacks
):
    """Registering a company must not tell whether its CUI is in PULS; the holder's administrator
    is asked by e-mail to give the registrant access."""
    answers = []
    for cui_taken in (False, True):
        Company.objects.all().delete()
        if cui_taken:
            holder = CompanyFactory(cui=valid_cui(77), name="Firma Secretă SRL")
            holder_admin = holder.memberships.get(is_admin=True).user
        registrant = UserFactory(employer=True, email="reg@example.ro", first_name="Reg")
        client.force_login(registrant)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("employers:company_register"), company_form(), follow=True
            )
        answers.append(_answer(response))
        if not cui_taken:
            registrant.delete()

    assert answers[0] == answers[1]
    assert list(Company.objects.all()) == [holder]  # nothing created for the duplicate
    assert holder.access_requests.get().user == registrant
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([holder_admin.email, registrant.email])
    assert "Firma Secretă" not in next(m.body for m in mail.outbox if m.to == [registrant.email])


def test_an_access_request_gets_the_same_answer_for_any_cui(
    signed_in, employer, django_capture_on_commit_callbacks
):
    holder = CompanyFactory(cui=valid_cui(88))
    holder_admin = holder.memberships.get(is_admin=True).user
    answers = []
    for cui in (valid_cui(87), valid_cui(88)):
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = signed_in.post(
                reverse("employers:company_access_request"), {"access-cui": cui}, follow=True
            )
        answers.append(_answer(response))

    assert answers[0] == answers[1]
    assert [message.to for message in mail.outbox] == [[holder_admin.email]]
    assert holder.access_requests.get().user == employer


def test_a_bad_cui_in_an_access_request_says_which_rule_failed(signed_in):
    response = signed_in.post(reverse("employers:company_access_request"), {"access-cui": "12A"})

    assert response.status_code == 400
    assert "digits only" in response.content.decode()


@override_settings(ACCOUNT_RATE_LIMITS={"puls_company_claim": "2/h/user,10/h/ip"})
def test_company_claims_are_rate_limited(signed_in):
    cache.clear()
    url = reverse("employers:company_access_request")
    for number in (1, 2):
        assert signed_in.post(url, {"access-cui": valid_cui(number)}).status_code == 302

    response = signed_in.post(reverse("employers:company_register"), company_form())

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not Company.objects.exists()


def test_the_vacancy_form_saves_a_draft_then_the_competences(signed_in, company):
    group = IscoGroupFactory(code="7512")
    cor = CorOccupationFactory(code="751201", name="brutar", isco_group=group)
    esco = EscoOccupationFactory(isco_group=group, preferred_labels={"en": "baker"})
    link = OccupationSkillFactory(occupation=esco)

    response = signed_in.post(
        reverse("employers:vacancy_create", args=[company.pk]), vacancy_form(cor)
    )
    vacancy = Vacancy.objects.get()
    assert response["Location"] == reverse("employers:vacancy_competences", args=[vacancy.pk])
    assert [(r.language, r.level) for r in vacancy.languages.all()] == [("en", "A2")]
    assert vacancy.driving_licences == ["B"] and vacancy.open_posts == 2

    page = signed_in.get(response["Location"]).content.decode()
    assert "baker" in page

    signed_in.post(response["Location"], {"esco_occupation": esco.pk, "action": "refresh"})
    page = signed_in.get(response["Location"]).content.decode()
    assert str(link.skill) in page  # the essential skill is proposed
    signed_in.post(
        response["Location"],
        {
            "esco_occupation": esco.pk,
            "shown": [link.skill.pk],
            f"need-{link.skill.pk}": "essential",
            "action": "done",
        },
    )
    assert [(r.skill, r.essential) for r in vacancy.vacancy_skills.all()] == [(link.skill, True)]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"valid_until": "2020-01-01"}, "cannot be in the past"),
        ({"pay_min": "6000", "pay_max": "5000"}, "at least the minimum pay"),
        ({"cor_occupation": "999999"}, "COR"),
        ({"language_1": "en", "level_1": ""}, "minimum level"),
    ],
)
def test_bad_vacancy_input_shows_a_message_and_saves_nothing(
    signed_in, company, overrides, message
):
    cor = CorOccupationFactory()

    response = signed_in.post(
        reverse("employers:vacancy_create", args=[company.pk]), vacancy_form(cor, **overrides)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Vacancy.objects.exists()


def test_a_vacancy_of_another_company_in_the_url_is_not_found(signed_in, company):
    foreign = VacancyFactory()

    for name in ("vacancy_edit", "vacancy_detail", "vacancy_competences", "vacancy_fill"):
        assert signed_in.get(reverse(f"employers:{name}", args=[foreign.pk])).status_code == 404
    assert signed_in.post(reverse("employers:vacancy_submit", args=[foreign.pk])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == VacancyStatus.DRAFT


def test_submitting_from_the_page_shows_the_registration_number(signed_in, company):
    vacancy = VacancyFactory(company=company)

    response = signed_in.post(reverse("employers:vacancy_submit", args=[vacancy.pk]), follow=True)

    communication = vacancy.communications.get()
    assert communication.registration_number in response.content.decode()
    pdf = signed_in.get(reverse("employers:communication_pdf", args=[communication.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_a_file_that_is_not_a_pdf_is_refused_with_a_message(signed_in, company):
    response = signed_in.post(
        reverse("employers:document_upload", args=[company.pk]),
        {"title": "Act", "file": upload("act.pdf", b"GIF89a not a pdf")},
        follow=True,
    )

    assert "PDF, JPEG" in response.content.decode()
    assert not CompanyDocument.objects.exists()


def test_the_counsellor_verifies_from_the_queue_and_the_employer_is_mailed(
    client, cluj_counsellor, enrol_totp, mailoutbox, django_capture_on_commit_callbacks
):
    company = CompanyFactory()
    client.force_login(enrol_totp(cluj_counsellor))
    queue = reverse("employers:staff_queue")
    assert company.name in client.get(queue).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("employers:company_verify", args=[company.pk]),
            {"decision": "verify", "next": queue},
        )

    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED
    assert mailoutbox[0].to == [company.memberships.get().user.email]


def test_verifying_a_company_twice_shows_why_nothing_happened(client, cluj_counsellor, enrol_totp):
    company = CompanyFactory(verified=True)
    client.force_login(enrol_totp(cluj_counsellor))

    response = client.post(
        reverse("employers:company_verify", args=[company.pk]), {"decision": "verify"}, follow=True
    )

    assert "This company is already verified." in response.content.decode()
    assert not company.transitions.exists()


@pytest.mark.parametrize("page", ["employers:staff_queue", "employers:staff_companies"])
def test_the_staff_company_lists_audit_every_company_shown_in_one_insert(
    client, cluj_counsellor, enrol_totp, page
):
    waiting = CompanyFactory.create_batch(2)
    elsewhere = CompanyFactory(county=county("B"))
    client.force_login(enrol_totp(cluj_counsellor))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(page))

    assert response.status_code == 200
    table = AuditEntry._meta.db_table
    inserts = [q for q in queries.captured_queries if q["sql"].startswith(f'INSERT INTO "{table}"')]
    assert len(inserts) == 1
    listed = AuditEntry.objects.filter(action=AuditEntry.Action.LIST)
    assert sorted(listed.values_list("target_object_id", flat=True)) == sorted(
        str(company.pk) for company in waiting
    )
    assert {(entry.actor, entry.path) for entry in listed} == {(cluj_counsellor, reverse(page))}
    assert not listed.filter(target_object_id=str(elsewhere.pk)).exists()


def test_returning_without_a_reason_changes_nothing(client, cluj_counsellor, enrol_totp):
    vacancy = VacancyFactory(submitted=True)
    client.force_login(enrol_totp(cluj_counsellor))

    response = client.post(
        reverse("employers:vacancy_return", args=[vacancy.pk]), {"reason": ""}, follow=True
    )

    assert "Say what the employer must change." in response.content.decode()
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED


def test_the_document_queue_accepts_and_rejects_with_a_reason(
    client, cluj_counsellor, enrol_totp, company, employer
):
    from employers import services

    attachment = services.company_document_add(
        company=company, by=employer, uploaded_file=upload("a.pdf", PDF), title="Act"
    )
    client.force_login(enrol_totp(cluj_counsellor))

    client.post(
        reverse("employers:document_review", args=[attachment.pk]),
        {"decision": "reject", "reason": ""},
    )
    attachment.refresh_from_db()
    assert attachment.review == CompanyDocument.Review.PENDING

    client.post(
        reverse("employers:document_review", args=[attachment.pk]),
        {"decision": "reject", "reason": "Neclar"},
    )
    attachment.refresh_from_db()
    assert attachment.review == CompanyDocument.Review.REJECTED
    assert attachment.reviewed_by == cluj_counsellor


def test_dashboard_queries_do_not_grow_with_rows(signed_in, company, django_assert_max_num_queries):
    for _ in range(12):
        VacancyFactory(company=company, cor_occupation__isco_group=None)
    with django_assert_max_num_queries(16):
        assert signed_in.get(reverse("employers:dashboard")).status_code == 200


def test_staff_queue_queries_do_not_grow_with_rows(
    client, cluj_counsellor, enrol_totp, django_assert_max_num_queries
):
    for _ in range(10):
        VacancyFactory(submitted=True)
        CompanyFactory()
    client.force_login(enrol_totp(cluj_counsellor))
    with django_assert_max_num_queries(16):
        assert client.get(reverse("employers:staff_queue")).status_code == 200


def test_company_page_queries_do_not_grow_with_rows(
    signed_in, company, django_assert_max_num_queries
):
    for _ in range(10):
        VacancyFactory(company=company)
    with django_assert_max_num_queries(20):
        assert (
            signed_in.get(reverse("employers:company_detail", args=[company.pk])).status_code == 200
        )


def test_editing_a_company_keeps_its_cui(signed_in, company):
    response = signed_in.post(
        reverse("employers:company_edit", args=[company.pk]),
        company_form(cui="999", name="Nume nou SRL"),
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Nume nou SRL" and company.cui != "999"


def test_duplicating_opens_the_copy_for_its_new_dates(signed_in, company):
    vacancy = VacancyFactory(company=company, published=True)

    response = signed_in.post(reverse("employers:vacancy_duplicate", args=[vacancy.pk]))

    copy = Vacancy.objects.exclude(pk=vacancy.pk).get()
    assert response["Location"] == reverse("employers:vacancy_edit", args=[copy.pk])
    page = signed_in.get(response["Location"]).content.decode()
    assert vacancy.cor_occupation.code in page


def test_the_questionnaire_of_a_closed_vacancy_is_stored(signed_in, company, employer):
    vacancy = VacancyFactory(company=company, status=VacancyStatus.FILLED, closed_at=timezone.now())

    signed_in.post(
        reverse("employers:vacancy_questionnaire", args=[vacancy.pk]),
        {
            "overall": "4",
            "candidates": "3",
            "ease_of_use": "5",
            "would_recommend": "True",
            "comment": "Bine",
        },
    )

    assert vacancy.satisfaction.overall == 4 and vacancy.satisfaction.would_recommend is True
    assert vacancy.satisfaction.respondent == employer


def test_an_application_is_created_completed_and_submitted_from_the_pages(signed_in, company):
    from .factories import SubsidyProgrammeFactory

    programme = SubsidyProgrammeFactory(requirements=["Contract"])
    response = signed_in.post(
        reverse("employers:application_create", args=[programme.pk]),
        {"company": company.pk, "category": "graduate", "persons": "2"},
    )
    application = company.subsidy_applications.get()
    assert response["Location"] == reverse("employers:application_detail", args=[application.pk])

    signed_in.post(reverse("employers:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "draft"  # the checklist is not complete

    signed_in.post(
        reverse("employers:application_document", args=[application.pk]),
        {"requirement": programme.requirements.get().pk, "file": upload("c.pdf", PDF)},
    )
    signed_in.post(reverse("employers:application_submit", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "submitted"


def test_the_administrator_changes_the_size_band(signed_in, company):
    data = company_form(cui=None, size_band="medium", county=company.county_id)
    del data["cui"]

    response = signed_in.post(reverse("employers:company_edit", args=[company.pk]), data)

    assert response.status_code == 302
    company.refresh_from_db()
    assert company.size_band == "medium"


def test_staff_filter_the_companies_by_size_band(client, cluj_counsellor, enrol_totp):
    micro = CompanyFactory(size_band="micro", name="Mica SRL")
    CompanyFactory(size_band="large", name="Mare SA")
    CompanyFactory(size_band="micro", county=county("B"), name="Mica din Bucuresti SRL")
    client.force_login(enrol_totp(cluj_counsellor))

    page = client.get(reverse("employers:staff_companies"), {"size": "micro"}).content.decode()
    every = client.get(reverse("employers:staff_companies"), {"size": "bogus"}).content.decode()

    assert micro.name in page
    assert "Mare SA" not in page and "Bucuresti" not in page
    assert "Mare SA" in every and micro.name in every  # an unknown band filters nothing


@pytest.mark.romanian
def test_a_subsidy_programme_is_entered_in_both_languages_and_read_in_the_readers(
    client, company, employer, enrol_totp, settings
):
    admin = enrol_totp(UserFactory(is_superuser=True, is_staff=True))
    client.force_login(admin)
    data = {
        "name": "Subvenție pentru ucenici",
        "name_en": "Subsidy for apprentices",
        "legal_basis": "Legea nr. 279/2005",
        "description": "Lunar, pentru fiecare ucenic.",
        "description_en": "Monthly, for each apprentice.",
        "eligible_categories": ["graduate"],
        "requirements": "Cerere\nContract de ucenicie",
        "requirements_en": "Application",
        "is_open": "on",
    }
    response = client.post(reverse("employers:programme_create"), data)
    assert response.status_code == 400
    assert "Write one English name for each document" in response.content.decode()
    assert not SubsidyProgramme.objects.exists()

    data["requirements_en"] = "Application\nApprenticeship contract"
    response = client.post(reverse("employers:programme_create"), data)
    assert response.status_code == 400  # open, but no terms yet: refused on the form
    assert "opens for applications only with its terms in force" in response.content.decode()
    assert not SubsidyProgramme.objects.exists()

    response = client.post(reverse("employers:programme_create"), {**data, "is_open": ""})
    assert response.status_code == 302
    programme = SubsidyProgramme.objects.get()
    assert not programme.is_open
    terms = {"amount": "2250", "months_paid": "", "effective_from": "2020-01-01"}
    client.post(reverse("employers:programme_amount_add", args=[programme.pk]), terms)
    assert not programme.amounts.exists()  # the months paid are required
    terms.update(months_paid="12", months_to_keep="18", note="OUG nr. 60/2018")
    client.post(reverse("employers:programme_amount_add", args=[programme.pk]), terms)
    assert client.post(response.url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.is_open
    assert (programme.name_en, programme.description_en) == (
        "Subsidy for apprentices",
        "Monthly, for each apprentice.",
    )
    assert [r.name_en for r in programme.requirements.all()] == [
        "Application",
        "Apprenticeship contract",
    ]

    client.force_login(employer)
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    romanian = client.get(reverse("employers:subsidy_list")).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("employers:subsidy_list")).content.decode()

    assert "Subvenție pentru ucenici" in romanian and "Contract de ucenicie" in romanian
    assert "Subsidy for apprentices" in english and "Apprenticeship contract" in english
    assert "Monthly, for each apprentice." in english
    assert "Subvenție pentru ucenici" not in english and "Contract de ucenicie" not in english
    assert '<span lang="ro">Legea nr. 279/2005</span>' in english
    for shown in ("2,250 lei a month per person", "12 months", "at least 18 months"):
        assert shown in english
    for shown in ("2.250 lei pe lună de persoană", "12 luni", "cel puțin 18 luni"):
        assert shown in romanian


# --- Drafts while the company awaits verification -------------------------------------------------


@pytest.fixture
def pending_company(employer):
    return CompanyFactory(admin=employer)


@pytest.mark.parametrize(
    ("kind", "status"),
    [("anonymous", 302), ("jobseeker", 403), ("other_employer", 404), ("member", 200)],
)
def test_who_may_prepare_a_draft_for_a_pending_company(
    client, users, employer, pending_company, kind, status
):
    user = employer if kind == "member" else users[kind]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("employers:vacancy_create", args=[pending_company.pk]))
    assert response.status_code == status
    if status == 200:
        assert 'data-testid="awaiting-verification"' in response.content.decode()


def test_a_pending_company_prepares_a_draft_and_submission_waits_for_verification(
    signed_in, pending_company
):
    page = signed_in.get(reverse("employers:company_detail", args=[pending_company.pk]))
    assert 'data-testid="prepare-draft"' in page.content.decode()
    cor = CorOccupationFactory(code="751201", name="brutar")

    signed_in.post(
        reverse("employers:vacancy_create", args=[pending_company.pk]), vacancy_form(cor)
    )

    vacancy = Vacancy.objects.get(company=pending_company)
    assert vacancy.status == VacancyStatus.DRAFT
    detail = signed_in.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert "awaiting verification" in detail
    assert reverse("employers:vacancy_submit", args=[vacancy.pk]) not in detail

    refused = signed_in.post(reverse("employers:vacancy_submit", args=[vacancy.pk]), follow=True)

    assert (
        "Your draft is kept: submit it as soon as the company is verified."
        in refused.content.decode()
    )
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.DRAFT and not vacancy.communications.exists()

    Company.objects.filter(pk=pending_company.pk).update(status=Company.Status.VERIFIED)
    detail = signed_in.get(reverse("employers:vacancy_detail", args=[vacancy.pk])).content.decode()
    assert reverse("employers:vacancy_submit", args=[vacancy.pk]) in detail
    assert 'data-testid="awaiting-verification"' not in detail
    signed_in.post(reverse("employers:vacancy_submit", args=[vacancy.pk]))
    vacancy.refresh_from_db()
    assert vacancy.status == VacancyStatus.SUBMITTED


def test_a_refused_company_is_not_offered_a_new_draft(signed_in, employer):
    refused = CompanyFactory(admin=employer, status=Company.Status.REJECTED)
    page = signed_in.get(reverse("employers:company_detail", args=[refused.pk])).content.decode()
    assert reverse("employers:vacancy_create", args=[refused.pk]) not in page


# --- The skills step: specific skills first, a handful essential, each marked -------------------


@pytest.fixture
def bricklayer(company):
    """A vacancy whose ESCO occupation has 8 essential skills: skill i is shared by i other
    occupations (skill 0 is specific to bricklaying, skill 7 is generic)."""
    group = IscoGroupFactory(code="7112")
    cor = CorOccupationFactory(code="711201", name="zidar", isco_group=group)
    esco = EscoOccupationFactory(isco_group=group, preferred_labels={"en": "bricklayer"})
    others = [EscoOccupationFactory(isco_group=group) for _n in range(7)]
    skills = []
    for sharing in range(8):
        link = OccupationSkillFactory(
            occupation=esco, skill__preferred_labels={"en": f"brick {sharing}"}
        )
        for other in others[:sharing]:
            OccupationSkillFactory(occupation=other, skill=link.skill)
        skills.append(link.skill)
    vacancy = VacancyFactory(company=company, cor_occupation=cor, esco_occupation=esco)
    return vacancy, skills


def _needs(page, skills):
    return [
        next(
            need
            for need in ("essential", "optional", "none")
            if re.search(rf'id="need-{need}-{skill.pk}"[^>]* checked', page)
        )
        for skill in skills
    ]


def test_the_most_specific_skills_come_first_and_five_start_essential(signed_in, bricklayer):
    vacancy, skills = bricklayer
    page = signed_in.get(reverse("employers:vacancy_competences", args=[vacancy.pk]))

    proposals = page.context["proposals"]
    assert [skill.pk for skill in proposals] == [skill.pk for skill in skills]
    assert [skill.occupations_sharing for skill in proposals] == list(range(1, 9))
    html = page.content.decode()
    assert _needs(html, skills) == ["essential"] * 5 + ["none"] * 3


def test_the_employer_marks_each_skill_essential_optional_or_not_needed(signed_in, bricklayer):
    vacancy, skills = bricklayer
    url = reverse("employers:vacancy_competences", args=[vacancy.pk])
    data = {
        "esco_occupation": vacancy.esco_occupation_id,
        "action": "done",
        "shown": [s.pk for s in skills],
    }
    data |= {f"need-{skills[0].pk}": "essential", f"need-{skills[1].pk}": "optional"}
    data |= {f"need-{skill.pk}": "none" for skill in skills[2:]}

    response = signed_in.post(url, data)

    assert response.status_code == 302
    assert sorted((str(r.skill), r.essential) for r in vacancy.vacancy_skills.all()) == [
        ("brick 0", True),
        ("brick 1", False),
    ]
    page = signed_in.get(url).content.decode()
    assert _needs(page, skills[:2]) == ["essential", "optional"]
    # Once the vacancy has competences, nothing more is preselected: "not needed" stays so.
    assert _needs(page, skills[2:]) == ["none"] * 6


def test_a_bad_mark_is_refused_and_nothing_changes(signed_in, bricklayer):
    vacancy, skills = bricklayer
    url = reverse("employers:vacancy_competences", args=[vacancy.pk])

    response = signed_in.post(
        url,
        {"action": "done", "shown": [skills[0].pk], f"need-{skills[0].pk}": "must-have"},
    )

    assert response.status_code == 200
    assert "as essential, optional or not needed" in response.content.decode()
    assert not vacancy.vacancy_skills.exists()


@pytest.mark.parametrize(
    ("kind", "status"),
    [("anonymous", 302), ("jobseeker", 403), ("other_employer", 404), ("counsellor", 403)],
)
def test_who_may_open_the_skills_step(client, users, bricklayer, kind, status):
    vacancy, _skills = bricklayer
    if users[kind] is not None:
        client.force_login(users[kind])
    assert (
        client.get(reverse("employers:vacancy_competences", args=[vacancy.pk])).status_code
        == status
    )
