"""Demo data of case management: a realistic caseload for consilier@demo.puls.ro.

Uses the demo jobseekers of ``jobseekers/demo.py`` and registers three more people through the
jobseekers services; profiles them, draws up plans (one waiting for the person's acknowledgement,
one with an overdue action), logs interventions (one sensitive), forms a mediation group with a
past job club and refers one person to a partner organisation. Idempotent: a second call creates
nothing (it stops when the counsellor already owns cases).
"""

import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone
from stdnum.ro import cnp as stdnum_cnp

from employers.models import VacancySkill, VacancyStatus
from jobseekers import services as jobseeker_services
from jobseekers.models import JobseekerProfile, LabourStatus
from puls.accounts.models import Role, User
from puls.demo.services import DEMO_PASSWORD
from puls.reference.models import County

from .. import selectors, services
from ..models import GroupSession, MeasureType, PlanMeasure, ProfilingResult

COUNSELLOR_EMAIL = "consilier@demo.puls.ro"
ADMIN_EMAIL = "admin.agentie@demo.puls.ro"
DEMO_EMPLOYER_EMAIL = "angajator@demo.puls.ro"
TRAINEE_EMAIL = "persoana@demo.puls.ro"

# (e-mail, first name, last name, first 12 CNP digits, locality, status, vulnerable groups)
MORE_PEOPLE = [
    (
        "gheorghe.rus@demo.puls.ro",
        "Gheorghe",
        "Rus",
        "166081512401",
        "Gherla",
        LabourStatus.UNEMPLOYED,
        ["long_term_unemployed"],
    ),
    (
        "florin.lazar@demo.puls.ro",
        "Florin",
        "Lazăr",
        "179040212402",
        "Cluj-Napoca",
        LabourStatus.UNEMPLOYED,
        ["repatriated"],
    ),
    (
        "alina.moldovan@demo.puls.ro",
        "Alina",
        "Moldovan",
        "298121012403",
        "Florești",
        LabourStatus.INACTIVE,
        [],
    ),
]

# Points of the answers per person (factor code → points), by e-mail; the rest answer 0.
PROFILES = {
    "persoana@demo.puls.ro": {"education": 1, "time_out_of_work": 1, "skills_currency": 1},
    "andrei.muresan@demo.puls.ro": {},
    "ioana.pacurar@demo.puls.ro": {
        "age_band": 1,
        "education": 1,
        "work_experience": 3,
        "vulnerable_situation": 2,
        "skills_currency": 3,
    },
    "gheorghe.rus@demo.puls.ro": {
        "age_band": 3,
        "education": 2,
        "time_out_of_work": 3,
        "work_experience": 0,
        "vulnerable_situation": 2,
        "health_or_care": 1,
        "skills_currency": 2,
    },
    "florin.lazar@demo.puls.ro": {
        "education": 1,
        "time_out_of_work": 2,
        "vulnerable_situation": 2,
        "skills_currency": 1,
    },
}


def _person_ensure(spec):
    email, first_name, last_name, cnp12, locality, status, vulnerable = spec
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, role=Role.JOBSEEKER, first_name=first_name, last_name=last_name)
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    profile = JobseekerProfile.objects.filter(user=user).first()
    if profile is None:
        profile = jobseeker_services.profile_register(
            user=user,
            first_name=first_name,
            last_name=last_name,
            cnp=cnp12 + stdnum_cnp.calc_check_digit(cnp12),
            county=County.objects.get(code="CJ"),
            locality=locality,
            address="Str. Demo 2",
            phone="0740000001",
            status=status,
            consent=True,
        )
        if vulnerable:
            jobseeker_services.vulnerabilities_declare(profile=profile, groups=vulnerable)
    return profile


def _answers(points_by_code):
    answers = {}
    for factor in selectors.active_factors():
        wanted = points_by_code.get(factor.code, 0)
        answers[factor] = next(
            (o for o in factor.options.all() if o.points == wanted), factor.options.all()[0]
        )
    return answers


def _measure(plan, code, counsellor, days, details=""):
    return services.plan_measure_add(
        plan=plan,
        measure_type=MeasureType.objects.get(code=code),
        responsible=counsellor,
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        by=counsellor,
        details=details,
    )


@transaction.atomic
def _training_skills_ensure() -> list[str]:
    """The training referral teaches the essential competences of the demo employer's published
    vacancies that persoana@demo.puls.ro lacks, so her "Jobs that fit me" links to it."""
    person = JobseekerProfile.objects.filter(user__email=TRAINEE_EMAIL).first()
    training = MeasureType.objects.filter(code="training_referral").first()
    if person is None or training is None:
        return []
    lacking = (
        VacancySkill.objects.filter(
            essential=True,
            vacancy__status=VacancyStatus.PUBLISHED,
            vacancy__company__memberships__user__email=DEMO_EMPLOYER_EMAIL,
        )
        .exclude(skill_id__in=person.skills.values("skill_id"))
        .values_list("skill_id", flat=True)
        .distinct()
    )
    new = set(lacking) - set(training.skills.values_list("pk", flat=True))
    if not new:
        return []
    training.skills.add(*new)
    return [f"  the training referral teaches {len(new)} more competences"]


