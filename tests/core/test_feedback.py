"""The shared helper that turns a service call into flash messages."""

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from puls.feedback import reported


@pytest.fixture
def request_with_messages():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


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
