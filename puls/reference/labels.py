"""Concept labels that know their language, so a page marks an English ESCO label lang="en".

The ESCO labels shipped are English; a Romanian page shows them where the Romanian package has
not been loaded. WCAG 3.1.2 asks that such a passage carry its language: `LanguageLabel` is the
label as a string (for JSON, CSV, e-mail subjects, sorting) whose HTML form, the one templates and
`format_html` use, wraps it in `<span lang="en" class="puls-lang-other">` when it is not in the
language of the page being rendered. The `esco_label` template filter is the one way templates
show a concept's label.
"""

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

FOREIGN_LABEL_CLASS = "puls-lang-other"


def page_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


class LanguageLabel(str):
    """A label and the language it is written in."""

    language: str

    # The default lets pickle rebuild one (it passes the text only, then restores `language`).
    def __new__(cls, text: str, language: str = "en") -> "LanguageLabel":
        label = super().__new__(cls, text)
        label.language = language
        return label

    @property
    def is_foreign(self) -> bool:
        """Whether it is in another language than the page rendered now."""
        return self.language != page_language()

    def __html__(self) -> SafeString:
        text = str.__str__(self)
        if not self.is_foreign:
            return SafeString(escape(text))
        return format_html(
            '<span lang="{}" class="{}">{}</span>', self.language, FOREIGN_LABEL_CLASS, text
        )


def concept_label(concept, language: str | None = None) -> LanguageLabel:
    """The label of a LabelledConcept in `language` (default: the page's), with its language."""
    text, text_language = concept.label_in(language)
    return LanguageLabel(text, text_language)


def lang_attribute(concept) -> SafeString:
    """` lang="en"` for an element whose whole text is the concept's label in another language
    (an <option>, where no <span> may go), else nothing."""
    label = concept_label(concept)
    if not label.is_foreign:
        return SafeString("")
    return format_html(' lang="{}"', label.language)
