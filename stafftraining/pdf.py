"""The certificate of completion of a training session, as a PDF (WeasyPrint)."""

from django.conf import settings

from puls.pdf import render_pdf


def certificate_pdf(enrolment):
    return render_pdf(
        "stafftraining/pdf/certificate.html",
        {
            "enrolment": enrolment,
            "session": enrolment.session,
            "programme": enrolment.session.programme,
        },
        language=settings.LANGUAGE_CODE,
    )
