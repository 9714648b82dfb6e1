"""PDF documents: a template rendered to HTML, then printed by WeasyPrint."""

from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML


def render_pdf(template: str, context: dict[str, Any], *, language: str | None = None) -> bytes:
    """The PDF of ``template`` with ``context``; in ``language`` when given (official documents
    are written in the portal's language whoever asks), else in the active one."""
    if language is None:
        html = render_to_string(template, context)
    else:
        with translation.override(language):
            html = render_to_string(template, context)
    return HTML(string=html).write_pdf()
