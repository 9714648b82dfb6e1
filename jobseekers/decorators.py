"""View decorators of the jobseekers' own pages (here and on their home pages in portal/)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import selectors


def profile_required(view):
    """The person must have completed registration; otherwise they are sent to do it."""

    def wrapped(request, *args, **kwargs):
        profile = selectors.profile_of(request.user)
        if profile is None:
            messages.info(request, _("First complete your registration."))
            return redirect("jobseekers:register")
        return view(request, profile, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped
