"""Questionnaires defined as data: the seed's employers' needs questionnaire, answering (one
answer per respondent and period, every answer checked against its question), the report by
county and sector with small counts suppressed, its exports, and who may open each page."""

import csv
import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from employers.models import CompanyMembership
from puls.reference.models import County
from reports import selectors, services
from reports.models import (
    AccessCounter,
    Answer,
    Question,
    Questionnaire,
    QuestionnaireResponse,
    Sector,
)
from tests.accounts.factories import UserFactory, agency
from tests.employers.factories import CompanyFactory
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.reports.factories import QuestionFactory, QuestionnaireFactory, with_options

pytestmark = pytest.mark.django_db

NEEDS = "nevoi-angajatori"


@pytest.fixture
def survey(db):
    """An open employers' questionnaire: a required scale, a yes/no, a required single choice,
    an optional multiple choice and an optional text."""
    questionnaire = QuestionnaireFactory(open=True)
    scale = QuestionFactory(questionnaire=questionnaire, kind="scale", area="Servicii")
    yes_no = QuestionFactory(questionnaire=questionnaire, kind="yes_no", area="Servicii")
    single = with_options(
        QuestionFactory(questionnaire=questionnaire, kind="single", area="Recrutare"),
        "Online",
        "La ghișeu",
    )
    multiple = with_options(
        QuestionFactory(
            questionnaire=questionnaire, kind="multiple", required=False, area="Recrutare"
        ),
        "Consiliere",
        "Subvenții",
        "Formare",
    )
    text = QuestionFactory(questionnaire=questionnaire, kind="text", required=False)
    return questionnaire, scale, yes_no, single, multiple, text


def good_answers(survey, *, score=4):
    _questionnaire, scale, yes_no, single, multiple, text = survey
    options = list(multiple.options.all())
    return {
        scale.field_name: str(score),
        yes_no.field_name: "yes",
        single.field_name: str(single.options.first().pk),
        multiple.field_name: [str(options[0].pk), str(options[2].pk)],
        text.field_name: "Avem nevoie de sudori.",
    }


def representative(county="CJ", caen="6201"):
    user = UserFactory(employer=True)
    company = CompanyFactory(verified=True, admin=user, county=County.objects.get(pk=county))
    company.caen_code = caen
    company.save(update_fields=["caen_code"])
    return user, company


# --- the seed's questionnaire ---------------------------------------------------------------


def test_the_employers_needs_questionnaire_is_loaded_open_by_its_six_areas(db):
    needs = Questionnaire.objects.get(code=NEEDS)
    areas = list(dict.fromkeys(needs.questions.values_list("area_en", flat=True)))

    assert (needs.status, needs.audience, needs.recurrence) == ("open", "employers", "yearly")
    assert areas == [
        "Posting vacancies online",
        "Guidance and coaching",
        "Access to subsidies",
        "Vacancy analysis",
        "Collecting competence requests",
        "Methods for assessing staffing needs",
    ]
    assert not needs.questions.filter(text_en="").exists()
    choices = needs.questions.filter(kind__in=Question.CHOICE_KINDS)
    assert choices and all(question.options.count() >= 2 for question in choices)
    assert list(needs.transitions.values_list("to_status", flat=True)) == ["draft", "open"]


def test_an_employer_answers_the_needs_questionnaire_on_one_page_and_once(client):
    user, company = representative()
    needs = Questionnaire.objects.get(code=NEEDS)
    client.force_login(user)
    url = reverse("reports:questionnaire_answer", args=[NEEDS])
    assert url in client.get(reverse("reports:questionnaires")).content.decode()

    page = client.get(url).content.decode()
    assert page.count("<legend") >= 6 and "Guidance and coaching" in page
    answers = {}
    for question in needs.questions.all():
        if question.kind == "scale":
            answers[question.field_name] = "3"
        elif question.kind == "yes_no":
            answers[question.field_name] = "no"
        elif question.kind == "single":
            answers[question.field_name] = str(question.options.first().pk)
    response = client.post(url, answers)

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:questionnaire_thanks", args=[NEEDS])
    assert "Thank you" in client.get(response["Location"]).content.decode()
    answer = QuestionnaireResponse.objects.get(questionnaire=needs)
    assert (answer.respondent, answer.company, answer.county_id, answer.agency, answer.sector) == (
        user,
        company,
        "CJ",
        agency("CJ"),
        "J",
    )
    assert answer.period == str(timezone.localdate().year)
    assert answer.answers.count() == len(answers)
    assert AccessCounter.objects.get(kind="questionnaire").count == 1
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("reports:questionnaires")).content.decode()


