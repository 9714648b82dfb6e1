"""Help-desk requests and questions, for tests."""

import factory
from django.utils import timezone

from helpdesk import services
from helpdesk.models import Audience, Category, FaqEntry, HelpRequest, Proposal
from puls.reference.models import Agency, County


class HelpRequestFactory(factory.django.DjangoModelFactory):
    """A request of a visitor without an account to the Cluj agency; traits for other states."""

    class Meta:
        model = HelpRequest

    category = Category.ACCOUNT
    description = "Nu pot intra în cont după schimbarea adresei de e-mail."
    page = "/persoane/"
    contact_email = factory.Sequence(lambda n: f"vizitator{n}@example.ro")
    county = factory.LazyFunction(lambda: County.objects.get(code="CJ"))
    agency = factory.LazyAttribute(
        lambda o: (
            None
            if o.category in {"technical", "suggestion"}
            else Agency.objects.get(county=o.county)
        )
    )
    language = "ro"
    due_date = factory.LazyAttribute(lambda o: services.due_date_for(o.category))
    created_at = factory.LazyFunction(timezone.now)

    class Params:
        national = factory.Trait(category=Category.TECHNICAL)


class FaqEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqEntry

    audience = Audience.EVERYONE
    question = factory.Sequence(lambda n: f"Cum îmi schimb parola? ({n})")
    answer = "Din meniul contului: „Schimbă parola”."
    order = 0


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    help_request = factory.SubFactory(HelpRequestFactory, category=Category.SUGGESTION)
