"""The one job search and vacancy page, for everyone: a signed-in jobseeker also sees what they
saved, "I am interested" and their saved searches. The search itself (stored-vector ranking, capped
count) is employers.selectors.job_search; this page only adds the person's marks."""

import json

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from employers import jobposting
from employers import selectors as employer_selectors
from employers.forms import JobSearchForm
from jobseekers import selectors as jobseeker_selectors
from jobseekers.forms import SavedSearchForm
from puls.accounts.permissions import can
from puls.views import paginate

PAGE_SIZE = 20


@require_GET
def home(request):
    """The home page leads with the job search: what, and in which county."""
    return render(request, "home.html", {"search_form": JobSearchForm()})


def _person(user):
    """The signed-in jobseeker's profile, when they may act on jobs (None for everyone else)."""
    return jobseeker_selectors.profile_of(user) if can(user, "jobseekers:act_on_jobs") else None


@require_GET
def job_search(request):
    form = JobSearchForm(request.GET or None)
    if not form.is_bound:
        vacancies = employer_selectors.job_search()
    elif form.is_valid():
        vacancies = employer_selectors.job_search(
            **form.criteria(), order=form.cleaned_data["order"] or "relevance"
        )
    else:
        vacancies = employer_selectors.published_vacancies().none()
    page = paginate(
        request,
        vacancies,
        per_page=PAGE_SIZE,
        count_limit=employer_selectors.JOB_SEARCH_COUNT_LIMIT,
    )
    person = _person(request.user)
    saved, interested = jobseeker_selectors.job_marks_of(person, [vacancy.pk for vacancy in page])
    return render(
        request,
        "portal/job_search.html",
        {
            "form": form,
            "page_obj": page,
            "rows": [(vacancy, vacancy.pk in saved, vacancy.pk in interested) for vacancy in page],
            "count_limit": employer_selectors.JOB_SEARCH_COUNT_LIMIT,
            "person": person,
            "save_form": SavedSearchForm(name_required=False)
            if person is not None and form.is_bound and form.is_valid()
            else None,
        },
    )


@require_GET
def job_detail(request, pk):
    vacancy = get_object_or_404(
        employer_selectors.published_vacancies().select_related(
            "esco_occupation", "company__county__agency"
        ),
        pk=pk,
    )
    data = jobposting.job_posting(vacancy, url=request.build_absolute_uri())
    person = _person(request.user)
    saved, interested = jobseeker_selectors.job_marks_of(person, [vacancy.pk])
    return render(
        request,
        "portal/job_detail.html",
        {
            "vacancy": vacancy,
            "skills": vacancy.vacancy_skills.select_related("skill"),
            "languages": vacancy.languages.all(),
            "json_ld": json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"),
            "person": person,
            "saved": vacancy.pk in saved,
            "interested": vacancy.pk in interested,
        },
    )
