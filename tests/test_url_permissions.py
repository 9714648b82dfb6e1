"""The URL permission sweep: every URL pattern the resolver serves, opened (GET) by every kind of
user on real objects, answers what this matrix declares. A URL missing from the matrix fails the
first test, so a new page cannot ship without saying who may open it.

Columns, in tests.urlwalk.KINDS order: anonymous, jobseeker, employer, counsellor, agency
administrator, national analyst, network member, superuser (every staff session has passed the
second factor). The objects are the right user's (tests.urlwalk.make_world): the jobseeker's own
booking, the employer's own company, a person of the counsellor's agency. POST-only pages answer
405 to those let in and the login page or 403 to the others: the role check comes first.
"""

import pytest

from tests.client import PortalClient
from tests.urlwalk import KINDS, make_world, routes, sign_in, url_for

pytestmark = pytest.mark.django_db

LOGIN, ADMIN_LOGIN, MFA, REDIRECT = "login", "admin login", "second factor", 302
OK, BAD, DENIED, NOT_FOUND, POST_ONLY = 200, 400, 403, 404, 405
NO_TOKEN = 401  # the network's API answers to a token, not to a session
# Signing out is a page of its own: opening it would end the session of the rest of the sweep.
NOT_SWEPT = {"account_logout", "admin:logout"}


def _status(response):
    if response.status_code in (301, 302):
        location = response.headers.get("Location", "")
        for marker, meaning in (("/cont/login/", LOGIN), ("/admin/login/", ADMIN_LOGIN)):
            if marker in location:
                return meaning
        if "/cont/2fa/" in location:
            return MFA
        return REDIRECT
    return response.status_code


def expected_for(name):
    if name in MATRIX:
        return MATRIX[name]
    if name.startswith("admin:"):
        return ADMIN_ROW
    return None


def test_every_url_pattern_is_in_the_matrix():
    missing = [
        route.name
        for route in routes()
        if route.name not in NOT_SWEPT and expected_for(route.name) is None
    ]
    stale = sorted(set(MATRIX) - {route.name for route in routes()})

    assert missing == [], "URL names missing from MATRIX in tests/test_url_permissions.py"
    assert stale == [], "MATRIX names no URL pattern any more"


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_user_gets_what_the_matrix_says(kind):
    users, objects = make_world()
    client = PortalClient(raise_request_exception=False)
    column = KINDS.index(kind)
    wrong = []
    for route in routes():
        if route.name in NOT_SWEPT:
            continue
        sign_in(client, users[kind])
        got = _status(client.get(url_for(route, objects)))
        want = expected_for(route.name)[column]
        if got not in (want if isinstance(want, frozenset) else {want}):
            wrong.append(f"{route.name}: {got!r}, expected {want!r}")

    assert wrong == [], f"{kind}:\n" + "\n".join(wrong)


# Admin pages: staff of the admin only, with the second factor (PortalAdminSite); what a superuser
# sees on each model's page (the page, a redirect for an object that does not exist, 403 for a
# read-only model's add page) is Django's own admin, not the portal's rule.
ADMIN_PAGE = frozenset({OK, REDIRECT, DENIED, NOT_FOUND})
ADMIN_ROW = (ADMIN_LOGIN,) * 7 + (ADMIN_PAGE,)

