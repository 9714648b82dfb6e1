"""`{% load esco %}`: ESCO labels marked with their language (`{{ skill|esco_label }}`)."""

from django import template

from puls.reference.labels import LanguageLabel, concept_label, lang_attribute, page_language
from puls.reference.models import LabelledConcept

register = template.Library()


@register.filter
def esco_label(concept):
    """The concept's label in the page's language, else English inside <span lang="en">.

    Anything that is not a concept (a label already made, an empty value) passes unchanged.
    """
    if isinstance(concept, LabelledConcept):
        return concept_label(concept)
    return concept


@register.filter
def lang_attr(concept):
    """` lang="en"` for an <option> or another element that holds only the concept's label."""
    if isinstance(concept, LabelledConcept):
        return lang_attribute(concept)
    return ""


@register.filter
def label_in(text, language):
    """A label kept as text with its language (as a stored snapshot has it), marked like
    `esco_label`; without a language it is taken to be in the page's."""
    if not text:
        return text
    return LanguageLabel(str(text), language or page_language())
