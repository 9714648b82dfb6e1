"""Portal-wide request handling: the language, session time limits, private caching, and
refusing bytes no person sends."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from puls.accounts.sessions import SEEN_AT, SIGNED_IN_AT, session_limits


class PreferredLanguageMiddleware:
    """Activates the language chosen through the language switch (its cookie), else Romanian.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a Romanian public
    service speaks Romanian first, whatever the browser's language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class PrivateCacheMiddleware:
    """Nothing shown to a signed-in user is kept by a browser or a shared cache.

    Pages, fragments and exports of a signed-in user carry personal data (names, CNPs, dossiers):
    `Cache-Control: private, no-store` keeps them out of proxies and off the disk of a shared
    computer, and the back button after signing out shows nothing. A view that chose its own
    Cache-Control keeps it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated and "Cache-Control" not in response:
            response["Cache-Control"] = "private, no-store"
        return response


class SessionLimitsMiddleware:
    """Ends a session that has been idle too long or has lasted too long (staff: 30 min, 12 h).

    The moments come from the session (puls.accounts.sessions); the last-seen moment is written at
    most once a minute, so browsing does not turn every request into a session write.
    """

    SEEN_RESOLUTION = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            idle, absolute = session_limits(request.user)
            now = time.time()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT, now)
            seen_at = session.setdefault(SEEN_AT, now)
            if (idle and now - seen_at > idle) or (absolute and now - signed_in_at > absolute):
                return self._expired(request)
            if now - seen_at >= self.SEEN_RESOLUTION:
                session[SEEN_AT] = now
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> HttpResponse:
        next_url = request.get_full_path()
        logout(request)
        messages.info(request, _("Your session has expired. Please sign in again."))
        if request.headers.get("HX-Request"):
            return HttpResponseClientRedirect(redirect_to_login(next_url).url)
        return redirect_to_login(next_url)


def _has_nul(text: str) -> bool:
    return "\x00" in text


class RefuseNulBytesMiddleware:
    """Answers 400 (the portal's error page) to a request with a NUL byte in its path or in any
    parameter: query string and form keys and values, and the field names of uploads.

    No person types a NUL byte; PostgreSQL refuses them in text, so letting one through turns a
    search, an autocomplete or a form into a server error. Checking here, once, covers every view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._carries_nul(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request: HttpRequest) -> bool:
        if _has_nul(request.path_info):
            return True
        parameters: list[MultiValueDict] = [request.GET]
        if request.method == "POST":
            try:
                parameters += [request.POST, request.FILES]
            except (MultiPartParserError, UnreadablePostError):
                return False  # Django answers 400 for these itself
        for query in parameters:
            for key, values in query.lists():
                if _has_nul(key):
                    return True
                # (uploaded files' names need no check: Django's parser drops every
                # non-printable character from them)
                if any(isinstance(value, str) and _has_nul(value) for value in values):
                    return True
        return False
