"""The network's section navigation, shown on every network page."""

from django import template

from puls.accounts.models import Role

from ..permissions import is_network_manager

register = template.Library()


@register.inclusion_tag("network/partials/nav.html", takes_context=True)
def network_nav(context, current=""):
    request = context["request"]
    user = request.user
    return {
        "current": current,
        "is_member": getattr(request, "network_representative", None) is not None,
        "is_manager": is_network_manager(user),
        "is_staff_reader": user.is_superuser or user.role in Role.staff_roles(),
    }
