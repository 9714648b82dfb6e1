"""Romanian alphabetical order of counties and agencies: a < ă < â < b, i < î < j, s < ș < t < ț."""

import pytest

from employers.forms import JobSearchForm
from jobseekers.forms import RegistrationForm
from puls.collation import romanian_key
from puls.reference.counties import COUNTIES
from puls.reference.models import Agency, County
from reports.forms import JobseekerAnalysisForm, VacancyAnalysisForm
from tests.accounts.factories import UserFactory

# Where byte order (and most database collations) go wrong.
EXPECTED_RUNS = [
    ["Caraș-Severin", "Călărași", "Cluj", "Constanța", "Covasna"],
    ["Brașov", "Brăila", "Buzău"],
    ["Dâmbovița", "Dolj"],
    ["Ialomița", "Iași", "Ilfov"],
    ["Satu Mare", "Sălaj", "Sibiu", "Suceava"],
    ["Vaslui", "Vâlcea", "Vrancea"],
]


def in_order(names, run):
    positions = [names.index(name) for name in run]
    return positions == sorted(positions)


@pytest.mark.parametrize("run", EXPECTED_RUNS)
def test_the_key_orders_romanian_letters_after_their_base(run):
    assert sorted(reversed(run), key=romanian_key) == run


def test_the_key_ignores_case_and_the_cedilla_forms():
    assert romanian_key("ŞTEFAN")[0] == romanian_key("ștefan")[0]
    assert romanian_key("Ţara")[0] == romanian_key("țara")[0]
    assert sorted(["ța", "tz", "ta", "ș", "sz"], key=romanian_key) == ["sz", "ș", "ta", "tz", "ța"]


def test_byte_order_would_be_wrong():
    """The reason for the key: plain sorting puts Călărași after Covasna and Vâlcea last."""
    names = sorted(name for _code, name, _cnp in COUNTIES)
    assert not in_order(names, EXPECTED_RUNS[0])
    assert names[-1] == "Vâlcea"


@pytest.mark.django_db
class TestLists:
    def test_counties_come_in_romanian_order_from_the_database(self):
        names = list(County.objects.values_list("name", flat=True))
        assert len(names) == 42
        assert names == sorted(names, key=romanian_key)
        for run in EXPECTED_RUNS:
            assert in_order(names, run), run

    def test_agencies_follow_their_counties(self):
        counties = list(Agency.objects.values_list("county__name", flat=True))
        assert counties == sorted(counties, key=romanian_key)

    @pytest.mark.parametrize(
        "form_class",
        [RegistrationForm, JobSearchForm, VacancyAnalysisForm, JobseekerAnalysisForm],
        ids=lambda form_class: form_class.__name__,
    )
    def test_forms_offer_the_counties_in_romanian_order(self, form_class):
        kwargs = (
            {"user": UserFactory(analyst=True)} if form_class.__module__ == "reports.forms" else {}
        )
        form = form_class(**kwargs)
        choices = [label for value, label in form.fields["county"].choices if value]
        assert len(choices) == 42
        assert choices == sorted(choices, key=romanian_key)
        assert in_order(choices, EXPECTED_RUNS[0]) and in_order(choices, EXPECTED_RUNS[-1])

    def test_an_explicit_order_still_wins(self):
        codes = list(County.objects.order_by("code").values_list("code", flat=True))
        assert codes == sorted(codes)

    def test_related_lists_keep_the_order(self):
        from tests.jobseekers.factories import JobseekerProfileFactory

        profile = JobseekerProfileFactory()
        profile.wished_counties.set(County.objects.filter(code__in=["CV", "CL", "CJ", "CS", "CT"]))
        names = [county.name for county in profile.wished_counties.all()]
        assert names == EXPECTED_RUNS[0]
