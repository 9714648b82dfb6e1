"""Every casework view over every kind of user, sensitive notes, bad input, query counts."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from casework import services
from casework.models import PlanMeasure
from puls.audit.models import AuditEntry
from tests.accounts.factories import UserFactory, agency
from tests.jobseekers.factories import JobseekerProfileFactory
from tests.pdfcheck import assert_pdf_document

from .factories import (
    CaseFileFactory,
    InterventionFactory,
    PlanFactory,
    PlanMeasureFactory,
    answers_with,
)

pytestmark = pytest.mark.django_db

KINDS = [
    "anonymous",
    "jobseeker",
    "person",
    "employer",
    "other_agency",
    "colleague",
    "owner",
    "admin",
    "analyst",
]


@pytest.fixture
def world(enrol_totp):
    case_file = CaseFileFactory()
    plan = PlanFactory(case_file=case_file, issued=True)
    measure = PlanMeasureFactory(plan=plan)
    note = InterventionFactory(case_file=case_file, sensitive_note=True)
    result = services.profiling_record(
        case_file=case_file, answers=answers_with({}), by=case_file.owner
    )
    users = {
        "anonymous": None,
        "jobseeker": JobseekerProfileFactory().user,
        "person": case_file.profile.user,
        "employer": UserFactory(employer=True),
        "other_agency": enrol_totp(UserFactory(counsellor=True, agency=agency("AB"))),
        "colleague": enrol_totp(UserFactory(counsellor=True)),
        "owner": enrol_totp(case_file.owner),
        "admin": enrol_totp(UserFactory(agency_admin=True)),
        "analyst": enrol_totp(UserFactory(analyst=True)),
    }
    return {
        "case_file": case_file,
        "plan": plan,
        "measure": measure,
        "note": note,
        "result": result,
        "users": users,
        "profile": case_file.profile,
    }


def _expect(**by_kind):
    """Expected status per kind; `default` for the kinds not named."""
    default = by_kind.pop("default")
    return [by_kind.get(kind, default) for kind in KINDS]


PAGES = [
    # (url name, object key, method, expected per KINDS)
    (
        "casework:caseload",
        None,
        "get",
        _expect(default=403, anonymous=302, other_agency=200, colleague=200, owner=200),
    ),
    (
        "casework:case_detail",
        "profile",
        "get",
        _expect(default=403, anonymous=302, other_agency=404, colleague=200, owner=200, admin=200),
    ),
    (
        "casework:profiling_new",
        "profile",
        "get",
        _expect(default=403, anonymous=302, other_agency=404, colleague=200, owner=200),
    ),
    (
        "casework:plan_detail",
        "plan",
        "get",
        _expect(default=403, anonymous=302, other_agency=404, colleague=200, owner=200, admin=200),
    ),
    (
        "casework:plan_pdf",
        "plan",
        "get",
        _expect(default=403, anonymous=302, other_agency=404, colleague=200, owner=200, admin=200),
    ),
    (
        "casework:intervention_note",
        "note",
        "get",
        _expect(default=403, anonymous=302, other_agency=404, colleague=404, owner=200, admin=200),
    ),
    (
        "casework:my_plan",
        None,
        "get",
        _expect(default=403, anonymous=302, jobseeker=200, person=200),
    ),
    (
        "casework:my_plan_pdf",
        None,
        "get",
        _expect(default=403, anonymous=302, jobseeker=404, person=200),
    ),
    ("casework:assignments", None, "get", _expect(default=403, anonymous=302, admin=200)),
    ("casework:factors", None, "get", _expect(default=403, anonymous=302, analyst=200)),
    (
        "casework:evidence",
        None,
        "get",
        _expect(
            default=403,
            anonymous=302,
            other_agency=200,
            colleague=200,
            owner=200,
            admin=200,
            analyst=200,
        ),
    ),
    (
        "casework:profiling_override",
        "result",
        "post",
        _expect(default=403, anonymous=302, other_agency=404, colleague=302, owner=302),
    ),
    (
        "casework:plan_create",
        "profile",
        "post",
        _expect(default=403, anonymous=302, other_agency=404, colleague=302, owner=302),
    ),
    (
        "casework:intervention_add",
        "profile",
        "post",
        _expect(default=403, anonymous=302, other_agency=404, colleague=302, owner=302, admin=302),
    ),
    (
        "casework:measure_update",
        "measure",
        "post",
        _expect(default=403, anonymous=302, other_agency=404, colleague=302, owner=302, admin=302),
    ),
    (
        "casework:plan_issue",
        "plan",
        "post",
        _expect(default=403, anonymous=302, other_agency=404, colleague=302, owner=302),
    ),
    (
        "casework:plan_close",
        "plan",
        "post",
        _expect(default=403, anonymous=302, other_agency=404, colleague=302, owner=302, admin=302),
    ),
    (
        "casework:my_plan_acknowledge",
        None,
        "post",
        _expect(default=403, anonymous=302, jobseeker=404, person=302),
    ),
    ("casework:assign", "profile", "post", _expect(default=403, anonymous=302, admin=302)),
    ("casework:balance", None, "post", _expect(default=403, anonymous=302, admin=302)),
]


@pytest.mark.parametrize(
    ("name", "key", "method", "expected"), PAGES, ids=[page[0].split(":")[1] for page in PAGES]
)
@pytest.mark.parametrize("kind", KINDS)
def test_permissions(client, world, name, key, method, expected, kind):
    user = world["users"][kind]
    if user is not None:
        client.force_login(user)
    url = reverse(name, args=[world[key].pk] if key else [])
    response = getattr(client, method)(url)
    assert response.status_code == expected[KINDS.index(kind)]
    if kind == "anonymous":
        assert reverse("account_login") in response["Location"]


def test_sensitive_note_is_hidden_from_colleagues_and_each_read_is_audited(client, world):
    note = world["note"]
    client.force_login(world["users"]["colleague"])
    page = client.get(reverse("casework:case_detail", args=[world["profile"].pk]))
    assert note.note not in page.content.decode()
    assert "only the case owner" in page.content.decode()
    client.force_login(world["users"]["owner"])
    page = client.get(reverse("casework:case_detail", args=[world["profile"].pk]))
    assert note.note not in page.content.decode()  # a link, not the note itself
    response = client.get(reverse("casework:intervention_note", args=[note.pk]))
    assert note.note in response.content.decode()
    entries = AuditEntry.objects.filter(
        target_object_id=str(note.pk), action="view", target_content_type__model="intervention"
    )
    assert entries.get().actor == world["users"]["owner"]


def test_case_detail_read_is_audited(client, world):
    client.force_login(world["users"]["colleague"])
    client.get(reverse("casework:case_detail", args=[world["profile"].pk]))
    assert AuditEntry.objects.filter(
        actor=world["users"]["colleague"], action="view", target_object_id=str(world["profile"].pk)
    ).exists()


def test_measure_without_deadline_shows_the_message_and_adds_nothing(client, world):
    client.force_login(world["users"]["owner"])
    plan = world["plan"]
    before = plan.measures.count()
    response = client.post(
        reverse("casework:plan_detail", args=[plan.pk]),
        {
            "measure_type": world["measure"].measure_type_id,
            "responsible": world["users"]["owner"].pk,
            "deadline": "",
        },
        follow=True,
    )
    assert "A measure needs a responsible person and a deadline." in response.content.decode()
    assert plan.measures.count() == before


def test_measure_with_deadline_is_added(client, world):
    client.force_login(world["users"]["owner"])
    plan = world["plan"]
    deadline = timezone.localdate() + datetime.timedelta(days=5)
    client.post(
        reverse("casework:plan_detail", args=[plan.pk]),
        {
            "measure_type": world["measure"].measure_type_id,
            "responsible": world["users"]["owner"].pk,
            "deadline": deadline.isoformat(),
        },
    )
    assert plan.measures.filter(deadline=deadline).exists()


def test_a_change_made_through_a_page_keeps_the_client_address_in_the_trail(client, world):
    client.force_login(world["users"]["owner"])
    plan = world["plan"]
    client.post(
        reverse("casework:plan_detail", args=[plan.pk]),
        {
            "measure_type": world["measure"].measure_type_id,
            "responsible": world["users"]["owner"].pk,
            "deadline": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
        },
        REMOTE_ADDR="192.0.2.44",
    )
    entry = AuditEntry.objects.get(action="update", target_object_id=str(plan.pk))
    assert (entry.actor, entry.ip) == (world["users"]["owner"], "192.0.2.44")


def test_override_without_reason_shows_the_message(client, world):
    client.force_login(world["users"]["owner"])
    response = client.post(
        reverse("casework:profiling_override", args=[world["result"].pk]),
        {"level": "hard", "reason": ""},
        follow=True,
    )
    assert "Write the reason for overriding the level." in response.content.decode()
    world["case_file"].refresh_from_db()
    assert world["case_file"].level == "easy"


def test_profiling_through_the_form(client, world):
    client.force_login(world["users"]["owner"])
    page = client.get(reverse("casework:profiling_new", args=[world["profile"].pk]))
    form = page.context["form"]
    data = {
        f"factor_{factor.pk}": factor.options.order_by("-points").first().pk
        for factor in form.factors
    }
    client.post(reverse("casework:profiling_new", args=[world["profile"].pk]), data)
    world["case_file"].refresh_from_db()
    assert world["case_file"].level == "very_hard"


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        (
            "en",
            ["Level of education", "Higher education", "Vocational information and counselling"],
            ["Nivelul de educație", "Studii superioare", "Informare și consiliere profesională"],
        ),
        (
            "ro",
            ["Nivelul de educație", "Studii superioare", "Informare și consiliere profesională"],
            ["Level of education", "Higher education", "Vocational information and counselling"],
        ),
    ],
)
def test_questions_answers_and_measures_are_in_the_readers_language(
    client, world, language, shown, hidden
):
    """The questionnaire and the catalogue are data stored in both languages (puls.translated)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(world["users"]["owner"])
    pages = [
        client.get(reverse("casework:profiling_new", args=[world["profile"].pk])),
        client.get(reverse("casework:plan_detail", args=[world["plan"].pk])),
    ]
    html = "".join(page.content.decode() for page in pages)
    for text in shown:
        assert text in html
    for text in hidden:
        assert text not in html