def test_a_required_question_left_empty_comes_back_on_its_field(client, survey):
    questionnaire, scale, *_rest = survey
    user, _company = representative()
    client.force_login(user)
    url = reverse("reports:questionnaire_answer", args=[questionnaire.code])

    response = client.post(url, {**good_answers(survey), scale.field_name: ""})

    assert response.status_code == 400
    page = response.content.decode()
    assert "Answer this question." in page
    assert f'href="#id_{scale.field_name}_0"' in page  # the error summary links to the field
    assert not QuestionnaireResponse.objects.exists()


# --- the service: good and hostile input -------------------------------------------------------


def test_the_service_records_every_kind_of_answer(survey):
    questionnaire, scale, yes_no, single, multiple, text = survey
    user, company = representative(caen="4120")

    response = services.questionnaire_answer(
        questionnaire=questionnaire, by=user, company=company, answers=good_answers(survey)
    )

    rows = {answer.question_id: answer for answer in response.answers.all()}
    assert rows[scale.pk].number == 4 and rows[yes_no.pk].number == 1
    assert list(rows[single.pk].options.all()) == [single.options.first()]
    assert [o.text for o in rows[multiple.pk].options.all()] == ["Consiliere", "Formare"]
    assert rows[text.pk].text == "Avem nevoie de sudori."
    assert response.sector == "F"


def _hostile(survey):
    _questionnaire, scale, yes_no, single, multiple, text = survey
    other_option = multiple.options.first().pk
    return [
        ("missing required", {scale.field_name: None}, scale, "Answer this question."),
        ("score 0", {scale.field_name: "0"}, scale, "Choose a score from 1 to 5."),
        ("score 6", {scale.field_name: 6}, scale, "Choose a score from 1 to 5."),
        ("score text", {scale.field_name: "4; DROP"}, scale, "Choose a score from 1 to 5."),
        ("score superscript", {scale.field_name: "²"}, scale, "Choose a score from 1 to 5."),
        ("yes/no other", {yes_no.field_name: "maybe"}, yes_no, "Answer yes or no."),
        (
            "option of another question",
            {single.field_name: str(other_option)},
            single,
            "Choose one of the answers offered.",
        ),
        (
            "two options for one choice",
            {single.field_name: [str(o.pk) for o in single.options.all()]},
            single,
            "Choose one answer.",
        ),
        ("not an option", {multiple.field_name: ["x"]}, multiple, "Choose one of the answers"),
        ("text too long", {text.field_name: "a" * 2001}, text, "at most 2,000 characters"),
        ("text not text", {text.field_name: ["a"]}, text, "Write the answer as text."),
    ]


@pytest.mark.parametrize("case", range(11))
def test_hostile_answers_are_refused_on_their_question_and_nothing_is_saved(survey, case):
    questionnaire = survey[0]
    _name, change, question, message = _hostile(survey)[case]
    user, company = representative()

    with pytest.raises(ValidationError) as refused:
        services.questionnaire_answer(
            questionnaire=questionnaire,
            by=user,
            company=company,
            answers={**good_answers(survey), **change},
        )

    assert message in " ".join(refused.value.message_dict[question.field_name])
    assert not QuestionnaireResponse.objects.exists() and not Answer.objects.exists()


def test_answers_to_questions_it_does_not_ask_are_refused(survey):
    user, company = representative()
    other = QuestionFactory()

    with pytest.raises(ValidationError, match="does not ask"):
        services.questionnaire_answer(
            questionnaire=survey[0],
            by=user,
            company=company,
            answers={**good_answers(survey), other.field_name: "3"},
        )


