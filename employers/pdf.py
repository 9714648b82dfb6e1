"""The PDF confirmation of a vacancy communication (Law 76/2002, Anexa 1A), made with WeasyPrint."""

import datetime

from django.conf import settings
from django.utils import timezone

from puls.pdf import render_pdf


def communication_pdf(communication):
    """The PDF of ``communication``, from what was communicated (its stored content), in the
    portal's official language (Romanian) whoever downloads it."""
    vacancy = dict(communication.content["vacancy"])
    for key in ("vacant_since", "valid_until"):
        vacancy[key] = datetime.date.fromisoformat(vacancy[key])
    return render_pdf(
        "employers/communication_pdf.html",
        {
            "communication": communication,
            "agency": communication.agency,
            "employer": communication.content["employer"],
            "vacancy": vacancy,
            "communicated_at": timezone.localtime(communication.communicated_at),
        },
        language=settings.LANGUAGE_CODE,
    )
