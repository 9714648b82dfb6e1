"""Factories of the news: announcements, newsletters and subscriptions."""

import factory
from django.utils import timezone

from news.models import Announcement, Audience, Newsletter, Subscription
from puls.reference.models import County
from tests.accounts.factories import UserFactory


def county(code="CJ"):
    return County.objects.get(pk=code)


class AnnouncementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Announcement

    title = factory.Sequence(lambda n: f"Bursa locurilor de muncă {n}")
    body = "Agenția organizează bursa locurilor de muncă.\n\nVă așteptăm la sediul agenției."
    audience = Audience.EVERYONE
    county = None
    created_by = factory.SubFactory(UserFactory, analyst=True)

    class Params:
        published = factory.Trait(status=Announcement.Status.PUBLISHED)
        withdrawn = factory.Trait(status=Announcement.Status.WITHDRAWN)


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter

    subject = factory.Sequence(lambda n: f"Buletinul informativ nr. {n}")
    body = "Programe noi de formare.\n\nSubvenții pentru angajatori."
    audience = Audience.EVERYONE
    county = None
    created_by = factory.SubFactory(UserFactory, analyst=True)


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    email = factory.Sequence(lambda n: f"abonat{n}@example.ro")
    audience = Audience.EVERYONE
    county = None
    confirmed_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(confirmed_at=None)
        unsubscribed = factory.Trait(unsubscribed_at=factory.LazyFunction(timezone.now))