def test_only_its_audience_answers_for_their_own_company_while_it_is_open(survey):
    questionnaire = survey[0]
    user, company = representative()
    _other_user, other_company = representative()
    jobseeker = JobseekerProfileFactory().user

    with pytest.raises(PermissionDenied):
        services.questionnaire_answer(
            questionnaire=questionnaire, by=jobseeker, answers=good_answers(survey)
        )
    with pytest.raises(ValidationError, match="company you represent"):
        services.questionnaire_answer(
            questionnaire=questionnaire,
            by=user,
            company=other_company,
            answers=good_answers(survey),
        )
    Questionnaire.objects.filter(pk=questionnaire.pk).update(status="closed")
    questionnaire.refresh_from_db()
    with pytest.raises(ValidationError, match="not open"):
        services.questionnaire_answer(
            questionnaire=questionnaire, by=user, company=company, answers=good_answers(survey)
        )
    assert not QuestionnaireResponse.objects.exists()


def test_one_answer_per_respondent_and_period(survey):
    questionnaire = survey[0]
    user, company = representative()
    answer = {"questionnaire": questionnaire, "by": user, "company": company}

    with time_machine.travel(datetime.datetime(2026, 3, 10, 10, tzinfo=datetime.UTC)):
        services.questionnaire_answer(**answer, answers=good_answers(survey))
        with pytest.raises(ValidationError, match="already answered"):
            services.questionnaire_answer(**answer, answers=good_answers(survey))
        assert questionnaire not in selectors.questionnaires_open_to(user)
    with time_machine.travel(datetime.datetime(2027, 1, 5, 10, tzinfo=datetime.UTC)):
        assert questionnaire in selectors.questionnaires_open_to(user)
        services.questionnaire_answer(**answer, answers=good_answers(survey))

    assert list(
        QuestionnaireResponse.objects.order_by("period").values_list("period", flat=True)
    ) == ["2026", "2027"]


def test_periods_of_each_recurrence():
    day = datetime.date(2026, 8, 3)
    periods = {
        recurrence: Questionnaire(recurrence=recurrence).period_of(day)
        for recurrence in ("once", "yearly", "quarterly", "monthly")
    }
    assert periods == {
        "once": "once",
        "yearly": "2026",
        "quarterly": "2026-T3",
        "monthly": "2026-08",
    }


def test_jobseekers_answer_a_questionnaire_addressed_to_both(survey):
    questionnaire = survey[0]
    employer, _company = representative()
    profile = JobseekerProfileFactory(county=County.objects.get(pk="TM"))
    assert selectors.questionnaires_open_to(profile.user) == []
    Questionnaire.objects.filter(pk=questionnaire.pk).update(audience="both")
    questionnaire.refresh_from_db()

    assert [q.code for q in selectors.questionnaires_open_to(profile.user)] == [questionnaire.code]
    response = services.questionnaire_answer(
        questionnaire=questionnaire, by=profile.user, answers=good_answers(survey)
    )
    assert (response.profile, response.agency, response.county_id, response.sector) == (
        profile,
        agency("TM"),
        "TM",
        "",
    )
    assert questionnaire in selectors.questionnaires_open_to(employer)


def test_a_questionnaire_opens_only_with_questions_and_options(db):
    analyst = UserFactory(analyst=True)
    empty = QuestionnaireFactory()
    with pytest.raises(ValidationError, match="at least one question"):
        services.questionnaire_open(questionnaire=empty, by=analyst)
    choice = QuestionFactory(questionnaire=empty, kind="single")
    with_options(choice, "Doar una")
    with pytest.raises(ValidationError, match="fewer than two"):
        services.questionnaire_open(questionnaire=empty, by=analyst)
    with_options(QuestionFactory(questionnaire=empty, kind="multiple"), "A", "B")
    choice.options.create(position=2, text="A doua")

    services.questionnaire_open(questionnaire=empty, by=analyst)
    services.questionnaire_close(questionnaire=empty, by=analyst)

    assert list(empty.transitions.values_list("to_status", "by")) == [
        ("open", analyst.pk),
        ("closed", analyst.pk),
    ]


@pytest.mark.parametrize(
    "caen, section", [("0111", "A"), ("6201", "J"), ("4120", "F"), ("9900", "U"), ("0400", "")]
)
def test_the_sector_of_a_caen_code(caen, section):
    assert Sector.of_caen(caen) == section


