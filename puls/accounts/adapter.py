"""allauth adapter: sign-up is open to jobseekers and employers only; staff are created by admins."""

from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return reverse("accounts:dashboard")
