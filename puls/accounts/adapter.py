"""allauth adapter: account e-mails go through the e-mail queue; sign-in lands on the dashboard."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from puls.notifications.services import email_queue


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("accounts:dashboard")

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        email_queue(to=message.to, subject=message.subject, body=message.body, html_body=html_body)