def test_the_person_acknowledges_their_plan(client, world):
    client.force_login(world["users"]["person"])
    page = client.get(reverse("casework:my_plan"))
    assert world["plan"].goal in page.content.decode()
    client.post(reverse("casework:my_plan_acknowledge"))
    world["plan"].refresh_from_db()
    assert world["plan"].status == "acknowledged"


def test_plan_pdf_holds_the_measures(client, world):
    from io import BytesIO

    from pypdf import PdfReader

    client.force_login(world["users"]["owner"])
    response = client.get(reverse("casework:plan_pdf", args=[world["plan"].pk]))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert world["plan"].goal in text
    # the measure, in the reader's language (English), wrapped in its table cell
    assert "Vocational" in text


def test_plan_pdf_is_an_official_document_whose_text_stays_on_the_page(client, world):
    plan = world["plan"]
    # a goal with a web address and a word longer than the page is wide
    plan.goal = "Vezi https://www.anofm.ro/" + "oferte-" * 40 + " și " + "x" * 160
    plan.save(update_fields=["goal"])
    client.force_login(world["users"]["owner"])
    response = client.get(reverse("casework:plan_pdf", args=[plan.pk]))
    text = assert_pdf_document(
        response.content, header=[plan.case_file.profile.agency.name, f"No. {plan.pk}"]
    )
    assert "oferte-" in text


