"""Every URL pattern of the portal, one user of every kind and a world of real objects for the
patterns' arguments.

Shared by the permission matrix (tests/test_url_permissions.py) and the hostile-input walk
(tests/test_hostile_input.py): both enumerate the resolver, so a new URL is covered (or makes the
matrix fail) without anyone remembering to add it.
"""

import datetime
import re
from dataclasses import dataclass

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from puls.accounts.models import Role

KINDS = [
    "anonymous",
    "jobseeker",
    "employer",
    "counsellor",
    "agency_admin",
    "analyst",
    "network_member",
    "superuser",
]
STAFF_KINDS = {"counsellor", "agency_admin", "analyst", "superuser"}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced: "employers:company_detail"
    pattern: str  # "angajatori/firme/<int:pk>/"
    kwargs: tuple  # the pattern's argument names

    @property
    def is_admin(self):
        return self.name.startswith("admin:")


def _named_groups(pattern):
    converters = getattr(pattern, "converters", {})
    if converters:
        return tuple(converters)
    return tuple(re.compile(str(pattern.regex.pattern)).groupindex)


def routes():
    """Every named URL pattern the root resolver serves, in resolver order."""
    found = []

    def walk(resolver, prefix, namespace, inherited):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                child = namespace
                if entry.namespace:
                    child = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(
                    entry,
                    prefix + str(entry.pattern),
                    child,
                    inherited + _named_groups(entry.pattern),
                )
            elif isinstance(entry, URLPattern) and entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append(
                    Route(
                        name, prefix + str(entry.pattern), inherited + _named_groups(entry.pattern)
                    )
                )

    walk(get_resolver(), "", "", ())
    seen, unique = set(), []
    for route in found:
        # a name may be served by two patterns (allauth's optional slashes): the first wins, as
        # in reverse()
        if route.name not in seen:
            seen.add(route.name)
            unique.append(route)
    return unique


def sign_in(client, user):
    """Sign ``user`` in (nobody for the anonymous kind) through tests.client.PortalClient, which
    records allauth's authentication steps: password, then the second factor."""
    if user is not None:
        client.force_login(user)


def _totp(user):
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return user


