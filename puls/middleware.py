"""Romanian is the portal's language unless the visitor picked another with the switch."""

from django.conf import settings
from django.utils import translation


class PreferredLanguageMiddleware:
    """Activates the language chosen through the language switch (its cookie), else Romanian.

    Django's LocaleMiddleware would follow the browser's Accept-Language header; a Romanian public
    service speaks Romanian first, whatever the browser's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