# --- the report ---------------------------------------------------------------------------


@pytest.fixture
def answered(survey):
    """Six Cluj companies of IT (scores 1, 2, 3, 4, 5, 5) and two Timiș builders (score 4)."""
    questionnaire = survey[0]
    for score in (1, 2, 3, 4, 5, 5):
        user, company = representative()
        services.questionnaire_answer(
            questionnaire=questionnaire,
            by=user,
            company=company,
            answers=good_answers(survey, score=score),
        )
    for _n in range(2):
        user, company = representative(county="TM", caen="4120")
        services.questionnaire_answer(
            questionnaire=questionnaire,
            by=user,
            company=company,
            answers=good_answers(survey, score=4),
        )
    return survey


def _rows(table):
    return {row[0]: dict(zip(table.headers, row, strict=True)) for row in table.cells()}


def _report(questionnaire, group, agency_=None):
    today = timezone.localdate()
    return selectors.questionnaire_report(
        questionnaire=questionnaire,
        agency=agency_,
        start=today - datetime.timedelta(days=30),
        end=today,
        group=group,
    )


def test_the_report_by_county_suppresses_small_counts_and_their_averages(answered):
    questionnaire, scale, yes_no, single, multiple, _text = answered

    respondents, by_scale, by_yes_no, _single, by_multiple, by_text = _report(
        questionnaire, "county"
    )

    assert _rows(respondents) == {
        "Cluj": {"County": "Cluj", "Respondents": 6},
        "Timiș": {"County": "Timiș", "Respondents": "<5"},
    }
    cluj, timis = _rows(by_scale)["Cluj"], _rows(by_scale)["Timiș"]
    assert (cluj["Answers"], str(cluj["Average (1–5)"]), cluj["5"], cluj["1"]) == (
        6,
        "3.33",
        "<5",
        "<5",
    )
    assert (timis["Answers"], timis["Average (1–5)"]) == ("<5", "—")
    assert _rows(by_yes_no)["Cluj"]["Yes"] == 6
    assert _rows(by_multiple)["Cluj"]["Consiliere"] == 6
    assert "counted, not shown" in str(by_text.note)


def test_the_report_in_total_and_by_sector(answered):
    questionnaire = answered[0]

    respondents, by_scale, *_others = _report(questionnaire, "total")
    total = _rows(by_scale)["Total"]
    assert _rows(respondents) == {"Total": {"Total": "Total", "Respondents": 8}}
    sectors = _rows(_report(questionnaire, "sector")[0])

    assert (total["Answers"], str(total["Average (1–5)"]), total["4"]) == (8, "3.50", "<5")
    assert sectors == {
        "J – Information and communication": {
            "Sector (CAEN section)": "J – Information and communication",
            "Respondents": 6,
        },
        "F – Construction": {"Sector (CAEN section)": "F – Construction", "Respondents": "<5"},
    }


def test_an_agency_admin_reads_only_their_agency_and_cannot_ask_for_another(
    client, answered, users
):
    questionnaire = answered[0]
    client.force_login(users["other_admin"])  # of Timiș
    url = reverse("reports:questionnaire_report", args=[questionnaire.pk])

    page = client.get(url, {"group": "county"}).content.decode()

    assert '<th scope="row">Timiș</th>' in page and '<th scope="row">Cluj</th>' not in page
    assert client.get(url, {"agency": agency("CJ").pk}).status_code == 400


