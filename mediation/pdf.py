"""The proposal letter the person takes to the employer, made with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML


def proposal_letter_pdf(proposal):
    html = render_to_string("mediation/pdf/letter.html", {
        "proposal": proposal,
        "vacancy": proposal.vacancy,
        "company": proposal.vacancy.company,
        "profile": proposal.profile,
        "agency": proposal.agency,
        "counsellor": proposal.proposed_by,
        "today": timezone.localdate(),
    })
    return HTML(string=html).write_pdf()
