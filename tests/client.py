"""The test client of every test: signing in records the authentication steps allauth would."""

from django.test import Client, RequestFactory


class PortalClient(Client):
    """Django's test client whose `force_login` stands for a sign-in through allauth's form.

    allauth records in the session each authentication step it saw (password, then the
    authenticator code); the portal lets staff in only when this session passed the second
    factor. `second_factor=False` gives a session that skipped it (as Django's own admin login
    used to), for the tests of that rule.
    """

    def force_login(self, user, backend=None, *, second_factor=True):
        super().force_login(user, backend)
        from allauth.account.internal.flows.login import record_authentication

        request = RequestFactory().get("/")
        request.session = self.session
        record_authentication(request, user, method="password", email=user.email)
        if second_factor:
            record_authentication(request, user, method="mfa", type="totp")
        request.session.save()
