"""The latest announcements on the home page: ``{% load news %}{% latest_news %}``."""

from django import template

from news.selectors import announcements_for

register = template.Library()


@register.inclusion_tag("news/partials/latest.html", takes_context=True)
def latest_news(context, count=3):
    user = context["request"].user
    return {"announcements": list(announcements_for(user)[:count])}
