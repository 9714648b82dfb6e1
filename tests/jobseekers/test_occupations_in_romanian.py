"""The dossier in Romanian: occupations picked in the COR and shown by their Romanian name, skills
suggested from the derived ESCO occupation, English ESCO labels marked lang="en"."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from jobseekers import selectors
from jobseekers.models import Experience, SkillAssessment
from puls.reference.models import OccupationSkill
from tests.reference.factories import (
    CorOccupationFactory,
    EscoOccupationFactory,
    IscoGroupFactory,
    OccupationSkillFactory,
    SkillFactory,
)

from .factories import JobseekerProfileFactory

pytestmark = pytest.mark.django_db

MARKED = '<span lang="en" class="puls-lang-other">{}</span>'


@pytest.fixture
def welding():
    group = IscoGroupFactory(code="7212", preferred_labels={"en": "Welders and flamecutters"})
    cor = CorOccupationFactory(code="721208", name="sudor", isco_group=group)
    welder = EscoOccupationFactory(isco_group=group, preferred_labels={"en": "welder"})
    EscoOccupationFactory(isco_group=group, preferred_labels={"en": "solderer"})
    essential = SkillFactory(preferred_labels={"en": "use welding equipment"})
    translated = SkillFactory(
        preferred_labels={"en": "apply arc welding techniques", "ro": "aplicarea sudurii cu arc"}
    )
    optional = SkillFactory(preferred_labels={"en": "perform metal active gas welding"})
    OccupationSkillFactory(occupation=welder, skill=essential)
    OccupationSkillFactory(occupation=welder, skill=translated)
    OccupationSkillFactory(
        occupation=welder, skill=optional, relation_type=OccupationSkill.Relation.OPTIONAL
    )
    return {"cor": cor, "welder": welder, "essential": essential, "translated": translated}


@pytest.fixture
def person(client):
    profile = JobseekerProfileFactory()
    client.force_login(profile.user)
    return profile


@pytest.mark.romanian
def test_a_wish_typed_in_romanian_is_kept_with_its_cor_name_and_esco_occupation(
    client, person, welding
):
    response = client.post(reverse("jobseekers:wished_occupation_add"), {"cor_occupation": "Sudor"})
    assert response.status_code == 302
    wish = person.occupation_wishes.get()
    assert (wish.cor_occupation, wish.escooccupation) == (welding["cor"], welding["welder"])
    assert list(person.wished_occupations.all()) == [welding["welder"]]  # what matching reads
    page = client.get(reverse("jobseekers:dossier")).content.decode()
    assert ">sudor<" in page.replace("\n", "")


@pytest.mark.romanian
def test_the_person_may_pick_another_esco_occupation_of_the_group(client, person, welding):
    solderer = welding["welder"].isco_group.esco_occupations.get(preferred_labels__en="solderer")
    form_page = client.get(reverse("jobseekers:section_add", args=["experienta"]))
    assert form_page.status_code == 200
    response = client.post(
        reverse("jobseekers:section_add", args=["experienta"]),
        {
            "cor_occupation": "721208 sudor",
            "occupation": solderer.pk,
            "employer_name": "Uzina Mecanică",
            "start_date": "2018-01-01",
        },
    )
    assert response.status_code == 302
    assert person.experience.get().occupation == solderer


@pytest.mark.romanian
def test_the_esco_choices_of_the_group_are_offered_marked_english(client, person, welding):
    response = client.post(
        reverse("jobseekers:section_add", args=["experienta"]),
        {"cor_occupation": "sudor", "employer_name": "", "start_date": "2018-01-01"},
    )
    page = response.content.decode()
    assert response.status_code == 200  # the employer is missing: the form comes back
    assert f'value="{welding["welder"].pk}" lang="en"' in page
    assert "data-cor-input" in page


@pytest.mark.romanian
def test_skills_are_suggested_from_the_occupation_profile_and_english_ones_marked(
    client, person, welding
):
    Experience.objects.create(
        profile=person,
        cor_occupation=welding["cor"],
        occupation=welding["welder"],
        employer_name="Uzina Mecanică",
        start_date="2018-01-01",
    )
    suggested = list(selectors.suggested_skills_for(person))
    assert [skill.label("en") for skill in suggested] == [
        "use welding equipment",
        "apply arc welding techniques",
        "perform metal active gas welding",  # optional ones after the essential ones
    ]
    SkillAssessment.objects.create(profile=person, skill=welding["essential"], level=3)

    page = client.get(reverse("jobseekers:dossier")).content.decode()

    assert "sudor · Uzina Mecanică" in page  # the COR name, not the English ESCO label
    assert MARKED.format("use welding equipment") in page  # a listed skill
    assert MARKED.format("perform metal active gas welding") in page  # a suggestion
    assert "aplicarea sudurii cu arc" in page  # the Romanian label wins where it exists
    assert MARKED.format("aplicarea sudurii cu arc") not in page
    assert MARKED.format("apply arc welding techniques") not in page
    # The page where a competence is added offers the same, so nobody has to type English.
    add_page = client.get(reverse("jobseekers:section_add", args=["competente"]))
    assert MARKED.format("perform metal active gas welding") in add_page.content.decode()
    assert welding["essential"] not in add_page.context["suggested_skills"]  # already listed


def test_an_english_page_marks_nothing(client, person, welding):
    SkillAssessment.objects.create(profile=person, skill=welding["essential"], level=3)
    page = client.get(reverse("jobseekers:dossier")).content.decode()
    assert "use welding equipment" in page
    assert 'lang="en" class="puls-lang-other"' not in page


def test_the_romanian_cv_marks_english_skills(person, welding):
    SkillAssessment.objects.create(profile=person, skill=welding["essential"], level=3)
    SkillAssessment.objects.create(profile=person, skill=welding["translated"], level=2)
    profile = selectors.dossier_detail(person)
    context = {"profile": profile, "person": profile.user, "language": "ro"}
    with translation.override("ro"):
        html = render_to_string("jobseekers/pdf/cv.html", context)
    assert MARKED.format("use welding equipment") in html
    assert (
        "aplicarea sudurii cu arc" in html and MARKED.format("aplicarea sudurii cu arc") not in html
    )
    assert ".puls-lang-other { font-style: italic; }" in html
