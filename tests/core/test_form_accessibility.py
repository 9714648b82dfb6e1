"""Forms after a failed submit (error summary, title), unique ids and labels, named buttons, and
radio groups without a pre-ticked blank choice."""

import re
from collections import Counter

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from casework import services as casework_services
from jobseekers.forms import IdentityForm, SkillForm
from tests.casework.factories import CaseFileFactory, answers_with
from tests.jobseekers.factories import JobseekerProfileFactory, SlotFactory

pytestmark = pytest.mark.django_db


class ExampleForm(forms.Form):
    name = forms.CharField(label="Name")
    colour = forms.ChoiceField(
        label="Colour", choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect
    )
    secret = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("The form as a whole is wrong.")


SUMMARY = "{% form_errors_found as found %}[{{ found }}]{% error_summary %}"


def summary(**context):
    return Template(SUMMARY).render(Context(context))


def test_summary_links_every_error_to_its_field():
    form = ExampleForm(data={}, auto_id="example_%s")

    html = summary(form=form)

    assert "[True]" in html
    assert "data-error-summary" in html and 'tabindex="-1"' in html
    assert 'href="#example_name"' in html  # a text input: its own id
    assert 'href="#example_colour_0"' in html  # a radio group: its first radio
    assert "The form as a whole is wrong." in html  # not tied to a field: no link
    assert 'href="#example_secret"' not in html  # a hidden field has nothing to focus


def test_summary_covers_formsets_and_ignores_unbound_or_valid_forms():
    ExampleFormSet = forms.formset_factory(forms.Form, extra=0, min_num=2, validate_min=True)
    formset = ExampleFormSet(data={"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "0"})

    html = summary(formset=formset, blank=ExampleForm())

    assert "[True]" in html
    assert "2" in html  # "Please submit at least 2 forms."

    assert "[False]" in summary(form=ExampleForm())


@pytest.mark.romanian
def test_failed_sign_up_gets_title_prefix_and_summary(client):
    response = client.post(reverse("account_signup"), {"email": "not an address"})

    page = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1).strip()
    assert title.startswith("Eroare: ")
    assert "Există o problemă" in page
    assert 'href="#id_email"' in page and 'href="#id_password1"' in page
    assert "js/error-summary.js" in page


def test_pages_without_errors_have_no_prefix_and_no_summary(client):
    page = client.get(reverse("account_signup")).content.decode()

    assert "<title>Eroare" not in page and "data-error-summary" not in page


def test_case_page_ids_are_unique_and_the_note_has_its_label(client, enrol_totp):
    case_file = CaseFileFactory()
    casework_services.profiling_record(
        case_file=case_file, answers=answers_with({}), by=case_file.owner
    )
    client.force_login(enrol_totp(case_file.owner))

    page = client.get(reverse("casework:case_detail", args=[case_file.profile.pk])).content.decode()

    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [name for name, count in ids.items() if count > 1] == []
    assert 'for="intervention_note"' in page and 'id="intervention_note"' in page
    assert 'for="referral_note"' in page


def test_slot_buttons_name_their_time(client):
    profile = JobseekerProfileFactory()
    slot = SlotFactory()
    client.force_login(profile.user)

    page = client.get(
        reverse("jobseekers:appointments"),
        {"purpose": slot.purpose, "zi": timezone.localdate(slot.start).isoformat()},
    ).content.decode()

    table = page[page.index('data-testid="free-slots"') :]
    button = re.search(r'<a class="btn[^>]*>(.*?)</a>', table, re.S).group(1)
    assert '<span class="visually-hidden">' in button
    assert re.search(r"\d{2}:\d{2}–\d{2}:\d{2}", button)


@pytest.mark.parametrize(("form_class", "name"), [(IdentityForm, "status"), (SkillForm, "level")])
def test_required_radio_groups_have_no_blank_choice(form_class, name):
    field = form_class().fields[name]

    assert isinstance(field.widget, forms.RadioSelect)
    assert "" not in [value for value, _label in field.choices]
    assert 'value=""' not in str(form_class()[name])
