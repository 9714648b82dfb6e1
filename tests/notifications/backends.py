"""E-mail backends for fault-injection tests that run in a separate worker process."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class HangingSMTPBackend(BaseEmailBackend):
    """Announces each send in PULS_TEST_MAIL_DIR, then hangs (a mail server that never answers):
    the test kills the worker in the middle. A send that did finish leaves a `sent-*` file."""

    def send_messages(self, messages):
        folder = Path(os.environ["PULS_TEST_MAIL_DIR"])
        (folder / f"started-{os.getpid()}").touch()
        time.sleep(300)
        for message in messages:
            (folder / f"sent-{os.getpid()}-{message.to[0]}").touch()
        return len(messages)