# URL name → status per kind (KINDS order). LOGIN: sent to sign in; POST_ONLY: let in, GET refused.
# fmt: off
MATRIX = {
    "home": (OK, OK, OK, OK, OK, OK, OK, OK),
    "set_language": (REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "admin:login": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "account_login": (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_inactive": (OK, OK, OK, OK, OK, OK, OK, OK),
    "account_signup": (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_reauthenticate": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "account_request_reauthentication_code": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "account_confirm_reauthentication_code": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_email": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "account_email_verification_sent": (OK, OK, OK, OK, OK, OK, OK, OK),
    "account_change_password": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "account_set_password": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_reset_password": (OK, OK, OK, OK, OK, OK, OK, OK),
    "account_confirm_login_code": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "account_confirm_email": (OK, OK, OK, OK, OK, OK, OK, OK),
    "account_reset_password_from_key_done": (OK, OK, OK, OK, OK, OK, OK, OK),
    "account_reset_password_from_key": (OK, OK, OK, OK, OK, OK, OK, OK),
    "account_reset_password_done": (OK, OK, OK, OK, OK, OK, OK, OK),
    "mfa_index": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "mfa_authenticate": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_reauthenticate": (LOGIN, REDIRECT, REDIRECT, OK, OK, OK, REDIRECT, OK),
    "mfa_activate_totp": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_deactivate_totp": (LOGIN, NOT_FOUND, NOT_FOUND, REDIRECT, REDIRECT, REDIRECT, NOT_FOUND, REDIRECT),
    "mfa_view_recovery_codes": (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "mfa_generate_recovery_codes": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "mfa_download_recovery_codes": (LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "accounts:dashboard": (LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "accounts:agency_dashboard": (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    "accounts:national_dashboard": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "reference:about": (OK, OK, OK, OK, OK, OK, OK, OK),
    "info:accessibility": (OK, OK, OK, OK, OK, OK, OK, OK),
    "info:privacy": (OK, OK, OK, OK, OK, OK, OK, OK),
    "info:contact": (OK, OK, OK, OK, OK, OK, OK, OK),
    "reference:cor_autocomplete": (OK, OK, OK, OK, OK, OK, OK, OK),
    "reference:cor_esco_occupations": (OK, OK, OK, OK, OK, OK, OK, OK),
    "reference:esco_occupation_autocomplete": (OK, OK, OK, OK, OK, OK, OK, OK),
    "reference:skill_autocomplete": (OK, OK, OK, OK, OK, OK, OK, OK),
    "documents:list": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "documents:upload": (LOGIN, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "documents:download": (LOGIN, NOT_FOUND, OK, OK, OK, NOT_FOUND, NOT_FOUND, OK),
    "helpdesk:create": (OK, OK, OK, OK, OK, OK, OK, OK),
    "helpdesk:received": (OK, OK, OK, OK, OK, OK, OK, OK),
    "helpdesk:faq": (OK, OK, OK, OK, OK, OK, OK, OK),
    "helpdesk:mine": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "helpdesk:my_request": (LOGIN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "helpdesk:my_action": (LOGIN, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "helpdesk:track": (OK, OK, OK, OK, OK, OK, OK, OK),
    "helpdesk:track_action": (POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "helpdesk:queue": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "helpdesk:staff_detail": (LOGIN, DENIED, DENIED, OK, OK, NOT_FOUND, DENIED, OK),
    "helpdesk:staff_answer": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "helpdesk:staff_close": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "helpdesk:proposals": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "helpdesk:proposal_move": (LOGIN, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED, POST_ONLY),
    "helpdesk:faq_manage": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "helpdesk:faq_create": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "helpdesk:faq_edit": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "helpdesk:faq_delete": (LOGIN, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED, POST_ONLY),
    "employers:dashboard": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:company_register": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:company_register_received": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:company_access_request": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:company_detail": (LOGIN, DENIED, OK, OK, OK, OK, DENIED, OK),
    "employers:company_edit": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "employers:company_verify": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:invitation_create": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:membership_revoke": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:admin_handover": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:access_request_decide": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:document_upload": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:vacancy_create": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "employers:invitation_revoke": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:invitation_accept": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:vacancy_detail": (LOGIN, DENIED, OK, OK, OK, OK, DENIED, OK),
    "employers:vacancy_edit": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "employers:vacancy_competences": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "employers:vacancy_submit": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:vacancy_withdraw": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:vacancy_duplicate": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:vacancy_fill": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "employers:vacancy_questionnaire": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "employers:vacancy_publish": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:vacancy_return": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:communication_pdf": (LOGIN, DENIED, OK, OK, OK, OK, DENIED, OK),
    "employers:document_replace": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "employers:document_review": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:subsidy_list": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:application_create": (LOGIN, DENIED, OK, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:application_detail": (LOGIN, DENIED, OK, OK, OK, OK, DENIED, OK),
    "employers:application_document": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:application_submit": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:application_withdraw": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:application_decide": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:programme_list": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:programme_create": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:programme_edit": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "employers:programme_amount_add": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:staff_queue": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "employers:staff_companies": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "employers:contact_create": (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    "employers:contact_done": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "employers:trade_register_import": (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    "employers:trade_register_report": (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    # The old addresses of the job search and vacancy page redirect to the one page (jobs:).
    "employers:job_search": (REDIRECT,) * 8,
    "employers:job_detail": (REDIRECT,) * 8,
    "jobs:search": (OK, OK, OK, OK, OK, OK, OK, OK),
    "jobs:detail": (OK, OK, OK, OK, OK, OK, OK, OK),
    "employers:job_feed_json": (OK, OK, OK, OK, OK, OK, OK, OK),
    "employers:job_feed_csv": (OK, OK, OK, OK, OK, OK, OK, OK),
    "jobseekers:dashboard": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:dossier": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:matches": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:matching_consent_give": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:matching_consent_withdraw": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:register": (LOGIN, REDIRECT, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "jobseekers:registration_received": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "jobseekers:identity_edit": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:preferences_edit": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:vulnerability_edit": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:wished_occupation_add": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:wished_occupation_delete": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:document_add": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:document_delete": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:section_add": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:section_delete": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:cv_pdf": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:my_data": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    # Exports hold the whole CNP: the person confirms their password first (re-authentication).
    "jobseekers:export_json": (LOGIN, REDIRECT, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:export_pdf": (LOGIN, REDIRECT, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:closure_request": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:closure_withdraw": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:appointments": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    # GET: the confirmation step of a free time; POST books it.
    "jobseekers:book": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:booking_detail": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:booking_cancel": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:booking_reschedule": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    # GET: the confirmation step of the move to a free time; POST moves.
    "jobseekers:booking_reschedule_confirm": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:booking_calendar": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:job_search": (REDIRECT,) * 8,
    "jobseekers:my_jobs": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:job_action": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:saved_searches": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, REDIRECT),
    "jobseekers:saved_search_create": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:saved_search_update": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:saved_search_delete": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "jobseekers:staff_interests": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "jobseekers:staff_profiles": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "jobseekers:staff_profile_by_cnp": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "jobseekers:staff_dossier": (LOGIN, DENIED, DENIED, REDIRECT, REDIRECT, DENIED, DENIED, REDIRECT),
    "jobseekers:staff_document_review": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "jobseekers:staff_calendar": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "jobseekers:staff_attendance": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "jobseekers:staff_booking_calendar": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "jobseekers:staff_availability": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "jobseekers:staff_availability_delete": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "jobseekers:staff_absence_delete": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "jobseekers:staff_closures": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "jobseekers:staff_closure_confirm": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "mediation:dashboard": (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    "mediation:vacancy_list": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "mediation:vacancy_candidates": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "mediation:vacancy_propose": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:profile_vacancies": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "mediation:profile_propose": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:proposal_list": (LOGIN, OK, OK, OK, OK, OK, DENIED, OK),
    "mediation:proposal_detail": (LOGIN, OK, OK, OK, OK, OK, DENIED, OK),
    "mediation:proposal_accept": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:proposal_decline": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:proposal_invite": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:proposal_reject": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:proposal_hire": (LOGIN, DENIED, POST_ONLY, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:proposal_withdraw": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "mediation:proposal_letter": (LOGIN, OK, NOT_FOUND, OK, OK, OK, DENIED, OK),
    "mediation:weights": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "notifications:outbox": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "notifications:email_resend": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "notifications:task_resend": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "notifications:preferences": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "notifications:inbox": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    # Each person opens only their own notifications (the world's is the jobseeker's).
    "notifications:inbox_open": (LOGIN, REDIRECT) + (NOT_FOUND,) * 6,
    "notifications:inbox_read_all": (LOGIN,) + (POST_ONLY,) * 7,
    # A signed link from an e-mail, opened without a session: an invalid one is refused (400).
    "notifications:unsubscribe": (BAD,) * 8,
    "network:dashboard": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, OK),
    "network:overview": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:adhesion": (LOGIN, OK, OK, DENIED, DENIED, DENIED, REDIRECT, OK),
    "network:organisation_list": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "network:organisation_detail": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "network:organisation_decide": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "network:my_organisation": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
    "network:directory": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:public_members": (OK, OK, OK, OK, OK, OK, OK, OK),
    "network:my_organisation_public": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "network:project_list": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:project_create": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
    "network:project_detail": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:project_join": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "network:project_close": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "network:event_list": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:event_create": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
    "network:event_detail": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:event_calendar": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:event_register": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "network:event_decide": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "network:proposal_create": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "network:meeting_list": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:meeting_create": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "network:meeting_detail": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:meeting_calendar": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:meeting_edit": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "network:meeting_attach": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "network:meeting_rsvp": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "network:minutes_edit": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "network:minutes_approve": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "network:meeting_transition": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "network:action_status": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "network:library": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:library_share": (LOGIN, DENIED, DENIED, DENIED, OK, OK, OK, OK),
    "network:library_open": (LOGIN, DENIED, DENIED, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "network:group_list": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:group_create": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "network:group_detail": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:group_follow": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "network:thread_create": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, POST_ONLY, POST_ONLY),
    "network:thread_detail": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:api_tokens": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
    "network:api_token_revoke": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "network:vacancy_feed": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
    "network:api_vacancy_feed": (NO_TOKEN,) * 8,
    "network:reports": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:report_progress": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "network:report_download": (LOGIN, DENIED, DENIED, OK, OK, OK, OK, OK),
    "casework:caseload": (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    "casework:case_detail": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "casework:cnp_reveal": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:profiling_new": (LOGIN, DENIED, DENIED, OK, DENIED, DENIED, DENIED, OK),
    "casework:plan_create": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "casework:intervention_add": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:assign": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:profiling_override": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "casework:plan_detail": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "casework:plan_issue": (LOGIN, DENIED, DENIED, POST_ONLY, DENIED, DENIED, DENIED, POST_ONLY),
    "casework:plan_close": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:plan_pdf": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "casework:measure_update": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:intervention_note": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, NOT_FOUND),
    "casework:my_plan": (LOGIN, OK, DENIED, DENIED, DENIED, DENIED, DENIED, OK),
    "casework:training_catalogue": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "casework:my_plan_acknowledge": (LOGIN, POST_ONLY, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY),
    "casework:my_plan_pdf": (LOGIN, NOT_FOUND, DENIED, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "casework:assignments": (LOGIN, DENIED, DENIED, DENIED, OK, DENIED, DENIED, OK),
    "casework:balance": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:factors": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "casework:evidence": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "casework:group_list": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, OK),
    "casework:group_detail": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, NOT_FOUND),
    "casework:session_create": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:session_detail": (LOGIN, DENIED, DENIED, OK, OK, DENIED, DENIED, NOT_FOUND),
    "casework:referral_create": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:referral_close": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:referral_withdraw": (LOGIN, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, DENIED, POST_ONLY),
    "casework:received_referrals": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
    "casework:received_referral_detail": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, OK, DENIED),
    "casework:referral_accept": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "casework:referral_decline": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "casework:referral_report": (LOGIN, DENIED, DENIED, DENIED, DENIED, DENIED, POST_ONLY, DENIED),
    "reports:dashboard": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:vacancy_analysis": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:jobseeker_analysis": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:competence_gap": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:forecasts": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:reports": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:report_progress": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:report_download": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:milestones": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "reports:satisfaction": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:questionnaires": (LOGIN, OK, OK, DENIED, DENIED, DENIED, DENIED, OK),
    "reports:subsidy_questionnaire": (LOGIN, DENIED, NOT_FOUND, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "reports:questionnaire": (LOGIN, NOT_FOUND, DENIED, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    # the employers' needs questionnaire: the world's employer has not answered it yet
    "reports:questionnaire_answer": (LOGIN, NOT_FOUND, OK, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "reports:questionnaire_thanks": (LOGIN, NOT_FOUND, NOT_FOUND, DENIED, DENIED, DENIED, DENIED, NOT_FOUND),
    "reports:questionnaire_results": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "reports:questionnaire_report": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:list": (OK, OK, OK, OK, OK, OK, OK, OK),
    "news:detail": (OK, OK, OK, OK, OK, OK, OK, OK),
    "news:archive": (OK, OK, OK, OK, OK, OK, OK, OK),
    "news:newsletter_detail": (OK, OK, OK, OK, OK, OK, OK, OK),
    "news:brochure": (OK, OK, OK, OK, OK, OK, OK, OK),
    "news:subscribe": (OK, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "news:my_subscription": (LOGIN, OK, OK, OK, OK, OK, OK, OK),
    "news:confirm": (BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD),
    "news:unsubscribe": (BAD, BAD, BAD, BAD, BAD, BAD, BAD, BAD),
    "news:manage": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:announcement_create": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:announcement_edit": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:announcement_transition": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "news:newsletter_manage": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:newsletter_create": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:newsletter_edit": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:newsletter_review": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "news:newsletter_send": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "news:newsletter_progress": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    # Staff training: the trainee's own pages, the national catalogue, the sessions of the agency
    # administrator's agency (the national team and superusers run the national ones: 404)
    "stafftraining:mine": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "stafftraining:certificate": (LOGIN, DENIED, DENIED, OK, OK, NOT_FOUND, DENIED, NOT_FOUND),
    "stafftraining:evaluate": (LOGIN, DENIED, DENIED, OK, NOT_FOUND, NOT_FOUND, DENIED, NOT_FOUND),
    "stafftraining:programme_list": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "stafftraining:programme_create": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "stafftraining:programme_detail": (LOGIN, DENIED, DENIED, OK, OK, OK, DENIED, OK),
    "stafftraining:programme_edit": (LOGIN, DENIED, DENIED, DENIED, DENIED, OK, DENIED, OK),
    "stafftraining:session_list": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "stafftraining:session_create": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
    "stafftraining:session_detail": (LOGIN, DENIED, DENIED, DENIED, OK, NOT_FOUND, DENIED, NOT_FOUND),
    "stafftraining:session_edit": (LOGIN, DENIED, DENIED, DENIED, OK, NOT_FOUND, DENIED, NOT_FOUND),
    "stafftraining:session_enrol": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "stafftraining:session_transition": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "stafftraining:enrolment_withdraw": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "stafftraining:enrolment_record": (LOGIN, DENIED, DENIED, DENIED, POST_ONLY, POST_ONLY, DENIED, POST_ONLY),
    "stafftraining:indicators_export": (LOGIN, DENIED, DENIED, DENIED, OK, OK, DENIED, OK),
}
# fmt: on
