"""The views' shared toolkit: a service call's outcome as flash messages or form errors, pagination,
the values of a posted form, the audit of what a page showed."""

import pytest
from django import forms
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory

from puls.audit.models import AuditEntry
from puls.views import attachment, audit_read, paginate, posted_values, reported
from tests.accounts.factories import UserFactory


@pytest.fixture
def request_with_messages():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


class _NameForm(forms.Form):
    name = forms.CharField()


def _flashed(request):
    return [(message.level, str(message)) for message in get_messages(request)]


def test_validation_error_becomes_one_error_message_and_nothing_else(request_with_messages):
    with reported(request_with_messages, "Done."):
        raise ValidationError(["The vacancy is closed.", "Try another one."])
    assert _flashed(request_with_messages) == [
        (constants.ERROR, "The vacancy is closed. Try another one.")
    ]


def test_success_message_is_shown_when_the_block_succeeds(request_with_messages):
    with reported(request_with_messages, "Done."):
        pass
    assert _flashed(request_with_messages) == [(constants.SUCCESS, "Done.")]


def test_no_message_when_no_success_is_given(request_with_messages):
    with reported(request_with_messages):
        pass
    assert _flashed(request_with_messages) == []


def test_other_exceptions_are_not_swallowed(request_with_messages):
    with pytest.raises(KeyError), reported(request_with_messages, "Done."):
        raise KeyError("boom")
    assert _flashed(request_with_messages) == []


def test_a_refusal_goes_on_the_form_fields_it_names_and_the_outcome_says_so(
    request_with_messages,
):
    form = _NameForm({"name": "Ana"})
    assert form.is_valid()
    with reported(request_with_messages, "Saved.", form=form) as outcome:
        raise ValidationError({"name": "Taken.", "other": "Not a field of the form."})
    assert not outcome.ok
    assert form.errors == {"name": ["Taken."], "__all__": ["Not a field of the form."]}
    assert _flashed(request_with_messages) == []


def test_a_refusal_that_names_no_field_goes_on_the_field_the_view_gives(request_with_messages):
    form = _NameForm({"name": "Ana"})
    assert form.is_valid()
    with reported(request_with_messages, "Saved.", form=form, field="name") as outcome:
        raise ValidationError("This file type is not accepted.")
    assert not outcome.ok
    assert form.errors == {"name": ["This file type is not accepted."]}


def test_a_permission_refusal_is_flashed_like_a_validation_error(request_with_messages):
    with reported(request_with_messages, "Done.") as outcome:
        raise PermissionDenied("Only the company's administrator may do this.")
    assert not outcome.ok
    assert _flashed(request_with_messages) == [
        (constants.ERROR, "Only the company's administrator may do this.")
    ]


@pytest.mark.parametrize(
    ("asked", "shown"), [("2", 2), ("99", 10), ("two", 1), (None, 1), ("-1", 10)]
)
def test_paginate_shows_the_asked_page_or_the_nearest_one(asked, shown):
    request = RequestFactory().get("/", {"page": asked} if asked else {})
    page = paginate(request, list(range(100)), per_page=10)
    assert page.number == shown


def test_the_page_numbers_are_elided_around_the_current_page():
    page = paginate(RequestFactory().get("/", {"page": 10}), list(range(200)), per_page=10)
    ellipsis = Paginator.ELLIPSIS
    assert page.page_numbers == [1, ellipsis, 8, 9, 10, 11, 12, ellipsis, 20]


def test_the_pagination_links_keep_the_search_and_the_filters():
    request = RequestFactory().get("/", {"q": "brutar", "county": "CJ", "page": 2})
    page = paginate(request, list(range(50)), per_page=10)
    html = render_to_string("partials/pagination.html", {"page_obj": page}, request=request)
    assert 'href="?q=brutar&amp;county=CJ&amp;page=1"' in html  # previous
    assert 'href="?q=brutar&amp;county=CJ&amp;page=3"' in html  # next and 3
    assert 'aria-current="page">2</span>' in html


def test_an_attachment_is_saved_under_its_name_even_with_diacritics():
    plain = attachment(b"%PDF", filename="plan-7.pdf", content_type="application/pdf")
    assert plain["Content-Disposition"] == 'attachment; filename="plan-7.pdf"'
    assert plain["Content-Type"] == "application/pdf"
    assert plain.content == b"%PDF"
    romanian = attachment(b"a;b", filename="evidență.csv", content_type="text/csv")
    assert romanian["Content-Disposition"] == "attachment; filename*=utf-8''eviden%C8%9B%C4%83.csv"


class _ReasonForm(forms.Form):
    reason = forms.CharField(required=False, max_length=5)
    count = forms.IntegerField(required=False)


def test_posted_values_give_every_field_with_an_empty_one_where_the_input_is_invalid():
    assert posted_values(_ReasonForm({"reason": "Angajat", "count": "2"})) == {
        "reason": "",
        "count": 2,
    }
    assert posted_values(_ReasonForm({"reason": "Da"})) == {"reason": "Da", "count": None}


@pytest.mark.django_db
def test_audit_read_records_the_user_the_address_and_the_path_without_the_query():
    user = UserFactory()
    request = RequestFactory().get("/dosare/7/?cnp=1960101123456", REMOTE_ADDR="192.0.2.9")
    request.user = user
    entry = audit_read(request, AuditEntry.Action.REVEAL, user)
    assert (entry.actor, entry.action, entry.ip, entry.path, entry.target_object_id) == (
        user,
        AuditEntry.Action.REVEAL,
        "192.0.2.9",
        "/dosare/7/",
        str(user.pk),
    )
