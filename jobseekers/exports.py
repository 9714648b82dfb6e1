"""What the person can take away: the PDF CV, and all the data held about them (JSON and PDF)."""

from django.utils import timezone

from puls.pdf import render_pdf

from . import selectors


def cv_pdf(profile, *, language="ro"):
    """A Europass-like CV from the dossier, in Romanian or English."""
    profile = selectors.dossier_detail(profile)
    return render_pdf(
        "jobseekers/pdf/cv.html",
        {
            "profile": profile,
            "person": profile.user,
            "agency": profile.agency,
            "language": language,
        },
        language=language,
    )


def _label(concept):
    label, language = concept.label_in()
    return {"id": concept.pk, "uri": concept.uri, "label": label, "language": language}


def _cor(occupation):
    return {"code": occupation.code, "name": occupation.name} if occupation else None


def export_data(profile):
    """Everything PULS holds about the person, as plain data (for JSON)."""
    profile = selectors.dossier_detail(profile)
    user = profile.user
    return {
        "generated_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "profile": {
            "cnp": profile.cnp,
            "birth_date": profile.birth_date,
            "sex": profile.sex,
            "phone": profile.phone,
            "address": profile.address,
            "locality": profile.locality,
            "county": profile.county.name,
            "agency": profile.agency.name,
            "status": profile.status,
            "account_state": profile.account_state,
            "registered_at": profile.registered_at,
            "consent_at": profile.consent_at,
            "consent_notice_version": profile.consent_notice_version,
            "share_with_employers": profile.share_with_employers,
            "matching_consent_at": profile.matching_consent_at,
        },
        "vulnerable_situations": [
            {"group": entry.group, "declared_at": entry.declared_at}
            for entry in profile.vulnerabilities.all()
        ],
        "education": [
            {
                "level": entry.level,
                "field": entry.field,
                "institution": entry.institution,
                "start_year": entry.start_year,
                "end_year": entry.end_year,
            }
            for entry in profile.education.all()
        ],
        "experience": [
            {
                "cor_occupation": _cor(entry.cor_occupation),
                "occupation": _label(entry.occupation),
                "employer": entry.employer_name,
                "start_date": entry.start_date,
                "end_date": entry.end_date,
                "description": entry.description,
            }
            for entry in profile.experience.all()
        ],
        "competences": [
            {"skill": _label(entry.skill), "level": entry.level} for entry in profile.skills.all()
        ],
        "languages": [
            {"language": entry.language, "level": entry.level, "mother_tongue": entry.mother_tongue}
            for entry in profile.languages.all()
        ],
        "driving_licences": [entry.category for entry in profile.driving_licences.all()],
        "preferences": {
            "wished_occupations": [
                {**_label(wish.escooccupation), "cor_occupation": _cor(wish.cor_occupation)}
                for wish in profile.occupation_wishes.all()
            ],
            "wished_counties": [county.code for county in profile.wished_counties.all()],
            "minimum_pay": profile.minimum_pay,
            "schedule": profile.schedule,
            "willing_to_commute": profile.willing_to_commute,
            "willing_to_relocate": profile.willing_to_relocate,
        },
        "documents": [
            {
                "kind": entry.kind,
                "file_name": entry.document.original_name,
                "content_type": entry.document.content_type,
                "size": entry.document.size,
                "uploaded_at": entry.document.uploaded_at,
                "review_status": entry.review_status,
                "reviewed_at": entry.reviewed_at,
            }
            for entry in profile.documents.all()
        ],
        "appointments": [
            {
                "start": booking.slot.start,
                "end": booking.slot.end,
                "purpose": booking.slot.purpose,
                "agency": booking.slot.agency.name,
                "counsellor": booking.slot.counsellor.get_full_name(),
                "status": booking.status,
                "booked_at": booking.created_at,
            }
            for booking in selectors.bookings_of(profile)
        ],
        "saved_vacancies": [
            {
                "vacancy": entry.vacancy.title,
                "vacancy_id": entry.vacancy_id,
                "saved_at": entry.saved_at,
            }
            for entry in selectors.saved_vacancies_of(profile)
        ],
        "vacancy_interests": [
            {
                "vacancy": entry.vacancy.title,
                "vacancy_id": entry.vacancy_id,
                "expressed_at": entry.expressed_at,
            }
            for entry in selectors.interests_of(profile)
        ],
        "closure_requests": [
            {
                "requested_at": closure.requested_at,
                "reason": closure.reason,
                "outcome": closure.outcome,
                "decided_at": closure.decided_at,
            }
            for closure in profile.closure_requests.all()
        ],
        "audit_trail": [
            {
                "at": entry.at,
                "action": entry.action,
                "by": entry.actor.get_full_name() if entry.actor else "",
                "role": entry.actor.get_role_display() if entry.actor else "",
            }
            for entry in selectors.staff_openings_of(profile)
        ],
    }


def export_pdf(profile):
    """The same data laid out for reading, in the active language."""
    profile = selectors.dossier_detail(profile)
    return render_pdf(
        "jobseekers/pdf/my_data.html",
        {
            "profile": profile,
            "person": profile.user,
            "agency": profile.agency,
            "bookings": selectors.bookings_of(profile),
            "openings": selectors.staff_openings_of(profile),
            "closures": profile.closure_requests.all(),
            "generated_at": timezone.now(),
        },
    )
