"""End to end in Chromium: a counsellor profiles a client, builds a plan with two measures and
gives it to the person, who acknowledges it online."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from casework.models import CaseFile, Plan, ProfilingFactor, ProfilingResult
from jobseekers.models import Education
from puls.reference.choices import EducationLevel
from tests.accounts.factories import PASSWORD, UserFactory
from tests.jobseekers.factories import JobseekerProfileFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_counsellor_profiles_plans_and_person_acknowledges(
    page, live_server, sign_in, enrol_totp, screenshot
):
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    ana = JobseekerProfileFactory(user=UserFactory(first_name="Ana", last_name="Ionescu"))
    url = live_server.url

    # The counsellor profiles Ana, choosing the hardest answer to every question.
    sign_in(counsellor, PASSWORD)
    page.goto(url + reverse("casework:case_detail", args=[ana.pk]))
    page.get_by_test_id("profile-now").click()
    for factor in ProfilingFactor.objects.filter(active=True):
        option = factor.options.order_by("-points").first()
        page.locator(f"input[name=factor_{factor.pk}][value='{option.pk}']").check()
    page.get_by_test_id("save-profiling").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("level")).to_contain_text("Foarte greu ocupabil")

    # She draws up the plan with two measures and gives it to Ana.
    page.locator("#plan_goal").fill("Angajare ca vânzătoare în Cluj-Napoca")
    page.get_by_test_id("create-plan").click()
    page.wait_for_load_state()
    for index, deadline in ((1, "2030-01-15"), (2, "2030-02-15")):
        page.locator("#id_measure_type").select_option(index=index)
        page.locator("#id_responsible").select_option(str(counsellor.pk))
        page.locator("#id_deadline").fill(deadline)
        page.get_by_test_id("add-measure").click()
        page.wait_for_load_state()
    expect(page.get_by_test_id("measure")).to_have_count(2)
    page.get_by_test_id("issue-plan").click()
    page.wait_for_load_state()
    screenshot("casework-plan")
    plan = Plan.objects.get(case_file__profile=ana)
    assert plan.status == "issued"

    # Ana reads her plan and acknowledges it.
    page.context.clear_cookies()
    sign_in(ana.user, PASSWORD)
    page.goto(url + reverse("casework:my_plan"))
    expect(page.get_by_test_id("measure")).to_have_count(2)
    page.get_by_test_id("acknowledge").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("acknowledged")).to_be_visible()
    screenshot("casework-acknowledged")
    plan.refresh_from_db()
    assert plan.status == "acknowledged" and plan.acknowledged_at is not None


def test_counsellor_opens_the_person_page_and_confirms_the_prefilled_profiling(
    page, live_server, sign_in, enrol_totp, screenshot
):
    counsellor = enrol_totp(UserFactory(counsellor=True, first_name="Elena", last_name="Mureșan"))
    ion = JobseekerProfileFactory(
        user=UserFactory(first_name="Ion", last_name="Pop"),
        birth_date=datetime.date(1960, 1, 1),
        birth_year=1960,
    )
    Education.objects.create(profile=ion, level=EducationLevel.BACHELOR)
    CaseFile.objects.create(profile=ion, owner=counsellor)
    url = live_server.url

    # From the caseload to Ion's one page: the case file, and his dossier one tab away.
    sign_in(counsellor, PASSWORD)
    page.goto(url + reverse("casework:caseload"))
    page.get_by_role("link", name="Ion Pop").first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ion Pop")
    page.get_by_test_id("tab-dossier").click()
    page.wait_for_load_state()
    expect(page.locator("#education-heading")).to_be_visible()
    expect(page.get_by_test_id("cnp")).to_contain_text("•••")
    page.get_by_test_id("tab-case").click()
    page.wait_for_load_state()

    # The questionnaire arrives with what the file says, each answer with its source.
    page.get_by_test_id("profile-now").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("prefilled")).to_be_visible()
    expect(page.get_by_test_id("profiling-form")).to_contain_text(
        "din CNP (născut(ă) la 1 ianuarie 1960)"
    )
    age = ProfilingFactor.objects.get(code="age_band")
    over_55 = age.options.get(prefill_code="age_over_55")
    expect(page.locator(f"input[name=factor_{age.pk}][value='{over_55.pk}']")).to_be_checked()
    screenshot("casework-prefilled-profiling")

    # She answers the two questions the file cannot, confirms the rest and saves.
    for code in ("health_or_care", "skills_currency"):
        factor = ProfilingFactor.objects.get(code=code)
        option = factor.options.order_by("points").first()
        page.locator(f"input[name=factor_{factor.pk}][value='{option.pk}']").check()
    page.get_by_test_id("save-profiling").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("level")).not_to_contain_text("Neprofilat")
    rows = {row["code"]: row for row in ProfilingResult.objects.get(case_file__profile=ion).answers}
    assert rows["age_band"]["prefilled"]["confirmed"] is True
    assert rows["education"]["answer"] == "Studii superioare"
