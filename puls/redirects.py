"""Going back where a form came from, without becoming an open redirect."""

from django.http import HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme


def redirect_back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Redirect to the form's `next` field when it is a URL of this site, else to ``default``."""
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = default
    # a URL, never a view name: redirect() would try to reverse "abc" and fail with a 500
    return HttpResponseRedirect(next_url)
