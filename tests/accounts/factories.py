"""Users of every role, for tests."""

import factory
from allauth.account.models import EmailAddress
from django.utils import translation

from puls.accounts.models import Role, User
from puls.reference.models import Agency

PASSWORD = "parola-de-test-2026"


def agency(county_code="CJ"):
    return Agency.objects.get(county_id=county_code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.ro")
    first_name = "Ana"
    last_name = "Popescu"
    role = Role.JOBSEEKER
    # As at sign-up: the language the user is created in (the tests' "en" override or Romanian).
    language = factory.LazyFunction(lambda: translation.get_language() or "ro")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        counsellor = factory.Trait(
            role=Role.COUNSELLOR, agency=factory.LazyFunction(lambda: agency("CJ"))
        )
        agency_admin = factory.Trait(
            role=Role.AGENCY_ADMIN, agency=factory.LazyFunction(lambda: agency("CJ"))
        )
        analyst = factory.Trait(role=Role.NATIONAL_ANALYST)
        employer = factory.Trait(role=Role.EMPLOYER)
        network_member = factory.Trait(role=Role.NETWORK_MEMBER)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Every factory user has a verified primary e-mail, as allauth requires for login."""
        obj.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, primary=True, verified=True)
