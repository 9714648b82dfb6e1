"""The proposal letter the person takes to the employer, made with WeasyPrint."""

from django.utils import timezone

from puls.pdf import render_pdf


def proposal_letter_pdf(proposal):
    return render_pdf(
        "mediation/pdf/letter.html",
        {
            "proposal": proposal,
            "vacancy": proposal.vacancy,
            "company": proposal.vacancy.company,
            "profile": proposal.profile,
            "agency": proposal.agency,
            "counsellor": proposal.proposed_by,
            "today": timezone.localdate(),
        },
    )
