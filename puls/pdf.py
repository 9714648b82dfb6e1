"""PDF documents: a template rendered to HTML, then printed by WeasyPrint.

Every document extends ``templates/pdf/base.html``: the official header (ANOFM, the agency's
name and address, the registration number where the document has one), page numbers, text that
wraps inside the page and no lone lines at a page's top or bottom."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML


def render_pdf(template: str, context: dict[str, Any], *, language: str | None = None) -> bytes:
    """The PDF of ``template`` with ``context``; in ``language`` when given (official documents
    are written in the portal's language whoever asks), else in the active one."""
    with translation.override(language or translation.get_language()):
        html = render_to_string(template, {"LANGUAGE_CODE": translation.get_language(), **context})
    return HTML(string=html).write_pdf()
