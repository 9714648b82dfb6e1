"""The error summary of a failed submit (the GOV.UK pattern), once for every form of the portal.

templates/base.html prefixes the page title with "Eroare: " and shows, at the top of the main
content, every error of every bound form (and formset) in the page's context, each linked to its
field; static/js/error-summary.js moves the focus to the summary and from a link to its field.
"""

from dataclasses import dataclass

from django import forms, template
from django.forms.formsets import BaseFormSet

register = template.Library()

# Widgets whose label is the legend of a group: the link goes to the first option.
_GROUPED_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.MultiWidget)


@dataclass(frozen=True)
class ErrorLink:
    message: str
    target: str  # an element id in the page, or "" when the field is not shown (hidden)
    label: str = ""


def _bound_forms(context) -> list[forms.BaseForm]:
    """Every bound form of the context once, the forms of formsets included, in context order."""
    found: list[forms.BaseForm] = []
    seen: set[int] = set()

    def add(form):
        if id(form) not in seen and form.is_bound:
            seen.add(id(form))
            found.append(form)

    for value in context.flatten().values():
        if isinstance(value, forms.BaseForm):
            add(value)
        elif isinstance(value, BaseFormSet) and value.is_bound:
            for form in value.forms:
                add(form)
    return found


def _target(bound_field) -> str:
    if bound_field.is_hidden:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, _GROUPED_WIDGETS):
        return f"{bound_field.auto_id}_0" if bound_field.auto_id else ""
    return bound_field.id_for_label or bound_field.auto_id or ""


def _links(context) -> list[ErrorLink]:
    links: list[ErrorLink] = []
    formsets = [v for v in context.flatten().values() if isinstance(v, BaseFormSet)]
    for formset in formsets:
        if formset.is_bound:
            links.extend(ErrorLink(str(error), "") for error in formset.non_form_errors())
    for form in _bound_forms(context):
        if not form.errors:
            continue
        links.extend(ErrorLink(str(error), "") for error in form.non_field_errors())
        for name in form.errors:
            if name not in form.fields:
                continue
            bound_field = form[name]
            for error in bound_field.errors:
                links.append(ErrorLink(str(error), _target(bound_field), str(bound_field.label)))
    return links


@register.simple_tag(takes_context=True)
def form_errors_found(context) -> bool:
    """True when a form of the page was sent back with errors (the title says "Eroare: ")."""
    return bool(_links(context))


@register.inclusion_tag("partials/error_summary.html", takes_context=True)
def error_summary(context):
    return {"errors": _links(context)}
