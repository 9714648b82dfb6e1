"""Flash messages around a service call: one shape for the views of every app."""

from contextlib import contextmanager

from django.contrib import messages
from django.core.exceptions import ValidationError


@contextmanager
def reported(request, success=None):
    """Run a service call inside the block: its ValidationError becomes an error message on
    the next page; otherwise `success` (if given) is shown."""
    try:
        yield
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if success is not None:
            messages.success(request, success)
