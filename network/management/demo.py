"""Demo data of the partner network: member organisations, a past meeting with approved minutes,
an upcoming published meeting, library items, a discussion group and a finished activity report.

Idempotent: each piece is looked up by a stable name first; a second call creates nothing.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from puls.accounts.models import Role, User
from puls.documents.services import document_create
from puls.reference.models import County

from .. import services
from ..models import (
    DiscussionGroup,
    JointProject,
    LibraryItem,
    Meeting,
    MemberEvent,
    Minutes,
    Organisation,
    Representative,
    Rsvp,
)

MEMBER_EMAIL = "retea@demo.puls.ro"
ORGANISER_EMAIL = "analist@demo.puls.ro"
PAST_TITLE = "Întâlnirea de toamnă a rețelei SPUNE"
UPCOMING_TITLE = "Întâlnirea de iarnă: tendințe pe piața muncii 2027"

ORGANISATIONS = [
    # (name, kind, county, scope, representative e-mail, first, last, role, task)
    (
        "Fundația Aequilibrium",
        Organisation.Kind.NGO,
        "TM",
        "regional",
        MEMBER_EMAIL,
        "Diana",
        "Vlad",
        "Reprezentant în rețea",
        "Participă la întâlniri, diseminează informațiile în fundație și prezintă tendințele "
        "observate în programele de consiliere.",
    ),
    (
        "Universitatea Babeș-Bolyai – Centrul de carieră",
        Organisation.Kind.ACADEMIA,
        "CJ",
        "regional",
        "ubb.retea@demo.puls.ro",
        "Andrei",
        "Moldovan",
        "Expert studii",
        "Pune la dispoziția rețelei studiile privind inserția absolvenților.",
    ),
    (
        "Oficiul Registrului Comerțului Cluj",
        Organisation.Kind.PUBLIC_INSTITUTION,
        "CJ",
        "county",
        "onrc.retea@demo.puls.ro",
        "Simona",
        "Rus",
        "Punct de contact",
        "Transmite lunar lista firmelor care devin inactive și datele de contact ale angajatorilor.",
    ),
]


def _pdf(title):
    from weasyprint import HTML

    html = f"<html><body><h1>{title}</h1><p>Document demonstrativ PULS.</p></body></html>"
    return ContentFile(HTML(string=html).write_pdf(), name="document.pdf")


def _user(email, first, last):
    from allauth.account.models import EmailAddress

    from puls.demo.services import DEMO_PASSWORD

    user, created = User.objects.get_or_create(
        email=email, defaults={"role": Role.NETWORK_MEMBER, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def _organisations(organiser, lines):
    for name, kind, county, scope, email, first, last, role, task in ORGANISATIONS:
        if Organisation.objects.filter(name=name).exists():
            continue
        user = _user(email, first, last)
        agreement = document_create(
            owner=user,
            uploaded_file=_pdf(f"Acord de parteneriat – {name}"),
            kind="Acord de parteneriat",
        )
        organisation = Organisation.objects.create(
            name=name,
            kind=kind,
            county=County.objects.get(pk=county),
            scope=scope,
            address=f"{County.objects.get(pk=county).name}",
            email=email,
            agreement=agreement,
            activity="Membru al rețelei de colaborare SPUNE SPO.",
            public_offer=(
                "Informare și sprijin pentru persoanele care își caută un loc de muncă și pentru "
                "angajatori, împreună cu agenția județeană pentru ocuparea forței de muncă."
            ),
            publish_email=True,
            submitted_by=user,
            submitted_at=timezone.now() - timedelta(days=120),
        )
        Representative.objects.create(
            organisation=organisation,
            user=user,
            position=role,
            network_role=role,
            task=task,
            phone="0264 000 000",
            started_at=timezone.now() - timedelta(days=120),
        )
        services.organisation_approve(organisation=organisation, by=organiser)
        Organisation.objects.filter(pk=organisation.pk).update(
            joined_at=timezone.now() - timedelta(days=110)
        )
        lines.append(f"Network organisation: {name} (representative {email})")


def _agenda(*titles):
    return [
        {"title": title, "presenter": presenter, "duration_minutes": minutes}
        for title, presenter, minutes in titles
    ]


def _past_meeting(organiser, lines):
    if Meeting.objects.filter(title=PAST_TITLE).exists():
        return
    start = (timezone.localtime() - timedelta(days=30)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    meeting = services.meeting_create(
        organiser=organiser,
        data={
            "title": PAST_TITLE,
            "scope": "regional",
            "region": "V",
            "starts_at": start,
            "ends_at": start + timedelta(hours=2),
            "location": "AJOFM Timiș, sala de conferințe",
            "description": "Întâlnire trimestrială a membrilor rețelei.",
        },
        agenda=_agenda(
            ("Deschidere și prezentarea participanților", "Radu Stoica", 15),
            ("Firmele care devin inactive: schimb de date", "Simona Rus", 40),
            ("Inserția absolvenților pe piața muncii", "Andrei Moldovan", 45),
        ),
    )
    # Announced in time, back then.
    meeting = services.meeting_publish(
        meeting=meeting, by=organiser, now=start - timedelta(days=10)
    )
    for representative in Representative.objects.active().select_related("organisation"):
        Rsvp.objects.get_or_create(
            meeting=meeting,
            user=representative.user,
            defaults={"organisation": representative.organisation, "answer": Rsvp.Answer.ATTEND},
        )
    minutes = services.minutes_start(meeting=meeting, by=organiser)
    items = list(meeting.agenda_items.all())
    services.minutes_update(
        minutes=minutes,
        by=organiser,
        summary="Ședința a fost deschisă de organizator; au participat reprezentanții membrilor.",
        presence={},
        guests=[{"name": "Elena Mureșan", "organisation_name": "AJOFM Cluj"}],
        discussions={
            items[1].pk: "ONRC Cluj va transmite lunar lista firmelor inactive.",
            items[2].pk: "Rata de inserție a absolvenților UBB este de 78% la un an.",
        },
        decisions=[
            "Schimbul lunar de date privind firmele inactive începe din luna următoare.",
            "Se înființează grupul de discuții al regiunii Vest.",
        ],
        actions=[
            {
                "description": "Transmite primul set de date privind firmele inactive",
                "owner": "Simona Rus (ONRC Cluj)",
                "deadline": timezone.localdate(),
                "status": "done",
            },
            {
                "description": "Publică studiul de inserție în biblioteca rețelei",
                "owner": "Andrei Moldovan (UBB)",
                "deadline": timezone.localdate() + timedelta(days=15),
                "status": "open",
            },
        ],
    )
    services.minutes_approve(minutes=minutes, by=organiser)
    services.minutes_pdf_ensure(minutes=Minutes.objects.get(pk=minutes.pk))
    lines.append(f"Past meeting with approved minutes: {PAST_TITLE}")


def _upcoming_meeting(organiser, lines):
    if Meeting.objects.filter(title=UPCOMING_TITLE).exists():
        return
    start = (timezone.localtime() + timedelta(days=12)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    meeting = services.meeting_create(
        organiser=organiser,
        data={
            "title": UPCOMING_TITLE,
            "scope": "national",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "location": "ANOFM, București",
            "online_url": "https://meet.example.ro/retea-spune",
        },
        agenda=_agenda(
            ("Prognoza pe termen scurt a pieței muncii", "Radu Stoica", 45),
            ("Bune practici în consilierea tinerilor NEET", "Diana Vlad", 30),
            ("Propuneri de îmbunătățire a rețelei", "", 30),
        ),
    )
    services.meeting_publish(meeting=meeting, by=organiser)
    lines.append(f"Upcoming published meeting: {UPCOMING_TITLE}")


def _library_and_groups(organiser, lines):
    member = Representative.objects.active().filter(user__email=MEMBER_EMAIL).first()
    if not LibraryItem.objects.exists():
        services.library_item_share(
            by=organiser,
            representative=None,
            tags_text="prognoză, național",
            data={
                "title": "Prognoza pieței muncii pe termen scurt",
                "kind": "trend",
                "summary": "Ocupațiile cu cea mai mare cerere în următoarele 6–12 luni.",
                "scope": "national",
                "county": None,
                "region": "",
            },
            url="https://www.anofm.ro/",
        )
        if member:
            services.library_item_share(
                by=member.user,
                representative=member,
                tags_text="tineri, NEET, bune practici",
                data={
                    "title": "Consilierea tinerilor NEET: bune practici",
                    "kind": "good_practice",
                    "summary": "Ce a funcționat în programele fundației în regiunea Vest.",
                    "scope": "regional",
                    "county": None,
                    "region": "V",
                },
                uploaded_file=_pdf("Consilierea tinerilor NEET"),
            )
        lines.append("Network library: 2 items")
    if not DiscussionGroup.objects.exists():
        group = services.group_create(
            data={
                "name": "Grupul regional Vest",
                "scope": "regional",
                "region": "V",
                "description": "Timiș, Arad, Caraș-Severin, Hunedoara",
            },
            by=organiser,
        )
        if member:
            services.group_follow(group=group, user=member.user)
            services.proposal_create(
                representative=member,
                text="Întâlniri online lunare, scurte, între întâlnirile trimestriale.",
            )
            services.thread_create(
                group=group,
                author=member.user,
                title="Angajări sezoniere în agricultură",
                body="Ce experiențe aveți cu medierea pentru munca sezonieră?",
            )
        lines.append("Discussion group: Grupul regional Vest")


def _joint_project(lines):
    if JointProject.objects.exists():
        return
    proposer, *others = Representative.objects.active().select_related("organisation")[:2]
    project = services.joint_project_propose(
        representative=proposer,
        data={
            "kind": JointProject.Kind.TRAINING,
            "title": "Instruire comună: competențe digitale pentru tinerii NEET",
            "description": (
                "Zece sesiuni de câte două ore, în sediile membrilor, pentru tinerii înregistrați "
                "la agenție. Căutăm parteneri care pun la dispoziție o sală și un formator."
            ),
            "starts_on": timezone.localdate() + timedelta(days=45),
        },
    )
    for other in others:
        services.joint_project_join(project=project, representative=other)
    lines.append(f"Joint project: {project.title}")


def _member_event(organiser, lines):
    if MemberEvent.objects.exists():
        return
    representative = Representative.objects.active().select_related("organisation").first()
    start = (timezone.localtime() + timedelta(days=20)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    event = services.member_event_submit(
        representative=representative,
        data={
            "title": "Bursa locurilor de muncă pentru absolvenți",
            "description": (
                "Angajatori din județ, consiliere pentru CV și interviu, informații despre "
                "programele de ocupare. Intrarea este liberă, cu înscriere."
            ),
            "starts_at": start,
            "ends_at": start + timedelta(hours=4),
            "place": "Casa de Cultură a Studenților, Cluj-Napoca",
            "capacity": 120,
        },
    )
    services.member_event_publish(event=event, by=organiser)
    lines.append(f"Member event: {event.title}")


def demo_data_ensure():
    """Create the network's demo data if missing; return the lines to print."""
    lines = []
    organiser = User.objects.get(email=ORGANISER_EMAIL)
    with transaction.atomic():
        _organisations(organiser, lines)
        _past_meeting(organiser, lines)
        _upcoming_meeting(organiser, lines)
        _library_and_groups(organiser, lines)
        _joint_project(lines)
        _member_event(organiser, lines)
    return lines
