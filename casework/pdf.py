"""The individual mediation plan as a PDF to print and sign, made with WeasyPrint."""

from django.utils import timezone

from puls.pdf import render_pdf


def plan_pdf(plan):
    return render_pdf(
        "casework/pdf/plan.html",
        {
            "plan": plan,
            "profile": plan.case_file.profile,
            "agency": plan.case_file.profile.agency,
            "today": timezone.localdate(),
        },
    )
