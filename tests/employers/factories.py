"""Companies, vacancies and subsidies for tests; traits give the states:
VacancyFactory(published=True)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from stdnum.ro import cui as stdnum_cui

from employers.models import (
    Company,
    CompanyMembership,
    SubsidyAmount,
    SubsidyApplication,
    SubsidyDocumentRequirement,
    SubsidyProgramme,
    Vacancy,
    VacancyStatus,
)
from puls.reference.models import County
from tests.accounts.factories import UserFactory
from tests.reference.factories import CorOccupationFactory


def valid_cui(n):
    """A CUI with a correct control digit, different for each n."""
    body = str(1_000_000 + n)
    return body + stdnum_cui.calc_check_digit(body)


def county(code="CJ"):
    return County.objects.get(pk=code)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company
        skip_postgeneration_save = True

    cui = factory.Sequence(valid_cui)
    trade_register_number = factory.Sequence(lambda n: f"J12/{n + 1}/2015")
    name = factory.Sequence(lambda n: f"Firma de test {n} SRL")
    caen_code = "6201"
    address = "Str. Memorandumului 28"
    locality = "Cluj-Napoca"
    county = factory.LazyFunction(county)
    contact_name = "Ioana Pop"
    contact_phone = "0264 123 456"
    contact_email = "contact@firma.ro"
    status = Company.Status.PENDING

    class Params:
        verified = factory.Trait(
            status=Company.Status.VERIFIED, verified_at=factory.LazyFunction(timezone.now)
        )

    @factory.post_generation
    def admin(obj, create, extracted, **kwargs):
        """CompanyFactory(admin=user) makes ``user`` its administrator; by default a new
        employer user is."""
        if not create:
            return
        user = extracted or UserFactory(employer=True)
        CompanyMembership.objects.create(company=obj, user=user, is_admin=True)


class VacancyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vacancy

    company = factory.SubFactory(CompanyFactory, verified=True)
    cor_occupation = factory.SubFactory(CorOccupationFactory)
    title = factory.Sequence(lambda n: f"Programator {n}")
    description = "Dezvoltare de aplicații web pentru clienți din industrie."
    education_level = "bachelor"
    experience_years = 2
    county = factory.LazyFunction(county)
    locality = "Cluj-Napoca"
    posts = 2
    open_posts = factory.LazyAttribute(lambda v: v.posts)
    pay_min = Decimal("6000")
    pay_max = Decimal("9000")
    vacant_since = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = VacancyStatus.DRAFT

    class Params:
        submitted = factory.Trait(
            status=VacancyStatus.SUBMITTED, communicated_at=factory.LazyFunction(timezone.now)
        )
        published = factory.Trait(
            status=VacancyStatus.PUBLISHED,
            communicated_at=factory.LazyFunction(timezone.now),
            published_at=factory.LazyFunction(timezone.now),
        )


class SubsidyProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubsidyProgramme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Program de test {n}")
    legal_basis = "Legea nr. 76/2002, art. 80"
    eligible_categories = factory.LazyFunction(lambda: ["graduate"])
    is_open = True

    class Params:
        # A closed programme with no terms: SubsidyProgrammeFactory(closed=True).
        closed = factory.Trait(is_open=False, terms=False)

    @factory.post_generation
    def terms(obj, create, extracted, **kwargs):
        """Terms in force since 2020 (test figures); ``terms=False`` enters none."""
        if create and extracted is not False:
            SubsidyAmount.objects.create(
                programme=obj,
                amount=Decimal("2250"),
                months_paid=12,
                months_to_keep=18,
                effective_from=datetime.date(2020, 1, 1),
            )

    @factory.post_generation
    def requirements(obj, create, extracted, **kwargs):
        if create:
            for position, name in enumerate(
                extracted
                if extracted is not None
                else ["Contract de muncă", "Diploma absolventului"]
            ):
                SubsidyDocumentRequirement.objects.create(
                    programme=obj, name=name, position=position
                )


class SubsidyApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubsidyApplication

    company = factory.SubFactory(CompanyFactory, verified=True)
    programme = factory.SubFactory(SubsidyProgrammeFactory)
    category = "graduate"
