"""Labels that know their language: marked lang="en" in HTML on a page in another language,
plain text everywhere else (JSON, CSV, pickled report results)."""

import json
import pickle

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.html import conditional_escape

from puls.reference.labels import LanguageLabel, concept_label

from .factories import SkillFactory

pytestmark = pytest.mark.django_db


def render(source, **context):
    return Template("{% load esco %}" + source).render(Context(context))


def test_an_english_label_is_marked_on_a_romanian_page_only():
    skill = SkillFactory(preferred_labels={"en": "lay bricks <fast>"})
    with translation.override("ro"):
        assert render("{{ skill|esco_label }}", skill=skill) == (
            '<span lang="en" class="puls-lang-other">lay bricks &lt;fast&gt;</span>'
        )
    with translation.override("en"):
        assert render("{{ skill|esco_label }}", skill=skill) == "lay bricks &lt;fast&gt;"


def test_the_romanian_label_is_preferred_and_not_marked():
    skill = SkillFactory(preferred_labels={"en": "lay bricks", "ro": "zidirea cărămizilor"})
    with translation.override("ro"):
        assert render("{{ skill|esco_label }}", skill=skill) == "zidirea cărămizilor"
        assert render("<option{{ skill|lang_attr }}>", skill=skill) == "<option>"
    with translation.override("en"):
        assert render("{{ skill|esco_label }}", skill=skill) == "lay bricks"


def test_an_option_carries_the_mark_as_its_attribute():
    skill = SkillFactory(preferred_labels={"en": "lay bricks"})
    with translation.override("ro"):
        assert render("<option{{ skill|lang_attr }}>", skill=skill) == '<option lang="en">'


def test_a_stored_label_is_marked_by_the_language_kept_with_it():
    with translation.override("ro"):
        assert render("{{ text|label_in:'en' }}", text="weld") == (
            '<span lang="en" class="puls-lang-other">weld</span>'
        )
        assert render("{{ text|label_in:'' }}", text="sudură") == "sudură"


def test_outside_html_a_label_is_plain_text():
    with translation.override("ro"):
        label = concept_label(SkillFactory(preferred_labels={"en": "weld"}))
        assert conditional_escape(label).startswith('<span lang="en"')
    assert (label, label.language) == ("weld", "en")
    assert json.dumps({"skill": label}) == '{"skill": "weld"}'
    assert f"{label}!" == "weld!" and str(label) == "weld"
    copy = pickle.loads(pickle.dumps(label))
    assert (copy, copy.language, type(copy)) == ("weld", "en", LanguageLabel)