def demo_data_ensure() -> list[str]:
    training_lines = _training_skills_ensure()
    counsellor = User.objects.filter(email=COUNSELLOR_EMAIL, role=Role.COUNSELLOR).first()
    admin = User.objects.filter(email=ADMIN_EMAIL, role=Role.AGENCY_ADMIN).first()
    # Registration gives every person a counsellor already (the balancing rule): the demo is
    # built once its counsellor has profiled someone.
    profiled = ProfilingResult.objects.filter(case_file__owner=counsellor).exists()
    if counsellor is None or admin is None or profiled:
        return training_lines
    for spec in MORE_PEOPLE:
        _person_ensure(spec)
    lines = [f"Case management ({COUNSELLOR_EMAIL}):", *training_lines]
    cases = {}
    for email, points in PROFILES.items():
        profile = JobseekerProfile.objects.filter(user__email=email).first()
        if profile is None:
            continue
        case_file = services.case_file_ensure(profile=profile)
        if case_file.owner_id != counsellor.pk:
            services.case_owner_assign(
                case_file=case_file, owner=counsellor, by=admin, reason="Repartizare inițială"
            )
        services.profiling_record(case_file=case_file, answers=_answers(points), by=counsellor)
        cases[email] = case_file
    lines.append(f"  {len(cases)} clients assigned and profiled")

    maria = cases.get("persoana@demo.puls.ro")
    if maria:
        plan = services.plan_create(
            case_file=maria,
            by=counsellor,
            goal="Angajare ca brutar sau patiser în Cluj-Napoca, normă "
            "întreagă, în următoarele 3 luni.",
        )
        _measure(
            plan,
            "information_counselling",
            counsellor,
            7,
            "Ședință de consiliere: CV și scrisoare de intenție",
        )
        _measure(
            plan,
            "competence_mediation",
            counsellor,
            30,
            "Propuneri pentru locurile de muncă de brutar din județ",
        )
        services.plan_issue(plan=plan, by=counsellor)
        lines.append("  plan of persoana@demo.puls.ro waiting for her acknowledgement")
    gheorghe = cases.get("gheorghe.rus@demo.puls.ro")
    if gheorghe:
        plan = services.plan_create(
            case_file=gheorghe,
            by=counsellor,
            goal="Reintegrare pe piața muncii ca muncitor necalificat "
            "în construcții, cu angajare subvenționată.",
        )
        overdue = _measure(
            plan,
            "skills_assessment",
            counsellor,
            1,
            "Evaluarea competențelor de zidar dobândite în practică",
        )
        _measure(plan, "subsidised_hiring", counsellor, 45, "Angajatori eligibili din zona Gherla")
        # The demo shows an overdue action: its deadline is moved back past today on purpose
        # (the service refuses past deadlines for new measures).
        PlanMeasure.objects.filter(pk=overdue.pk).update(
            deadline=timezone.localdate() - datetime.timedelta(days=5)
        )
        services.plan_issue(plan=plan, by=counsellor)
        services.plan_acknowledge(plan=plan, by=gheorghe.profile.user)
        services.intervention_record(
            case_file=gheorghe,
            by=counsellor,
            happened_on=timezone.localdate(),
            channel="in_person",
            kind="counselling",
            sensitive=True,
            note="Persoana a relatat dificultăți familiale care îi limitează programul; a fost "
            "îndrumată către serviciul social al primăriei.",
        )
        services.intervention_record(
            case_file=gheorghe,
            by=counsellor,
            happened_on=timezone.localdate(),
            channel="phone",
            kind="follow_up",
            note="Confirmat programarea pentru evaluare.",
        )
        lines.append("  plan of gheorghe.rus@demo.puls.ro with an overdue action")
    florin = cases.get("florin.lazar@demo.puls.ro")
    organisation = selectors.partner_organisations().first()
    if florin and organisation:
        services.referral_create(
            case_file=florin,
            organisation=organisation,
            purpose="outreach",
            by=counsellor,
            note="Sprijin pentru recunoașterea calificării obținute în străinătate",
        )
        lines.append(f"  referral of florin.lazar@demo.puls.ro to {organisation}")
    group = services.group_create(
        agency=counsellor.agency,
        by=counsellor,
        name="Comerț și alimentație publică",
        description="Experiență sau opțiuni în vânzări și brutărie.",
    )
    services.group_members_add(
        group=group,
        by=counsellor,
        profiles=[
            case.profile
            for key, case in cases.items()
            if key in ("persoana@demo.puls.ro", "ioana.pacurar@demo.puls.ro")
        ],
    )
    session = services.session_plan(
        group=group,
        kind=GroupSession.Kind.JOB_CLUB,
        place="AJOFM Cluj, sala 2",
        starts_at=timezone.now() - datetime.timedelta(days=2),
        companies=[],
        by=counsellor,
    )
    services.session_record(
        session=session,
        by=counsellor,
        proposals=[],
        attended_ids={m.pk for m in group.members.all()},
    )
    lines.append(f"  mediation group “{group.name}” with a job club held")
    return lines
