"""Factories of the partner network: organisations, representatives, meetings, minutes."""

from datetime import timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from network.models import (
    Action,
    AgendaItem,
    DiscussionGroup,
    JointProject,
    LibraryItem,
    Meeting,
    MemberEvent,
    Minutes,
    Organisation,
    Representative,
    Scope,
    Thread,
    search_key,
)
from puls.documents.services import document_create
from puls.reference.models import County
from tests.accounts.factories import UserFactory

PDF = (
    b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
)


def pdf_upload(name="acord.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class DocumentFactory(factory.Factory):
    class Meta:
        model = dict

    @classmethod
    def _create(cls, model_class, owner=None, name="acord.pdf", **kwargs):
        return document_create(owner=owner or UserFactory(), uploaded_file=pdf_upload(name))

    _build = _create


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Asociația Partener {n}")
    kind = Organisation.Kind.NGO
    county = factory.LazyFunction(lambda: County.objects.get(pk="CJ"))
    scope = Scope.COUNTY
    address = "Str. Memorandumului 1, Cluj-Napoca"
    email = factory.Sequence(lambda n: f"contact{n}@partener.ro")
    activity = "Consiliere și formare profesională pentru tineri."
    submitted_by = factory.SubFactory(UserFactory)
    agreement = factory.LazyAttribute(lambda o: DocumentFactory(owner=o.submitted_by))
    status = Organisation.Status.APPROVED
    joined_at = factory.LazyFunction(timezone.now)

    class Params:
        pending = factory.Trait(status=Organisation.Status.PENDING, joined_at=None)


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory, network_member=True)
    position = "Director de programe"
    network_role = "Reprezentant"
    task = "Participă la întâlniri și diseminează informațiile în organizație."
    phone = "0264 000 000"


def member(**kwargs):
    """A network member: a NETWORK_MEMBER user representing an approved organisation."""
    return RepresentativeFactory(**kwargs).user


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Întâlnirea rețelei nr. {n}")
    description = "Întâlnire trimestrială a rețelei de colaborare."
    scope = Scope.NATIONAL
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    location = "Sala de conferințe AJOFM Cluj, Str. Lupeni 1"
    organiser = factory.SubFactory(UserFactory, analyst=True)

    class Params:
        published = factory.Trait(
            status=Meeting.Status.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )
        past = factory.Trait(
            status=Meeting.Status.PUBLISHED,
            starts_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=3)),
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=10)),
        )

    @factory.post_generation
    def agenda(obj, create, extracted, **kwargs):
        if not create:
            return
        titles = extracted if extracted is not None else ["Deschidere", "Tendințe pe piața muncii"]
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=obj, position=i, title=title, presenter="Radu Stoica", duration_minutes=30
            )
            for i, title in enumerate(titles, start=1)
        )


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory, past=True)
    written_by = factory.LazyAttribute(lambda o: o.meeting.organiser)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    minutes = factory.SubFactory(MinutesFactory)
    description = "Convoacă grupul de lucru județean"
    owner = "AJOFM Cluj"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class LibraryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LibraryItem

    title = factory.Sequence(lambda n: f"Studiu privind ocuparea {n}")
    kind = LibraryItem.Kind.STUDY
    summary = "Analiza pieței muncii în regiunea Nord-Vest."
    url = "https://www.anofm.ro/studiu.pdf"
    shared_by = factory.SubFactory(UserFactory, analyst=True)
    scope = Scope.NATIONAL
    search_text = factory.LazyAttribute(lambda o: search_key(f"{o.title} {o.summary}"))


class DiscussionGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiscussionGroup

    name = factory.Sequence(lambda n: f"Grupul județean Cluj {n}")
    scope = Scope.COUNTY
    county = factory.LazyFunction(lambda: County.objects.get(pk="CJ"))


class ThreadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thread

    group = factory.SubFactory(DiscussionGroupFactory)
    title = "Locuri de muncă sezoniere"
    body = "Ce experiențe aveți cu angajările sezoniere?"
    author = factory.SubFactory(UserFactory, analyst=True)


class JointProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointProject

    kind = JointProject.Kind.TRAINING
    title = factory.Sequence(lambda n: f"Instruire comună nr. {n}")
    description = "Zece sesiuni pentru tinerii NEET."
    proposed_by = factory.SubFactory(OrganisationFactory)
    author = factory.SubFactory(UserFactory, network_member=True)


class MemberEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MemberEvent

    organisation = factory.SubFactory(OrganisationFactory)
    author = factory.SubFactory(UserFactory, network_member=True)
    title = factory.Sequence(lambda n: f"Bursa locurilor de muncă nr. {n}")
    description = "Angajatori din Cluj."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=3))
    place = "Sala Polivalentă, Cluj-Napoca"
    capacity = 50
