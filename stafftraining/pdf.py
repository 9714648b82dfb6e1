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
            # the official header names the agency that ran the session (national: the issuer)
            "agency": enrolment.session.agency,
        },
        language=settings.LANGUAGE_CODE,
    )
