"""axe-core and a phone's width over the main pages of every role, in Romanian and in English.

axe-core is vendored from npm (static/vendor/axe-core/, see static/vendor/README.md) and loaded
from the live server, so the CSP ('self') lets it run. Each kind of user gets one browser context
signed in once (a session cookie made by the test client, second factor included); every page is
opened once per language: axe runs at 1280 px, where the page must not scroll sideways
(document.documentElement.scrollWidth > clientWidth; a role's menu once pushed the account menu off
a laptop's screen), then the same page is narrowed to 375 px and must not scroll sideways either.
"""

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.templatetags.static import static

from tests.client import PortalClient
from tests.urlwalk import make_world, routes, url_for

pytestmark = pytest.mark.django_db(transaction=True)

# The main pages of each kind of user (URL names; arguments from tests.urlwalk's world).
MAIN_PAGES = {
    "anonymous": [
        "home",
        "account_login",
        "account_signup",
        "jobs:search",
        "jobs:detail",
        "reference:about",
        "info:accessibility",
        "info:privacy",
        "info:contact",
        "network:public_members",
    ],
    "jobseeker": [
        "jobseekers:dashboard",
        "jobseekers:dossier",
        "jobseekers:identity_edit",
        "jobseekers:preferences_edit",
        "jobseekers:matches",
        "jobseekers:appointments",
        "jobs:search",
        "jobs:detail",
        "jobseekers:my_jobs",
        "jobseekers:saved_searches",
        "jobseekers:booking_detail",
        "jobseekers:book",
        "jobseekers:my_data",
        "casework:my_plan",
    ],
    "employer": [
        "employers:dashboard",
        "employers:company_detail",
        "employers:vacancy_create",
        "employers:vacancy_detail",
        "employers:subsidy_list",
        "employers:application_detail",
        "reports:questionnaires",
        "reports:questionnaire_answer",
    ],
    "counsellor": [
        "casework:caseload",
        "casework:case_detail",
        "casework:plan_detail",
        "casework:group_list",
        "jobseekers:staff_profiles",
        "jobseekers:staff_calendar",
        "jobseekers:staff_availability",
        "mediation:dashboard",
        "mediation:vacancy_list",
        "mediation:vacancy_candidates",
        "mediation:proposal_list",
        "mediation:proposal_detail",
        "employers:staff_queue",
    ],
    "agency_admin": [
        "accounts:agency_dashboard",
        "casework:assignments",
        "employers:staff_companies",
        "jobseekers:staff_closures",
        "casework:evidence",
    ],
    "analyst": [
        "accounts:national_dashboard",
        "reports:dashboard",
        "reports:vacancy_analysis",
        "reports:jobseeker_analysis",
        "reports:competence_gap",
        "reports:forecasts",
        "reports:reports",
        "reports:satisfaction",
        "reports:questionnaire_results",
        "reports:questionnaire_report",
        "mediation:weights",
        "casework:factors",
    ],
    "network_member": [
        "network:dashboard",
        "network:overview",
        "network:directory",
        "network:meeting_list",
        "network:meeting_detail",
        "network:library",
        "network:group_list",
        "network:thread_detail",
        "network:reports",
        "network:event_list",
        "network:event_detail",
        "network:project_list",
        "network:project_detail",
    ],
}
LANGUAGES = ["ro", "en"]
PHONE_WIDTH = 375
FAILING_IMPACTS = {"serious", "critical"}

RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa",
    "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(" "))}));
}"""
OVERFLOW = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return null;
  const past = el => el.getBoundingClientRect().right > root.clientWidth + 1;
  const wide = [...document.querySelectorAll("body *")].filter(el => past(el) &&
    !(el.parentElement && past(el.parentElement))).slice(0, 3).map(el => el.tagName.toLowerCase() + (el.className ? "." +
    String(el.className).trim().split(/\\s+/).join(".") : ""));
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide};
}"""


def _session_cookie(user, live_server):
    client = PortalClient()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }


def _check_pages(browser, live_server, user, urls):
    """Opens each page in each language in one context signed in as `user`; returns the pages
    that did not open, the serious and critical axe violations and the pages too wide."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    if user is not None:
        context.add_cookies([_session_cookie(user, live_server)])
    page = context.new_page()
    axe_url = live_server.url + static("vendor/axe-core/axe.min.js")
    not_ok, violations, overflows = [], [], []
    for language in LANGUAGES:
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        for url in urls:
            page.set_viewport_size({"width": 1280, "height": 900})
            response = page.goto(live_server.url + url)
            if response.status != 200 or page.url != live_server.url + url:
                not_ok.append(f"{language} {url}: {response.status} at {page.url}")
                continue
            page.add_script_tag(url=axe_url)
            for violation in page.evaluate(RUN_AXE):
                if violation["impact"] in FAILING_IMPACTS:
                    violations.append(f"{language} {url}: {violation}")
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                overflows.append(f"{language} {url} at 1280 px: {overflow}")
            page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
            overflow = page.evaluate(OVERFLOW)
            if overflow:
                overflows.append(f"{language} {url}: {overflow}")
    context.close()
    return not_ok, violations, overflows


def test_main_pages_of_every_role_pass_axe_and_fit_a_phone(browser, live_server):
    # One world for all roles, built once (tests/conftest.py loads the data migrations' rows again
    # after each transactional test's flush).
    users, objects = make_world()
    by_name = {route.name: route for route in routes()}
    not_ok, violations, overflows = [], [], []
    for kind, names in MAIN_PAGES.items():
        urls = [url_for(by_name[name], objects) for name in names]
        found = _check_pages(browser, live_server, users[kind], urls)
        for into, lines in zip((not_ok, violations, overflows), found, strict=True):
            into.extend(f"{kind} {line}" for line in lines)

    # The flush after this test recreates the content types: forget the ids cached in it.
    ContentType.objects.clear_cache()
    report = [
        *(["pages that did not open:"] + not_ok if not_ok else []),
        *(["serious or critical axe violations:"] + violations if violations else []),
        *(
            [f"pages wider than the screen ({PHONE_WIDTH} or 1280 px):"] + overflows
            if overflows
            else []
        ),
    ]
    assert report == [], "\n".join(report)
