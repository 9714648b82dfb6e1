"""allauth adapter: account e-mails go through the e-mail queue, name the portal and link to its
public address (PULS_SITE_URL, never the Host header of the request); sign-in lands on the
dashboard."""

from typing import Any
from urllib.parse import urlsplit, urlunsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from puls.notifications.services import email_queue, language_of, site_url

SITE_NAME = "PULS"


def site_context() -> dict[str, str]:
    """The portal's name, address and host as the account e-mails show them."""
    return {
        "site_name": SITE_NAME,
        "site_url": settings.PULS_SITE_URL.rstrip("/"),
        "site_domain": urlsplit(settings.PULS_SITE_URL).netloc,
    }


def on_site(url: str) -> str:
    """``url`` (built by allauth from the request's host) moved onto PULS_SITE_URL."""
    parts = urlsplit(url)
    return site_url(urlunsplit(("", "", parts.path, parts.query, parts.fragment)))


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("accounts:dashboard")

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        context = {
            **context,
            **site_context(),
            "email": email,
            # The links allauth puts in (activate_url, password_reset_url, signup_url).
            **{
                key: on_site(value)
                for key, value in context.items()
                if key.endswith("_url") and isinstance(value, str)
            },
        }
        # A message about an existing account (a password reset) goes in its holder's language;
        # one at sign-up, in the language the person is registering in.
        user = context.get("user")
        language = language_of(user) if getattr(user, "pk", None) else translation.get_language()
        with translation.override(language or settings.LANGUAGE_CODE):
            message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        email_queue(
            to=message.to,
            subject=message.subject,
            body=message.body,
            html_body=html_body,
            language=language or settings.LANGUAGE_CODE,
        )
