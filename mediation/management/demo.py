"""Demo data of the mediation app: the default weights; six demo candidates in Cluj whose
competences overlap the demo employer's published vacancies more or less (registered through the
jobseekers services), so that the ranked lists mean something; and proposals from the demo
counsellor of the best of them, one accepted so that the employer side shows a candidate.
Idempotent: a second call creates nothing."""

import datetime

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from employers.models import VacancyStatus
from jobseekers import services as jobseeker_services
from jobseekers.models import Experience, SkillAssessment
from puls.accounts.models import Role, User
from puls.reference.models import County

from .. import selectors, services
from ..models import Proposal, ProposalStatus

COUNSELLOR_EMAIL = "consilier@demo.puls.ro"
EMPLOYER_EMAIL = "angajator@demo.puls.ro"


CANDIDATES = [  # e-mail, first name, last name, CNP without its control digit, share of skills
    ("candidat1@demo.puls.ro", "Sorin", "Pop", "185040312345", 1.0),
    ("candidat2@demo.puls.ro", "Adriana", "Moldovan", "292111212346", 0.75),
    ("candidat3@demo.puls.ro", "Vlad", "Rusu", "188072412347", 0.5),
    ("candidat4@demo.puls.ro", "Irina", "Toma", "295030512348", 0.25),
]


def _cnp(body):
    total = sum(
        int(digit) * int(weight) for digit, weight in zip(body, "279146358279", strict=True)
    )
    return body + ("1" if total % 11 == 10 else str(total % 11))


def _candidates_ensure(vacancy, lines):
    """Demo people holding a decreasing share of ``vacancy``'s competences."""
    skills = list(vacancy.vacancy_skills.select_related("skill").order_by("-essential", "pk"))
    county = County.objects.get(pk="CJ")
    for email, first_name, last_name, cnp, share in CANDIDATES:
        if User.objects.filter(email=email).exists():
            continue
        user = User.objects.create_user(
            email=email, password="parola-demo-2026", role=Role.JOBSEEKER
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        profile = jobseeker_services.profile_register(
            user=user,
            first_name=first_name,
            last_name=last_name,
            cnp=_cnp(cnp),
            county=county,
            locality="Cluj-Napoca",
            address="Str. Demo 1",
            phone="0740000000",
            status="unemployed",
            consent=True,
            share_with_employers=True,
        )
        for row in skills[: max(1, round(share * len(skills)))]:
            jobseeker_services.dossier_entry_save(
                profile=profile, entry=SkillAssessment(skill=row.skill, level=3)
            )
        if vacancy.esco_occupation_id and share >= 0.5:
            jobseeker_services.dossier_entry_save(
                profile=profile,
                entry=Experience(
                    cor_occupation_id=vacancy.cor_occupation_id,
                    occupation_id=vacancy.esco_occupation_id,
                    employer_name="SC Exemplu SRL",
                    start_date=timezone.localdate() - datetime.timedelta(days=2000),
                    end_date=timezone.localdate() - datetime.timedelta(days=60),
                ),
            )
        lines.append(
            f"  demo candidate {email} ({round(share * 100)} % of the competences of "
            f"“{vacancy.title}”)"
        )


def demo_data_ensure() -> list[str]:
    lines = []
    services.weight_set_default()
    counsellor = User.objects.filter(email=COUNSELLOR_EMAIL, role=Role.COUNSELLOR).first()
    employer = User.objects.filter(email=EMPLOYER_EMAIL).first()
    if counsellor is None or employer is None:
        return ["  mediation: demo counsellor or employer missing, no proposals made"]
    vacancies = list(
        selectors.vacancies_for_matching(counsellor)
        .filter(company__memberships__user=employer, status=VacancyStatus.PUBLISHED)
        .order_by("pk")[:2]
    )
    if vacancies:
        _candidates_ensure(vacancies[0], lines)
    if Proposal.objects.filter(proposed_by=counsellor).exists():
        return lines
    for vacancy in vacancies:
        if not services.vacancy_is_open(vacancy):
            continue
        rows = selectors.ranked_candidates(vacancy=vacancy, user=counsellor, limit=3)
        for row in [row for row in rows if row.explanation["matched"]][:2]:
            with transaction.atomic():
                proposal = services.proposal_create(
                    vacancy=vacancy,
                    profile=row.profile,
                    by=counsellor,
                    message="Propunere din datele demo.",
                )
            lines.append(
                f"  proposal #{proposal.pk}: {row.profile.user.email} for "
                f"“{vacancy.title}” (score {row.score})"
            )
            if row is rows[0] and proposal.status == ProposalStatus.PROPOSED:
                services.proposal_accept(proposal=proposal, by=row.profile.user)
                lines.append(f"  proposal #{proposal.pk} accepted by {row.profile.user.email}")
    return lines
