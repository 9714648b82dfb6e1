"""The individual mediation plan as a PDF to print and sign, made with WeasyPrint."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML


def plan_pdf(plan):
    html = render_to_string("casework/pdf/plan.html", {
        "plan": plan, "profile": plan.case_file.profile, "agency": plan.case_file.profile.agency,
        "today": timezone.localdate()})
    return HTML(string=html).write_pdf()