def test_the_report_exports_csv_and_xlsx_with_the_suppression(client, answered, users):
    questionnaire = answered[0]
    client.force_login(users["analyst"])
    url = reverse("reports:questionnaire_report", args=[questionnaire.pk])

    response = client.get(url, {"group": "county", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Type"].startswith("text/csv")
    assert ["Timiș", "<5"] in rows and ["Cluj", "6"] in rows

    response = client.get(url, {"group": "county", "format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [row for sheet in workbook for row in sheet.iter_rows(values_only=True)]
    assert ("Timiș", "<5") in cells and ("Cluj", 6) in cells


def test_the_report_page_reads_in_a_fixed_number_of_queries(
    client, answered, users, django_assert_max_num_queries
):
    questionnaire = answered[0]
    client.force_login(users["analyst"])
    url = reverse("reports:questionnaire_report", args=[questionnaire.pk])
    client.get(url, {"group": "county"})  # the session and the menu's caches

    with django_assert_max_num_queries(16) as counted:
        page = client.get(url, {"group": "county"})
    for score in (2, 3):
        user, company = representative(county="BH")
        services.questionnaire_answer(
            questionnaire=questionnaire,
            by=user,
            company=company,
            answers=good_answers(answered, score=score),
        )
    with django_assert_max_num_queries(len(counted)):
        more = client.get(url, {"group": "county"})

    assert page.status_code == more.status_code == 200
    assert '<th scope="row">Bihor</th>' in more.content.decode()


def test_draft_questionnaires_have_no_report(client, users):
    draft = QuestionnaireFactory()
    client.force_login(users["analyst"])
    assert client.get(reverse("reports:questionnaire_report", args=[draft.pk])).status_code == 404
    listing = client.get(reverse("reports:questionnaire_results")).content.decode()
    assert draft.title_en not in listing and "real needs" in listing


# --- who may open each page -------------------------------------------------------------------

STAFF_ONLY = {
    None: 302,
    "jobseeker": 403,
    "employer": 403,
    "counsellor": 403,
    "other_admin": 200,  # their own agency's answers
    "admin": 200,
    "analyst": 200,
}


@pytest.mark.parametrize("kind, expected", list(STAFF_ONLY.items()))
def test_report_pages_permissions(client, users, survey, kind, expected):
    if kind:
        client.force_login(users[kind])
    questionnaire = survey[0]
    for url in (
        reverse("reports:questionnaire_results"),
        reverse("reports:questionnaire_report", args=[questionnaire.pk]),
        reverse("reports:questionnaire_report", args=[questionnaire.pk]) + "?format=csv",
    ):
        assert client.get(url).status_code == expected, url


@pytest.mark.parametrize(
    "kind, expected",
    [
        (None, 302),
        ("jobseeker", 404),  # not addressed to jobseekers
        ("employer_without_company", 404),
        ("counsellor", 403),
        ("admin", 403),
        ("analyst", 403),
        ("employer", 200),
    ],
)
def test_answer_page_permissions(client, users, survey, kind, expected):
    questionnaire = survey[0]
    if kind == "employer":
        client.force_login(representative()[0])
    elif kind == "employer_without_company":
        client.force_login(users["employer"])
    elif kind == "jobseeker":
        client.force_login(JobseekerProfileFactory().user)
    elif kind:
        client.force_login(users[kind])
    url = reverse("reports:questionnaire_answer", args=[questionnaire.code])
    assert client.get(url).status_code == expected


@pytest.mark.parametrize(
    "kind, expected",
    [(None, 302), ("counsellor", 403), ("colleague", 404), ("other", 404), ("respondent", 200)],
)
def test_thank_you_page_permissions(client, users, survey, kind, expected):
    questionnaire = survey[0]
    user, company = representative()
    services.questionnaire_answer(
        questionnaire=questionnaire, by=user, company=company, answers=good_answers(survey)
    )
    colleague = UserFactory(employer=True)
    CompanyMembership.objects.create(company=company, user=colleague)
    who = {
        "counsellor": users["counsellor"],
        "colleague": colleague,
        "other": representative()[0],
        "respondent": user,
    }
    if kind:
        client.force_login(who[kind])
    url = reverse("reports:questionnaire_thanks", args=[questionnaire.code])
    assert client.get(url).status_code == expected


def test_an_employer_of_several_companies_chooses_which_one_answers(client, survey):
    questionnaire = survey[0]
    user, first = representative()
    second = CompanyFactory(verified=True, admin=user, county=County.objects.get(pk="TM"))
    client.force_login(user)
    url = reverse("reports:questionnaire_answer", args=[questionnaire.code])

    refused = client.post(url, good_answers(survey))
    assert (
        refused.status_code == 400 and "Choose a company you represent." in refused.content.decode()
    )
    assert client.post(url, {**good_answers(survey), "company": second.pk}).status_code == 302
    assert QuestionnaireResponse.objects.get().company == second
    assert first != second
