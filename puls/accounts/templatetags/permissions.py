"""``{% can "mediation:propose" vacancy as may_propose %}``: a named permission in a template."""

from django import template

from puls.accounts import permissions

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, name, obj=None):
    return permissions.can(context.get("user"), name, obj)