def test_caseload_queries_do_not_grow_with_clients(client, world, django_assert_max_num_queries):
    owner = world["users"]["owner"]
    client.force_login(owner)
    for _ in range(6):
        PlanMeasureFactory(plan=PlanFactory(case_file=CaseFileFactory(owner=owner)), overdue=True)
    # 18: the page's sections, each one query whatever the number of clients (the employers to
    # contact again and the header's unread-notifications count are the two latest).
    with django_assert_max_num_queries(18):
        response = client.get(reverse("casework:caseload"))
    assert response.status_code == 200
    assert len(response.context["overdue"]) == 6
    assert PlanMeasure.objects.count() == 7


def test_admin_assigns_and_balances(client, world):
    admin = world["users"]["admin"]
    client.force_login(admin)
    waiting = JobseekerProfileFactory.create_batch(2)
    client.post(reverse("casework:balance"))
    assert all(p.case_file.owner_id for p in waiting)
    response = client.post(
        reverse("casework:assign", args=[waiting[0].pk]),
        {"owner": world["users"]["colleague"].pk},
        follow=True,
    )
    assert "The case owner has been set." in response.content.decode()


def _weights_data(form, **changes):
    data = {name: field.initial for name, field in form.fields.items()}
    data.update(changes)
    return data


def test_analyst_edits_weights_and_bad_thresholds_are_refused(client, enrol_totp):
    from casework.models import LevelThreshold, ProfilingFactor

    client.force_login(enrol_totp(UserFactory(analyst=True)))
    url = reverse("casework:factors")
    form = client.get(url).context["form"]
    age = ProfilingFactor.objects.get(code="age_band")
    response = client.post(url, _weights_data(form, threshold_hard="4"), follow=True)
    assert "The thresholds must start at 0 and rise strictly" in response.content.decode()
    assert LevelThreshold.objects.get(level="hard").min_score == 9
    client.post(url, _weights_data(form, **{f"weight_{age.pk}": "2.5"}))
    age.refresh_from_db()
    assert str(age.weight) == "2.50"


def test_my_dossier_shows_the_issued_plan_only(client, world):
    client.force_login(world["profile"].user)
    html = client.get(reverse("jobseekers:dossier")).content.decode()
    assert world["plan"].goal in html and 'data-testid="acknowledge"' in html

    draft = PlanFactory()
    client.force_login(draft.case_file.profile.user)
    html = client.get(reverse("jobseekers:dossier")).content.decode()
    assert draft.goal not in html
    assert "has not given you an individual mediation plan yet" in html


def test_assignment_page_queries_do_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world["users"]["admin"])
    JobseekerProfileFactory.create_batch(8)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("casework:assignments"))
    assert response.context["unassigned"].paginator.count == 9  # 8 + the "jobseeker" user


