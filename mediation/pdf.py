"""The proposal letter the person takes to the employer, made with WeasyPrint."""

from django.conf import settings
from django.utils import timezone

from puls.pdf import render_pdf


def proposal_letter_pdf(proposal):
    """The registered letter, in the portal's official language (Romanian) whoever asks: it is
    addressed to the employer."""
    issued = proposal.sent_at or timezone.now()
    return render_pdf(
        "mediation/pdf/letter.html",
        {
            "proposal": proposal,
            "vacancy": proposal.vacancy,
            "company": proposal.vacancy.company,
            "profile": proposal.profile,
            "agency": proposal.agency,
            "counsellor": proposal.proposed_by,
            "issued_on": timezone.localdate(issued),
        },
        language=settings.LANGUAGE_CODE,
    )