def make_world():
    """One user of each kind and, for every URL argument, an object the right user may act on.

    Everything is in Cluj: the jobseeker is a client of the Cluj counsellor, the employer
    administers a verified Cluj company, the network member represents an approved organisation.
    """
    from casework import services as casework_services
    from casework.models import MediationGroup
    from employers import services as employer_services
    from employers.models import CompanyAccessRequest, CompanyInvitation, CompanyMembership
    from jobseekers.models import (
        AvailabilityException,
        ClosureRequest,
        DossierDocument,
        Education,
        SavedSearch,
    )
    from network import services as network_services
    from network.models import Action
    from puls.documents.services import document_create
    from puls.notifications.models import Notification
    from reports.models import Programme, Questionnaire, ReportRun
    from tests.accounts.factories import UserFactory, agency
    from tests.casework.factories import (
        CaseFileFactory,
        InterventionFactory,
        PlanFactory,
        PlanMeasureFactory,
        answers_with,
    )
    from tests.documents.conftest import PDF, upload
    from tests.employers.factories import (
        CompanyFactory,
        SubsidyApplicationFactory,
        SubsidyProgrammeFactory,
        VacancyFactory,
    )
    from tests.jobseekers.factories import (
        AvailabilityFactory,
        BookingFactory,
        EscoOccupationFactory,
        JobseekerProfileFactory,
        SlotFactory,
        aware,
    )
    from tests.mediation.factories import ProposalFactory
    from tests.network.factories import (
        LibraryItemFactory,
        MeetingFactory,
        MinutesFactory,
        OrganisationFactory,
        RepresentativeFactory,
        ThreadFactory,
    )
    from tests.stafftraining.factories import url_world as staff_training_world

    counsellor = _totp(UserFactory(counsellor=True))
    agency_admin = _totp(UserFactory(agency_admin=True))
    analyst = _totp(UserFactory(analyst=True))
    superuser = _totp(UserFactory(role=Role.NATIONAL_ANALYST, is_superuser=True, is_staff=True))
    jobseeker = UserFactory()
    employer = UserFactory(employer=True)
    representative = RepresentativeFactory(user=UserFactory(network_member=True))
    users = {
        "anonymous": None,
        "jobseeker": jobseeker,
        "employer": employer,
        "counsellor": counsellor,
        "agency_admin": agency_admin,
        "analyst": analyst,
        "network_member": representative.user,
        "superuser": superuser,
    }

    # employers
    company = CompanyFactory(admin=employer, verified=True)
    colleague = CompanyMembership.objects.create(
        company=company, user=UserFactory(employer=True), is_admin=False
    )
    access_request = CompanyAccessRequest.objects.create(
        company=company, user=UserFactory(employer=True)
    )
    invitation = CompanyInvitation.objects.create(
        company=company, email="invitat@firma.ro", invited_by=employer
    )
    draft = VacancyFactory(company=company)
    submitted = VacancyFactory(company=company)
    communication = employer_services.vacancy_submit(vacancy=submitted, by=employer)
    published = VacancyFactory(company=company, published=True)
    attachment = employer_services.company_document_add(
        company=company, by=employer, uploaded_file=upload("act.pdf", PDF), title="Act"
    )
    programme = SubsidyProgrammeFactory()
    application = SubsidyApplicationFactory(company=company, programme=programme)

    # jobseekers
    profile = JobseekerProfileFactory(user=jobseeker, share_with_employers=True)
    occupation = EscoOccupationFactory()
    profile.wished_occupations.add(occupation)
    education = Education.objects.create(profile=profile, level="bachelor", field="Informatică")
    dossier_document = DossierDocument.objects.create(
        profile=profile,
        document=document_create(owner=jobseeker, uploaded_file=upload("cv.pdf", PDF)),
        kind="cv",
    )
    free_slot = SlotFactory(counsellor=counsellor)
    saved_search = SavedSearch.objects.create(profile=profile, name="Brutar", query="brutar")
    booking = BookingFactory(
        profile=profile,
        slot=SlotFactory(
            counsellor=counsellor,
            start=aware(timezone.localdate() + datetime.timedelta(days=4), 11),
        ),
    )
    availability = AvailabilityFactory(counsellor=counsellor)
    absence = AvailabilityException.objects.create(
        counsellor=counsellor,
        start_date=timezone.localdate() + datetime.timedelta(days=60),
        end_date=timezone.localdate() + datetime.timedelta(days=61),
    )
    closing = ClosureRequest.objects.create(profile=JobseekerProfileFactory(), reason="Plec")

    # mediation
    proposal = ProposalFactory(vacancy=published, profile=profile, sent=True)

    # casework
    case_file = CaseFileFactory(profile=profile, owner=counsellor)
    profiling = casework_services.profiling_record(
        case_file=case_file, answers=answers_with({}), by=counsellor
    )
    plan = PlanFactory(case_file=case_file)
    measure = PlanMeasureFactory(plan=plan)
    intervention = InterventionFactory(case_file=case_file)
    group = MediationGroup.objects.create(agency=agency("CJ"), name="Sudori")
    group.members.add(profile)
    session = casework_services.session_plan(
        group=group,
        kind="job_club",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        place="Sala 2, AJOFM Cluj",
        companies=[],
        by=counsellor,
    )
    referral = casework_services.referral_create(
        case_file=case_file,
        organisation=representative.organisation,
        purpose="outplacement",
        by=counsellor,
    )

    # network
    pending_organisation = OrganisationFactory(pending=True)
    meeting = MeetingFactory(published=True, organiser=agency_admin)
    minutes = MinutesFactory(meeting=MeetingFactory(past=True, organiser=agency_admin))
    action = Action.objects.create(
        minutes=minutes,
        description="Raport",
        owner="Radu",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    thread = ThreadFactory()
    token, _raw = network_services.api_token_create(user=representative.user, name="Sistem")
    joint_project = network_services.joint_project_propose(
        representative=representative,
        data={"kind": "training", "title": "Instruire comună", "description": "Zece sesiuni."},
    )
    event_start = timezone.now() + datetime.timedelta(days=10)
    member_event = network_services.member_event_submit(
        representative=representative,
        data={
            "title": "Bursa locurilor de muncă",
            "description": "Angajatori din Cluj.",
            "starts_at": event_start,
            "ends_at": event_start + datetime.timedelta(hours=3),
            "place": "Cluj-Napoca",
            "capacity": 50,
        },
    )
    network_services.member_event_publish(event=member_event, by=agency_admin)

    # reports
    report_run = ReportRun.objects.create(
        kind="top50",
        agency=agency("CJ"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        status=ReportRun.Status.DONE,
    )
    report_run.csv.save("indicatori.csv", ContentFile(b"Indicator,Valoare\n"))
    network_report = ReportRun.objects.create(
        kind="network_activity",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 3, 31),
        status=ReportRun.Status.DONE,
    )
    network_report.pdf.save("activitate.pdf", ContentFile(b"%PDF-1.4\n"))
    target_programme = Programme.objects.create(
        code="t", name="Program", start_date=datetime.date(2026, 1, 1), duration_months=12
    )

    # news
    from news import services as news_services
    from tests.news.factories import AnnouncementFactory, NewsletterFactory

    news_draft = AnnouncementFactory(county=agency_admin.agency.county, created_by=agency_admin)
    news_newsletter = NewsletterFactory(county=agency_admin.agency.county, created_by=agency_admin)
    news_sent = news_services.newsletter_create(
        data={"subject": "Buletin", "body": "Text", "audience": "everyone", "county": None},
        by=analyst,
        brochure_file=upload("brosura.pdf", PDF),
    )
    news_services.newsletter_send(newsletter=news_sent, by=analyst)
    # help desk: the jobseeker's request (Cluj), a visitor's suggestion (national), a question
    from helpdesk import services as helpdesk_services
    from helpdesk.models import FaqEntry

    help_request = helpdesk_services.help_request_open(
        category="account", description="Parola", requester=jobseeker, language="ro"
    )
    suggestion = helpdesk_services.help_request_open(
        category="suggestion", description="Idee", contact_email="idee@example.ro", language="ro"
    )
    faq_entry = FaqEntry.objects.create(question="Cum?", answer="Așa.")
    from employers import services as employer_services

    trade_register_import = employer_services.trade_register_import(
        by=agency_admin, agency=None, file_name="onrc.csv", raw=b"CUI;stare;data\n"
    )

    employer_contact = employer_services.employer_contact_log(
        company=company,
        by=counsellor,
        kind="call",
        contacted_on=timezone.localdate(),
        outcome="later",
        follow_up_on=timezone.localdate(),
    )

    objects = {
        "trade_register_import": trade_register_import,
        "employer_contact": employer_contact,
        "news_draft": news_draft,
        "news_published": AnnouncementFactory(published=True),
        "news_newsletter": news_newsletter,
        "news_sent": news_sent,
        "company": company,
        "colleague": colleague,
        "access_request": access_request,
        "invitation": invitation,
        "draft": draft,
        "submitted": submitted,
        "communication": communication,
        "published": published,
        "attachment": attachment,
        "programme": programme,
        "application": application,
        "profile": profile,
        "occupation": occupation,
        "education": education,
        "dossier_document": dossier_document,
        "free_slot": free_slot,
        "booking": booking,
        "saved_search": saved_search,
        "availability": availability,
        "absence": absence,
        "closing": closing,
        "proposal": proposal,
        "profiling": profiling,
        "plan": plan,
        "measure": measure,
        "intervention": intervention,
        "group": group,
        "session": session,
        "referral": referral,
        "organisation": representative.organisation,
        "pending_organisation": pending_organisation,
        "meeting": meeting,
        "past_meeting": minutes.meeting,
        "action": action,
        "library_item": LibraryItemFactory(),
        "discussion_group": thread.group,
        "thread": thread,
        "joint_project": joint_project,
        "member_event": member_event,
        "token": token,
        "report_run": report_run,
        "network_report": network_report,
        "target_programme": target_programme,
        "needs_questionnaire": Questionnaire.objects.get(code="nevoi-angajatori"),
        "document": attachment.document,
        "help_request": help_request,
        "suggestion": suggestion,
        "improvement_proposal": suggestion.proposal,
        "faq_entry": faq_entry,
        "notification": Notification.objects.create(
            user=jobseeker, title="Planul dumneavoastră", link="/persoane/"
        ),
        **staff_training_world(agency_admin=agency_admin, counsellor=counsellor),
    }
    return users, objects


class Lit(str):
    """A literal URL argument (not a world object)."""


# URL name → {argument: world object key, or Lit(value)}. Names absent here take no arguments.
URL_ARGUMENTS = {
    "account_confirm_email": {"key": Lit("no-such-key")},
    "account_reset_password_from_key": {"uidb36": Lit("1"), "key": Lit("no-such-key")},
    "documents:download": {"pk": "document"},
    "notifications:inbox_open": {"pk": "notification"},
    "notifications:unsubscribe": {"token": Lit("nimic")},
    "helpdesk:my_request": {"pk": "help_request"},
    "helpdesk:my_action": {"pk": "help_request", "action": Lit("inchide")},
    "helpdesk:track": {"token": "suggestion.token"},
    "helpdesk:track_action": {"token": "suggestion.token", "action": Lit("inchide")},
    "helpdesk:staff_detail": {"pk": "help_request"},
    "helpdesk:staff_answer": {"pk": "help_request"},
    "helpdesk:staff_close": {"pk": "help_request"},
    "helpdesk:proposal_move": {"pk": "improvement_proposal"},
    "helpdesk:faq_edit": {"pk": "faq_entry"},
    "helpdesk:faq_delete": {"pk": "faq_entry"},
    "employers:company_detail": {"pk": "company"},
    "employers:company_edit": {"pk": "company"},
    "employers:company_verify": {"pk": "company"},
    "employers:invitation_create": {"pk": "company"},
    "employers:membership_revoke": {"pk": "company", "membership_pk": "colleague"},
    "employers:admin_handover": {"pk": "company", "membership_pk": "colleague"},
    "employers:access_request_decide": {"pk": "company", "request_pk": "access_request"},
    "employers:document_upload": {"pk": "company"},
    "employers:vacancy_create": {"pk": "company"},
    "employers:invitation_revoke": {"pk": "invitation"},
    "employers:invitation_accept": {"token": "invitation.token"},
    "employers:vacancy_detail": {"pk": "draft"},
    "employers:vacancy_edit": {"pk": "draft"},
    "employers:vacancy_competences": {"pk": "draft"},
    "employers:vacancy_submit": {"pk": "draft"},
    "employers:vacancy_withdraw": {"pk": "published"},
    "employers:vacancy_duplicate": {"pk": "published"},
    "employers:vacancy_fill": {"pk": "published"},
    "employers:vacancy_questionnaire": {"pk": "published"},
    "employers:vacancy_publish": {"pk": "submitted"},
    "employers:vacancy_return": {"pk": "submitted"},
    "employers:communication_pdf": {"pk": "communication"},
    "employers:document_replace": {"pk": "attachment"},
    "employers:document_review": {"pk": "attachment"},
    "employers:application_create": {"programme_pk": "programme"},
    "employers:application_detail": {"pk": "application"},
    "employers:application_document": {"pk": "application"},
    "employers:application_submit": {"pk": "application"},
    "employers:application_withdraw": {"pk": "application"},
    "employers:application_decide": {"pk": "application"},
    "employers:programme_edit": {"pk": "programme"},
    "employers:programme_amount_add": {"pk": "programme"},
    "employers:trade_register_report": {"pk": "trade_register_import"},
    "employers:contact_create": {"pk": "company"},
    "employers:contact_done": {"pk": "employer_contact"},
    "jobs:detail": {"pk": "published"},
    "employers:job_detail": {"pk": "published"},
    "jobseekers:wished_occupation_delete": {"pk": "occupation"},
    "jobseekers:document_delete": {"pk": "dossier_document"},
    "jobseekers:section_add": {"section": Lit("educatie")},
    "jobseekers:section_delete": {"section": Lit("educatie"), "pk": "education"},
    "jobseekers:book": {"slot_pk": "free_slot"},
    "jobseekers:booking_detail": {"pk": "booking"},
    "jobseekers:booking_cancel": {"pk": "booking"},
    "jobseekers:booking_reschedule": {"pk": "booking"},
    "jobseekers:booking_reschedule_confirm": {"pk": "booking", "slot_pk": "free_slot"},
    "jobseekers:booking_calendar": {"pk": "booking"},
    "jobseekers:staff_booking_calendar": {"pk": "booking"},
    "jobseekers:job_action": {"pk": "published", "action": Lit("salveaza")},
    "jobseekers:saved_search_update": {"pk": "saved_search"},
    "jobseekers:saved_search_delete": {"pk": "saved_search"},
    "jobseekers:staff_dossier": {"pk": "profile"},
    "jobseekers:staff_document_review": {"pk": "profile", "entry_pk": "dossier_document"},
    "jobseekers:staff_attendance": {"pk": "booking"},
    "jobseekers:staff_availability_delete": {"pk": "availability"},
    "jobseekers:staff_absence_delete": {"pk": "absence"},
    "jobseekers:staff_closure_confirm": {"pk": "closing"},
    "mediation:vacancy_candidates": {"pk": "published"},
    "mediation:vacancy_propose": {"pk": "published"},
    "mediation:profile_vacancies": {"pk": "profile"},
    "mediation:profile_propose": {"pk": "profile"},
    "mediation:proposal_detail": {"pk": "proposal"},
    "mediation:proposal_accept": {"pk": "proposal"},
    "mediation:proposal_decline": {"pk": "proposal"},
    "mediation:proposal_invite": {"pk": "proposal"},
    "mediation:proposal_reject": {"pk": "proposal"},
    "mediation:proposal_hire": {"pk": "proposal"},
    "mediation:proposal_withdraw": {"pk": "proposal"},
    "mediation:proposal_letter": {"pk": "proposal"},
    "network:organisation_detail": {"pk": "pending_organisation"},
    "network:organisation_decide": {"pk": "pending_organisation", "decision": Lit("refuse")},
    "network:meeting_detail": {"pk": "meeting"},
    "network:meeting_calendar": {"pk": "meeting"},
    "network:meeting_edit": {"pk": "meeting"},
    "network:meeting_attach": {"pk": "meeting"},
    "network:meeting_rsvp": {"pk": "meeting"},
    "network:minutes_edit": {"pk": "past_meeting"},
    "network:minutes_approve": {"pk": "past_meeting"},
    "network:meeting_transition": {"pk": "meeting", "action": Lit("cancel")},
    "network:action_status": {"pk": "action"},
    "network:project_detail": {"pk": "joint_project"},
    "network:project_join": {"pk": "joint_project"},
    "network:project_close": {"pk": "joint_project"},
    "network:event_detail": {"pk": "member_event"},
    "network:event_calendar": {"pk": "member_event"},
    "network:event_register": {"pk": "member_event"},
    "network:event_decide": {"pk": "member_event", "decision": Lit("cancel")},
    "network:library_open": {"pk": "library_item"},
    "network:group_detail": {"pk": "discussion_group"},
    "network:group_follow": {"pk": "discussion_group"},
    "network:thread_create": {"pk": "discussion_group"},
    "network:thread_detail": {"pk": "thread"},
    "network:api_token_revoke": {"pk": "token"},
    "network:vacancy_feed": {"fmt": Lit("json")},
    "network:api_vacancy_feed": {"fmt": Lit("json")},
    "network:report_progress": {"pk": "network_report"},
    "network:report_download": {"pk": "network_report"},
    "notifications:email_resend": {"pk": Lit("1")},
    "notifications:task_resend": {"pk": Lit("1")},
    "casework:case_detail": {"pk": "profile"},
    "casework:cnp_reveal": {"pk": "profile"},
    "casework:profiling_new": {"pk": "profile"},
    "casework:plan_create": {"pk": "profile"},
    "casework:intervention_add": {"pk": "profile"},
    "casework:assign": {"pk": "profile"},
    "casework:profiling_override": {"pk": "profiling"},
    "casework:plan_detail": {"pk": "plan"},
    "casework:plan_issue": {"pk": "plan"},
    "casework:plan_close": {"pk": "plan"},
    "casework:plan_pdf": {"pk": "plan"},
    "casework:measure_update": {"pk": "measure"},
    "casework:intervention_note": {"pk": "intervention"},
    "casework:group_detail": {"pk": "group"},
    "casework:session_create": {"pk": "group"},
    "casework:session_detail": {"pk": "session"},
    "casework:referral_create": {"pk": "profile"},
    "casework:referral_close": {"pk": "referral"},
    "casework:referral_withdraw": {"pk": "referral"},
    "casework:received_referral_detail": {"pk": "referral"},
    "casework:referral_accept": {"pk": "referral"},
    "casework:referral_decline": {"pk": "referral"},
    "casework:referral_report": {"pk": "referral"},
    "reports:report_progress": {"pk": "report_run"},
    "reports:report_download": {"pk": "report_run", "fmt": Lit("csv")},
    "reports:milestones": {"pk": "target_programme"},
    "reports:questionnaire_answer": {"code": Lit("nevoi-angajatori")},
    "reports:questionnaire_thanks": {"code": Lit("nevoi-angajatori")},
    "reports:questionnaire_report": {"pk": "needs_questionnaire"},
    "reports:subsidy_questionnaire": {"pk": "application"},
    "reports:questionnaire": {"subject": Lit("programare"), "pk": "booking"},
    "reference:cor_esco_occupations": {"code": "published.cor_occupation.code"},
    "news:detail": {"pk": "news_published"},
    "news:newsletter_detail": {"pk": "news_sent"},
    "news:brochure": {"pk": "news_sent"},
    "news:confirm": {"token": Lit("no-such-token")},
    "news:unsubscribe": {"token": Lit("no-such-token")},
    "news:announcement_edit": {"pk": "news_draft"},
    "news:announcement_transition": {"pk": "news_draft", "action": Lit("publica")},
    "news:newsletter_edit": {"pk": "news_newsletter"},
    "news:newsletter_review": {"pk": "news_newsletter"},
    "news:newsletter_send": {"pk": "news_newsletter"},
    "news:newsletter_progress": {"pk": "news_newsletter"},
    "stafftraining:certificate": {"pk": "training_enrolment"},
    "stafftraining:evaluate": {"pk": "training_enrolment"},
    "stafftraining:programme_detail": {"pk": "training_programme"},
    "stafftraining:programme_edit": {"pk": "training_programme"},
    "stafftraining:session_detail": {"pk": "training_session"},
    "stafftraining:session_edit": {"pk": "training_session"},
    "stafftraining:session_enrol": {"pk": "training_session"},
    "stafftraining:session_transition": {"pk": "training_session", "action": Lit("tinut")},
    "stafftraining:enrolment_withdraw": {"pk": "training_enrolment"},
    "stafftraining:enrolment_record": {"pk": "training_enrolment"},
    "stafftraining:indicators_export": {"fmt": Lit("csv")},
}


def _world_value(objects, key):
    if isinstance(key, Lit):
        return str(key)
    name, _dot, attributes = key.partition(".")
    value = objects[name]
    for attribute in (attributes or "pk").split("."):
        value = getattr(value, attribute)
    return value


def _admin_arguments(route, objects):
    """Admin URLs: the model's first object, or the app's label, by the URL's name."""
    from django.contrib.contenttypes.models import ContentType

    if route.name == "admin:app_list":
        return {"app_label": "employers"}
    if route.name == "admin:view_on_site":
        company = objects["company"]
        return {
            "content_type_id": ContentType.objects.get_for_model(company).pk,
            "object_id": company.pk,
        }
    if route.name == "admin:auth_user_password_change":  # UserAdmin's fixed name
        return {"id": objects["company"].memberships.get(is_admin=True).user_id}
    if route.name == "admin:catch_all_view" or "url" in route.kwargs:
        return {"url": "no-such-page/"}
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if route.name.startswith(prefix):
            first = model._default_manager.order_by("pk").first()
            value = first.pk if first is not None else 1
            return dict.fromkeys(route.kwargs, value)
    raise LookupError(f"no arguments known for {route.name}")


def arguments_for(route, objects):
    """The URL arguments for ``route``: real objects of the world."""
    if not route.kwargs:
        return {}
    if route.is_admin:
        return _admin_arguments(route, objects)
    declared = URL_ARGUMENTS.get(route.name)
    if declared is None or set(declared) != set(route.kwargs):
        raise LookupError(
            f"{route.name} ({route.pattern}) takes {route.kwargs}: declare them in "
            "tests/urlwalk.py URL_ARGUMENTS"
        )
    return {name: _world_value(objects, key) for name, key in declared.items()}


def url_for(route, objects, **overrides):
    return reverse(route.name, kwargs={**arguments_for(route, objects), **overrides})
