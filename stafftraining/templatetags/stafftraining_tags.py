"""The staff-training section of the indicators dashboard, as one tag the dashboard includes."""

from django import template

from stafftraining.selectors import indicator_rows

register = template.Library()


@register.inclusion_tag("stafftraining/partials/dashboard_indicators.html")
def staff_training_indicators(agency=None):
    return {"rows": indicator_rows(agency), "agency": agency}