def test_admin_reassigns_from_the_case_file(client, world):
    client.force_login(world["users"]["admin"])
    colleague = world["users"]["colleague"]
    response = client.post(
        reverse("casework:assign", args=[world["profile"].pk]),
        {"owner": colleague.pk, "reason": "Concediu", "next": "case"},
    )
    assert response["Location"] == reverse("casework:case_detail", args=[world["profile"].pk])
    world["case_file"].refresh_from_db()
    assert world["case_file"].owner == colleague
    assert world["case_file"].assignments.get().reason == "Concediu"


def test_get_of_case_detail_and_profiling_form_creates_no_case_file(client, world):
    from casework.models import CaseFile

    profile = JobseekerProfileFactory(agency=world["profile"].agency)
    client.force_login(world["users"]["colleague"])
    page = client.get(reverse("casework:case_detail", args=[profile.pk]))
    assert page.status_code == 200
    assert "Not profiled yet" in page.content.decode()
    assert client.get(reverse("casework:profiling_new", args=[profile.pk])).status_code == 200
    assert not CaseFile.objects.filter(profile=profile).exists()


# --- One person, one page: the case file and the dossier as two tabs of one address ---------------


def test_the_case_tab_and_the_dossier_tab_link_each_other(client, world):
    client.force_login(world["users"]["colleague"])
    url = reverse("casework:case_detail", args=[world["profile"].pk])

    case = client.get(url)
    dossier = client.get(url, {"fila": "dosar"})

    assert case.context["tab"] == "case" and dossier.context["tab"] == "dossier"
    for page in (case, dossier):
        html = page.content.decode()
        assert f'href="{url}"' in html and f'href="{url}?fila=dosar"' in html
    assert 'id="profiling-heading"' in case.content.decode()
    assert 'id="profiling-heading"' not in dossier.content.decode()
    assert 'id="education-heading"' in dossier.content.decode()
    assert world["profile"].cnp not in dossier.content.decode()


@pytest.mark.parametrize("tab", ["", "dosar", "x" * 300])
def test_every_tab_of_the_person_page_is_one_audited_read(client, world, tab):
    client.force_login(world["users"]["colleague"])
    response = client.get(
        reverse("casework:case_detail", args=[world["profile"].pk]), {"fila": tab}
    )

    assert response.status_code == 200
    reads = AuditEntry.objects.filter(
        actor=world["users"]["colleague"], target_object_id=str(world["profile"].pk)
    )
    assert [entry.action for entry in reads] == ["view"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_old_dossier_address_sends_staff_to_the_dossier_tab(client, world, kind):
    user = world["users"][kind]
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("jobseekers:staff_dossier", args=[world["profile"].pk]))

    expected = {"anonymous": 302, "other_agency": 302, "colleague": 302, "owner": 302, "admin": 302}
    assert response.status_code == expected.get(kind, 403)
    if kind == "anonymous":
        assert reverse("account_login") in response["Location"]
    elif response.status_code == 302:
        target = reverse("casework:case_detail", args=[world["profile"].pk]) + "?fila=dosar"
        assert response["Location"] == target
        assert client.get(target).status_code == (404 if kind == "other_agency" else 200)


def test_a_closed_account_shows_only_its_dossier(client, world):
    from jobseekers.models import AccountState

    profile = world["profile"]
    profile.account_state = AccountState.CLOSED
    profile.save(update_fields=["account_state"])
    client.force_login(world["users"]["admin"])

    response = client.get(reverse("casework:case_detail", args=[profile.pk]))

    assert response.status_code == 200 and response.context["tab"] == "dossier"
    assert 'data-testid="tab-case"' not in response.content.decode()


@pytest.mark.parametrize("tab", ["", "dosar"])
def test_person_page_queries_do_not_grow_with_the_file(
    client, world, tab, django_assert_max_num_queries
):
    from jobseekers.models import Education
    from puls.reference.choices import EducationLevel

    client.force_login(world["users"]["owner"])
    url = reverse("casework:case_detail", args=[world["profile"].pk])
    client.get(url, {"fila": tab})  # warm the caches (content types, session)
    with django_assert_max_num_queries(40) as few:
        client.get(url, {"fila": tab})
    for _n in range(5):
        InterventionFactory(case_file=world["case_file"])
        Education.objects.create(profile=world["profile"], level=EducationLevel.BACHELOR)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url, {"fila": tab})


def test_a_superuser_without_an_agency_is_told_balancing_is_an_agency_task(client, enrol_totp):
    superuser = enrol_totp(UserFactory(is_superuser=True))
    client.force_login(superuser)
    response = client.post(reverse("casework:balance"), follow=True)
    assert response.status_code == 200
    assert "Cases are shared out within one agency, by its administrator." in (
        response.content.decode()
    )
