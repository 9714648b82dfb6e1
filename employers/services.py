"""Writes of the employers app: companies and representatives, the vacancy lifecycle with its legal
notice, documents and their review, subsidies, and the satisfaction questionnaire.

Every transition checks its allowed source states, logs who/when/from/to/why, audits, and notifies
the people concerned by e-mail once the transaction commits.
"""

import datetime
import hashlib
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NoReturn

from django.conf import settings
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import connection, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from puls import workdays
from puls.accounts.models import Role, User
from puls.audit.models import AuditEntry
from puls.audit.services import audit_listing, audit_record
from puls.documents.services import document_create
from puls.formatting import date_long
from puls.notifications.models import NotificationKind
from puls.notifications.services import email_queue, site_url, task_defer, users_notify
from puls.reference.labels import concept_label
from puls.reference.models import Agency, CorOccupation, County, EscoOccupation, Skill
from puls.validators import normalize_cui, normalize_trade_register_number
from puls.workflow import (
    TransitionRefused,
    transition,
    transition_allowed,
    transition_begin,
    transition_check,
)

from . import trade_register
from .models import (
    COMMUNICATION_DEADLINE_WORKING_DAYS,
    FILL_REPORT_DEADLINE_WORKING_DAYS,
    SEARCH_CONFIG,
    ApplicationStatus,
    Company,
    CompanyAccessRequest,
    CompanyDocument,
    CompanyInvitation,
    CompanyMembership,
    EmployerContact,
    RegistrationCounter,
    SatisfactionResponse,
    SubsidyAmount,
    SubsidyApplication,
    SubsidyDocumentRequirement,
    SubsidyProgramme,
    TradeRegisterImport,
    Vacancy,
    VacancyCommunication,
    VacancyFillReport,
    VacancyLanguage,
    VacancySkill,
    VacancyStatus,
)

# --- Helpers --------------------------------------------------------------------------------------


def _company_users(company: Company) -> list[User]:
    return [membership.user for membership in company.memberships.select_related("user")]


def _require_admin(company: Company, user: User) -> None:
    if not (
        user.is_superuser
        or CompanyMembership.objects.filter(company=company, user=user, is_admin=True).exists()
    ):
        raise PermissionDenied(_("Only the company's administrator can do this."))


def _require_member(company: Company, user: User) -> None:
    if not CompanyMembership.objects.filter(company=company, user=user).exists():
        raise PermissionDenied(_("You do not represent this company."))


def _refuse(message: str) -> NoReturn:
    """Refuse an action the object's state does not allow, with the engine's one refusal type."""
    raise TransitionRefused(message, code="transition_refused")


# --- Companies ------------------------------------------------------------------------------------


@transaction.atomic
def company_register(
    *,
    user: User,
    cui: str,
    trade_register_number: str,
    name: str,
    caen_code: str,
    address: str,
    locality: str,
    county: County,
    contact_name: str,
    contact_phone: str,
    contact_email: str = "",
    size_band: str = "",
) -> Company | None:
    """Register a company and return it; the registering employer user becomes its
    administrator and gets an e-mail.

    When the CUI is registered already nothing is created and None is returned: the registrant's
    request for access goes to that company's administrator, as access_request_create does. The
    view answers both the same way, so the form cannot tell who holds which CUI.
    """
    if user.role != Role.EMPLOYER:
        raise PermissionDenied(_("Only employer accounts can register a company."))
    cui = normalize_cui(cui)
    existing = Company.objects.filter(cui=cui).first()
    if existing is not None:
        _access_request_file(user=user, company=existing)
        users_notify(
            users=[user],
            subject=lambda: _("The company could not be registered"),
            message=lambda: _(
                "A company with the CUI you entered is already registered in PULS, so we asked "
                "its administrator to give you access. You will get an e-mail when they answer."
            ),
        )
        return None
    company = Company(
        cui=cui,
        trade_register_number=normalize_trade_register_number(trade_register_number),
        name=name.strip(),
        caen_code=caen_code,
        address=address,
        locality=locality,
        county=county,
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        size_band=size_band,
    )
    company.full_clean()
    company.save()
    transition_begin(company, by=user)
    CompanyMembership.objects.create(company=company, user=user, is_admin=True)
    audit_record(actor=user, action=AuditEntry.Action.CREATE, target=company)
    users_notify(
        users=[user],
        subject=lambda: _("%(company)s is registered") % {"company": company.name},
        message=lambda: (
            _(
                "The company %(company)s was registered and you are its administrator in PULS. "
                "The county agency will verify it; you will get an e-mail."
            )
            % {"company": company.name}
        ),
        link=reverse("employers:company_detail", args=[company.pk]),
    )
    return company


@transaction.atomic
def company_update(*, company: Company, by: User, **fields: Any) -> Company:
    """Change a company's name, activity, address or contact (not its CUI); administrators only.

    A verified company whose name or county changes goes back to its (new) agency for
    verification: what the agency checked is no longer what the company shows.
    """
    _require_admin(company, by)
    allowed = {
        "trade_register_number",
        "name",
        "caen_code",
        "size_band",
        "address",
        "locality",
        "county",
        "contact_name",
        "contact_phone",
        "contact_email",
    }
    before = (company.name, company.county_id)
    for field, value in fields.items():
        if field not in allowed:
            raise ValueError(f"{field} cannot be changed here")
        setattr(company, field, value)
    company.trade_register_number = normalize_trade_register_number(company.trade_register_number)
    company.full_clean()
    company.save()
    if company.status == Company.Status.VERIFIED and (company.name, company.county_id) != before:
        company.verified_by = None
        company.verified_at = None
        transition(
            company,
            to=Company.Status.PENDING,
            by=by,
            reason=_("The name or the county changed."),
            update_fields=["verified_by", "verified_at"],
        )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=company)
    return company


def companies_listed(
    *, by: User, companies: Iterable[Company], ip: str | None = None, path: str = ""
) -> list[AuditEntry]:
    """Audit that ``by`` saw these companies on a staff list page (the verification queue, the
    list of companies: name, CUI, and through them their representatives): one ``list`` row in
    each company's trail, written by one INSERT."""
    return audit_listing(actor=by, targets=companies, ip=ip, path=path)


@transaction.atomic
def company_verify(*, company: Company, by: User) -> Company:
    company = Company.objects.select_for_update().get(pk=company.pk)
    company.status_reason = ""
    company.verified_by = by
    company.verified_at = timezone.now()
    transition(
        company,
        to=Company.Status.VERIFIED,
        by=by,
        update_fields=["status_reason", "verified_by", "verified_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=company)
    users_notify(
        users=_company_users(company),
        subject=lambda: _("%(company)s was verified") % {"company": company.name},
        message=lambda: (
            _(
                "%(agency)s verified the registration of %(company)s. You can now submit "
                "vacancies and apply for subsidies."
            )
            % {"agency": company.county.agency, "company": company.name}
        ),
        link=reverse("employers:company_detail", args=[company.pk]),
    )
    return company


@transaction.atomic
def company_reject(*, company: Company, by: User, reason: str) -> Company:
    company = Company.objects.select_for_update().get(pk=company.pk)
    transition_check(company, to=Company.Status.REJECTED)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the company cannot be verified.")})
    company.status_reason = reason.strip()
    company.verified_by = by
    company.verified_at = timezone.now()
    transition(
        company,
        to=Company.Status.REJECTED,
        by=by,
        reason=company.status_reason,
        update_fields=["status_reason", "verified_by", "verified_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=company)
    users_notify(
        users=_company_users(company),
        subject=lambda: _("%(company)s could not be verified") % {"company": company.name},
        message=lambda: (
            _("The agency could not verify the registration of %(company)s. Reason: %(reason)s")
            % {"company": company.name, "reason": company.status_reason}
        ),
        link=reverse("employers:company_detail", args=[company.pk]),
    )
    return company


# --- Trade-register statuses ------------------------------------------------------------------

# How many of each kind of row the stored report lists (the counts are always whole).
REPORT_LIST_LIMIT = 500
CUI_CHUNK = 900  # under SQLite's limit of variables in one query


def _register_close_vacancies(*, company: Company, by: User | None, reason: str) -> int:
    """Withdraw the company's open vacancies through their lifecycle, logged with the reason."""
    closed = 0
    for vacancy in Vacancy.objects.select_for_update().filter(
        company=company, status__in=Vacancy.OPEN_STATUSES
    ):
        vacancy.closed_at = timezone.now()
        transition(
            vacancy,
            to=VacancyStatus.WITHDRAWN,
            by=by,
            reason=reason,
            update_fields=["closed_at", "updated_at"],
        )
        audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=vacancy)
        closed += 1
    return closed


def _register_notify(company: Company, *, closed: int) -> None:
    """Tell the representatives, in Romanian (the register's and the agency's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        users_notify(
            users=_company_users(company),
            subject=_("%(company)s is inactive in the trade register") % {"company": company.name},
            message=_(
                "According to the trade register, %(company)s (CUI %(cui)s) has the status "
                "“%(status)s” since %(date)s. Its open vacancies in PULS were closed: "
                "%(closed)d. If the register's status is wrong or has changed, contact the "
                "county employment agency."
            )
            % {
                "company": company.name,
                "cui": company.cui,
                "status": company.get_register_status_display(),
                "date": date_long(company.register_status_on),
                "closed": closed,
            },
            link=reverse("employers:company_detail", args=[company.pk]),
        )


@transaction.atomic
def trade_register_import(
    *,
    by: User | None,
    agency: Agency | None,
    file_name: str,
    raw: bytes,
    max_rows: int = trade_register.MAX_ROWS,
) -> TradeRegisterImport:
    """Apply a trade-register status file (CUI, status, date) and record what it changed.

    ``agency`` limits the changes to the companies of its county (the others are reported as
    out of scope); None is the national import (superusers, ``import_trade_register``). A row
    equal to the status on record, or older than it, changes nothing, so the same file twice
    changes nothing the second time. A company that becomes inactive has its open vacancies
    withdrawn through their lifecycle, with the reason, and its representatives are told by
    e-mail. A file that cannot be read raises ``TradeRegisterFileError`` and changes nothing.
    """
    if by is not None and not by.is_superuser:
        if by.role != Role.AGENCY_ADMIN or by.agency_id is None:
            raise PermissionDenied(_("Only agency administrators import the trade register."))
        agency = by.agency
    parsed = trade_register.parse(raw, max_rows=max_rows)
    record = TradeRegisterImport.objects.create(
        by=by,
        agency=agency,
        file_name=file_name[:255],
        sha256=hashlib.sha256(raw).hexdigest(),
        rows_read=parsed.rows_read,
        invalid_count=len(parsed.invalid),
    )
    changed: list[dict[str, Any]] = []
    unknown: list[str] = []
    out_of_scope: list[str] = []
    rows = parsed.rows
    for start in range(0, len(rows), CUI_CHUNK):
        chunk = rows[start : start + CUI_CHUNK]
        companies = {
            company.cui: company
            for company in Company.objects.select_for_update(of=("self",))
            .select_related("county")
            .filter(cui__in=[row.cui for row in chunk])
        }
        for row in chunk:
            company = companies.get(row.cui)
            if company is None:
                unknown.append(row.cui)
                continue
            if agency is not None and company.county_id != agency.county_id:
                out_of_scope.append(row.cui)
                continue
            if company.register_status_on and row.on < company.register_status_on:
                record.older_count += 1
                continue
            if (company.register_status, company.register_status_on) == (row.status, row.on):
                continue
            was_inactive = company.is_register_inactive
            before = company.get_register_status_display() or "—"
            company.register_status = row.status
            company.register_status_on = row.on
            company.register_import = record
            company.save(update_fields=["register_status", "register_status_on", "register_import"])
            audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=company)
            closed = 0
            if company.is_register_inactive:
                closed = _register_close_vacancies(
                    company=company,
                    by=by,
                    reason=_("The company is “%(status)s” in the trade register since %(date)s.")
                    % {
                        "status": company.get_register_status_display(),
                        "date": date_long(row.on),
                    },
                )
                if not was_inactive:
                    record.companies_inactivated += 1
                    _register_notify(company, closed=closed)
            record.vacancies_closed += closed
            changed.append(
                {
                    "company": company.pk,
                    "cui": company.cui,
                    "name": company.name,
                    "from": before,
                    "to": company.get_register_status_display(),
                    "on": row.on.isoformat(),
                    "vacancies": closed,
                }
            )
    record.companies_changed = len(changed)
    record.unknown_count = len(unknown)
    record.out_of_scope_count = len(out_of_scope)
    record.report = {
        "changed": changed[:REPORT_LIST_LIMIT],
        "unknown": unknown[:REPORT_LIST_LIMIT],
        "out_of_scope": out_of_scope[:REPORT_LIST_LIMIT],
        "invalid": [
            {"line": line, "reason": reason} for line, reason in parsed.invalid[:REPORT_LIST_LIMIT]
        ],
        "notes": parsed.notes,
    }
    record.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=record)
    return record


# --- Prospecting ----------------------------------------------------------------------------------


CONTACT_FIELDS = ("kind", "contacted_on", "outcome", "vacancies_obtained", "notes", "follow_up_on")


@transaction.atomic
def employer_contact_log(*, company: Company, by: User, **fields: Any) -> EmployerContact:
    """Record a counsellor's contact with a company of their agency (prospecting)."""
    if not (by.is_superuser or (by.role == Role.COUNSELLOR and by.agency_id)):
        raise PermissionDenied(_("Only counsellors log contacts with employers."))
    if not by.is_superuser and company.county.agency.pk != by.agency_id:
        raise PermissionDenied(_("This company belongs to another agency."))
    unknown = set(fields) - set(CONTACT_FIELDS)
    if unknown:
        raise ValueError(f"{sorted(unknown)} cannot be set here")
    contact = EmployerContact(
        company=company, agency=company.county.agency, counsellor=by, **fields
    )
    contact.notes = contact.notes.strip()
    contact.full_clean()
    contact.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=contact)
    return contact


@transaction.atomic
def employer_contact_follow_up_done(*, contact: EmployerContact, by: User) -> EmployerContact:
    """Mark the contact's follow-up done (it leaves the work queue)."""
    contact = EmployerContact.objects.select_for_update().get(pk=contact.pk)
    if contact.follow_up_on is None:
        _refuse(_("This contact has no follow-up."))
    if contact.follow_up_done_at is not None:
        _refuse(_("This follow-up is already done."))
    contact.follow_up_done_at = timezone.now()
    contact.save(update_fields=["follow_up_done_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=contact)
    return contact


@transaction.atomic
def invitation_create(*, company: Company, by: User, email: str) -> CompanyInvitation:
    """Invite ``email`` to represent the company; an earlier open invitation to it is revoked."""
    _require_admin(company, by)
    email = email.strip().lower()
    if company.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person already represents the company.")})
    company.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    invitation = CompanyInvitation(company=company, email=email, invited_by=by)
    invitation.full_clean()
    invitation.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=invitation)
    link = site_url(reverse("employers:invitation_accept", args=[invitation.token]))
    body = render_to_string(
        "employers/emails/invitation.txt",
        {"invitation": invitation, "company": company, "inviter": by, "link": link},
    )
    email_queue(
        to=[email],
        subject=_("[PULS] Invitation to represent %(company)s") % {"company": company.name},
        body=body,
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: CompanyInvitation, by: User) -> CompanyInvitation:
    _require_admin(invitation.company, by)
    if not invitation.is_open:
        _refuse(_("This invitation is no longer open."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(actor=by, action=AuditEntry.Action.DELETE, target=invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: CompanyInvitation, user: User) -> CompanyMembership:
    invitation = CompanyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open:
        _refuse(_("This invitation has expired, was revoked or was already used."))
    if user.role != Role.EMPLOYER:
        raise PermissionDenied(_("Only employer accounts can represent a company."))
    if invitation.email.lower() != user.email.lower():
        raise PermissionDenied(_("This invitation was sent to another e-mail address."))
    membership, _created = CompanyMembership.objects.get_or_create(
        company=invitation.company, user=user
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(actor=user, action=AuditEntry.Action.CREATE, target=membership)
    return membership


@transaction.atomic
def membership_revoke(*, membership: CompanyMembership, by: User) -> None:
    """Remove a representative (the administrator hands over first)."""
    _require_admin(membership.company, by)
    if membership.is_admin:
        _refuse(_("The administrator cannot be removed; hand over administration first."))
    audit_record(actor=by, action=AuditEntry.Action.DELETE, target=membership)
    membership.delete()


@transaction.atomic
def admin_handover(*, company: Company, by: User, to: CompanyMembership) -> CompanyMembership:
    """Make the representative ``to`` (a CompanyMembership) the administrator."""
    _require_admin(company, by)
    if to.company_id != company.pk:
        raise PermissionDenied
    if to.is_admin:
        _refuse(_("This person is already the administrator."))
    company.memberships.filter(is_admin=True).update(is_admin=False)
    to.is_admin = True
    to.save(update_fields=["is_admin"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=to)
    users_notify(
        users=[to.user],
        subject=lambda: _("You now administer %(company)s") % {"company": company.name},
        message=lambda: (
            _("%(user)s handed the administration of %(company)s over to you.")
            % {"user": by, "company": company.name}
        ),
        link=reverse("employers:company_detail", args=[company.pk]),
    )
    return to


@transaction.atomic
def access_request_create(*, user: User, cui: str) -> CompanyAccessRequest | None:
    """Ask the administrator of the company registered with ``cui`` for access, by e-mail, and
    return the open request; return None when no company has this CUI. The view answers both
    the same way: the requester learns nothing about the company."""
    if user.role != Role.EMPLOYER:
        raise PermissionDenied(_("Only employer accounts can ask for access to a company."))
    company = Company.objects.filter(cui=normalize_cui(cui)).first()
    if company is None:
        return None
    return _access_request_file(user=user, company=company)


def _access_request_file(*, user: User, company: Company) -> CompanyAccessRequest:
    if company.memberships.filter(user=user).exists():
        raise ValidationError(_("You already represent this company."))
    request, created = CompanyAccessRequest.objects.get_or_create(
        company=company, user=user, decided_at=None
    )
    if created:
        audit_record(actor=user, action=AuditEntry.Action.CREATE, target=request)
        admins = [m.user for m in company.memberships.filter(is_admin=True).select_related("user")]
        users_notify(
            users=admins,
            subject=lambda: (
                _("%(user)s asks to represent %(company)s")
                % {"user": user.email, "company": company.name}
            ),
            message=lambda: (
                _(
                    "%(user)s asked for access to %(company)s in PULS. If they work for "
                    "the company, grant it from the company page."
                )
                % {"user": user.email, "company": company.name}
            ),
            link=reverse("employers:company_detail", args=[company.pk]),
        )
    return request


@transaction.atomic
def access_request_decide(
    *, access_request: CompanyAccessRequest, by: User, grant: bool
) -> CompanyAccessRequest:
    _require_admin(access_request.company, by)
    if access_request.decided_at is not None:
        _refuse(_("This request was already answered."))
    access_request.decided_at = timezone.now()
    access_request.granted = grant
    access_request.save(update_fields=["decided_at", "granted"])
    if grant:
        CompanyMembership.objects.get_or_create(
            company=access_request.company, user=access_request.user
        )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=access_request)
    company = access_request.company
    users_notify(
        users=[access_request.user],
        subject=lambda: _("Your request to represent %(company)s") % {"company": company.name},
        message=lambda: (
            (
                _("Your request was granted: you now represent %(company)s.")
                if grant
                else _("Your request to represent %(company)s was declined.")
            )
            % {"company": company.name}
        ),
        link=reverse("employers:dashboard"),
    )
    return access_request


# --- Vacancies ------------------------------------------------------------------------------------


def _languages_set(vacancy: Vacancy, languages: Iterable[tuple[str, str]]) -> None:
    vacancy.languages.all().delete()
    seen = set()
    for language, level in languages:
        if language in seen:
            raise ValidationError(_("Each language is listed once."))
        seen.add(language)
        row = VacancyLanguage(vacancy=vacancy, language=language, level=level)
        row.full_clean()
        row.save()


@transaction.atomic
def vacancy_create(
    *, company: Company, by: User, languages: Iterable[tuple[str, str]] = (), **fields: Any
) -> Vacancy:
    """A new draft vacancy of ``company``. ``fields`` are ``Vacancy.EDITABLE_FIELDS``;
    ``languages`` holds (language, CEFR level) pairs."""
    _require_member(company, by)
    vacancy = Vacancy(company=company, created_by=by, status=VacancyStatus.DRAFT)
    for field, value in fields.items():
        if field not in Vacancy.EDITABLE_FIELDS:
            raise ValueError(f"{field} is not a vacancy field")
        setattr(vacancy, field, value)
    vacancy.open_posts = vacancy.posts
    vacancy.full_clean()
    vacancy.save()
    _languages_set(vacancy, languages)
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=vacancy)
    return vacancy


@transaction.atomic
def vacancy_update(
    *, vacancy: Vacancy, by: User, languages: Iterable[tuple[str, str]] | None = None, **fields: Any
) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _require_member(vacancy.company, by)
    if not vacancy.is_editable:
        _refuse(_("Only a draft or a returned vacancy can be changed."))
    for field, value in fields.items():
        if field not in Vacancy.EDITABLE_FIELDS:
            raise ValueError(f"{field} is not a vacancy field")
        setattr(vacancy, field, value)
    esco_occupation = vacancy.esco_occupation
    if esco_occupation is not None and not _same_isco_group(
        esco_occupation, vacancy.cor_occupation
    ):
        vacancy.esco_occupation = None
    vacancy.open_posts = vacancy.posts
    vacancy.full_clean()
    vacancy.save()
    if languages is not None:
        _languages_set(vacancy, languages)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=vacancy)
    return vacancy


@transaction.atomic
def vacancy_competences_set(
    *,
    vacancy: Vacancy,
    by: User,
    esco_occupation: EscoOccupation | None,
    skills: Iterable[tuple[Skill, bool]],
) -> Vacancy:
    """Set the ESCO occupation and the required competences: ``skills`` holds (Skill, essential)
    pairs. The ESCO occupation must be in the COR occupation's ISCO unit group."""
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _require_member(vacancy.company, by)
    if not vacancy.is_editable:
        _refuse(_("Only a draft or a returned vacancy can be changed."))
    if esco_occupation is not None and not _same_isco_group(
        esco_occupation, vacancy.cor_occupation
    ):
        raise ValidationError(
            {
                "esco_occupation": _(
                    "The ESCO occupation must belong to the same ISCO group as the COR occupation."
                )
            }
        )
    vacancy.esco_occupation = esco_occupation
    vacancy.save(update_fields=["esco_occupation", "updated_at"])
    vacancy.vacancy_skills.all().delete()
    VacancySkill.objects.bulk_create(
        [
            VacancySkill(vacancy=vacancy, skill=skill, essential=bool(essential))
            for skill, essential in dict(skills).items()
        ]
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=vacancy)
    return vacancy


def _same_isco_group(esco_occupation: EscoOccupation, cor_occupation: CorOccupation) -> bool:
    """Whether the ESCO occupation lies in the COR occupation's ISCO-08 group (the unit group, or
    for the Romanian national unit groups the minor group: see reference.CorOccupation)."""
    group = cor_occupation.isco_group
    return group is not None and esco_occupation.isco_group.code.startswith(group.code)


@transaction.atomic
def registration_number_take(*, agency: Agency, year: int) -> str:
    """The next number of the agency's register for ``year`` ("CJ-2026-000042"): one register
    per agency and year for every document it registers (vacancy notices, proposal letters).
    Call inside the transaction that stores the document."""
    # Locked until commit (fetched FOR UPDATE, or inserted by this transaction), so two
    # submissions to one agency never get the same number.
    counter, _created = RegistrationCounter.objects.select_for_update().get_or_create(
        agency=agency, year=year
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{agency.county_id}-{year}-{counter.last_number:06d}"


def communication_content(vacancy: Vacancy) -> dict[str, Any]:
    """What the legal notice (Anexa 1A) carries, as plain JSON values."""
    company = vacancy.company
    return {
        "employer": {
            "name": company.name,
            "cui": company.cui,
            "trade_register_number": company.trade_register_number,
            "address": company.address,
            "locality": company.locality,
            "county": company.county.name,
            "caen_code": company.caen_code,
            "contact_name": company.contact_name,
            "contact_phone": company.contact_phone,
            "contact_email": company.contact_email,
        },
        "vacancy": {
            "id": vacancy.pk,
            "title": vacancy.title,
            "cor_code": vacancy.cor_occupation.code,
            "cor_name": vacancy.cor_occupation.name,
            "posts": vacancy.posts,
            "education_level": vacancy.education_level,
            "education_label": str(vacancy.get_education_level_display()),
            "experience_years": vacancy.experience_years,
            "languages": [
                {"language": str(row.get_language_display()), "level": row.level}
                for row in vacancy.languages.all()
            ],
            "driving_licences": list(vacancy.driving_licences),
            "skills": [
                {"label": str(label), "lang": label.language, "essential": row.essential}
                for row in vacancy.vacancy_skills.select_related("skill")
                for label in [concept_label(row.skill)]
            ],
            "pay_min": str(vacancy.pay_min),
            "pay_max": str(vacancy.pay_max),
            "schedule": str(vacancy.get_schedule_display()),
            "contract_type": str(vacancy.get_contract_type_display()),
            "county": vacancy.county.name,
            "locality": vacancy.locality,
            "vacant_since": vacancy.vacant_since.isoformat() if vacancy.vacant_since else None,
            "valid_until": vacancy.valid_until.isoformat() if vacancy.valid_until else None,
        },
    }


@transaction.atomic
def vacancy_submit(
    *, vacancy: Vacancy, by: User, now: datetime.datetime | None = None
) -> VacancyCommunication:
    """Communicate the vacancy to the agency (the legal notice): numbered, dated, checked against
    the 5-working-day deadline, confirmed by e-mail with its PDF."""
    now = now or timezone.now()
    vacancy = (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("company__county__agency", "cor_occupation", "county")
        .get(pk=vacancy.pk)
    )
    _require_member(vacancy.company, by)
    transition_check(vacancy, to=VacancyStatus.SUBMITTED)
    if not vacancy.company.is_verified:
        _refuse(
            _(
                "The agency must verify your company before you can submit vacancies. Your draft "
                "is kept: submit it as soon as the company is verified."
            )
        )
    if vacancy.company.is_register_inactive:
        _refuse(_("The company is inactive in the trade register: it cannot submit vacancies."))
    today = timezone.localdate(now)
    if vacancy.vacant_since is None or vacancy.valid_until is None:
        raise ValidationError(
            _(
                "Give the date the post became vacant and the date the offer "
                "stops being valid before submitting."
            )
        )
    if vacancy.valid_until < today:
        raise ValidationError({"valid_until": _("The offer's validity date is in the past.")})
    if vacancy.vacant_since > today:
        raise ValidationError({"vacant_since": _("The post cannot become vacant in the future.")})
    agency = vacancy.company.county.agency
    deadline = workdays.add_working_days(vacancy.vacant_since, COMMUNICATION_DEADLINE_WORKING_DAYS)
    communication = VacancyCommunication.objects.create(
        vacancy=vacancy,
        agency=agency,
        registration_number=registration_number_take(agency=agency, year=today.year),
        communicated_at=now,
        deadline=deadline,
        on_time=today <= deadline,
        submitted_by=by,
        content=communication_content(vacancy),
    )
    if vacancy.communicated_at is None:
        vacancy.communicated_at = now
    transition(
        vacancy, to=VacancyStatus.SUBMITTED, by=by, update_fields=["communicated_at", "updated_at"]
    )
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=communication)
    from .tasks import send_communication_confirmation

    task_defer(send_communication_confirmation, communication.pk)
    return communication


def vacancies_search_refresh(vacancies: QuerySet[Vacancy]) -> int:
    """Recompute the stored full-text vector of ``vacancies`` in one UPDATE (PostgreSQL only;
    SQLite searches by substring): title and COR occupation weigh A, skills B, locality and
    description C, in the `puls_ro` configuration (Romanian stems of the words without their
    diacritics, migration 0008). Returns the number of vacancies updated."""
    if connection.vendor != "postgresql":
        return 0
    skills = (
        VacancySkill.objects.filter(vacancy=OuterRef("pk"))
        .order_by()
        .values("vacancy")
        .annotate(
            labels=StringAgg(
                Coalesce(
                    KeyTextTransform("ro", "skill__preferred_labels"),
                    KeyTextTransform("en", "skill__preferred_labels"),
                ),
                delimiter=" ",
            )
        )
        .values("labels")
    )
    occupation = CorOccupation.objects.filter(pk=OuterRef("cor_occupation_id")).values("name")
    return vacancies.order_by().update(
        search_vector=(
            SearchVector("title", Subquery(occupation), weight="A", config=SEARCH_CONFIG)
            + SearchVector(Subquery(skills), weight="B", config=SEARCH_CONFIG)
            + SearchVector("locality", "description", weight="C", config=SEARCH_CONFIG)
        )
    )


def vacancy_search_refresh(vacancy: Vacancy) -> None:
    vacancies_search_refresh(Vacancy.objects.filter(pk=vacancy.pk))


@transaction.atomic
def vacancy_publish(*, vacancy: Vacancy, by: User) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    transition_check(vacancy, to=VacancyStatus.PUBLISHED)
    if vacancy.valid_until and vacancy.valid_until < timezone.localdate():
        _refuse(_("This vacancy is no longer valid; it cannot be published."))
    vacancy.published_at = timezone.now()
    transition(
        vacancy, to=VacancyStatus.PUBLISHED, by=by, update_fields=["published_at", "updated_at"]
    )
    vacancy_search_refresh(vacancy)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=vacancy)
    users_notify(
        users=_company_users(vacancy.company),
        subject=lambda: _("Vacancy published: %(title)s") % {"title": vacancy.title},
        message=lambda: (
            _(
                "The agency published your vacancy “%(title)s”. Jobseekers can now find "
                "it in the PULS job search."
            )
            % {"title": vacancy.title}
        ),
        link=reverse("employers:vacancy_detail", args=[vacancy.pk]),
    )
    return vacancy


@transaction.atomic
def vacancy_return(*, vacancy: Vacancy, by: User, reason: str) -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    transition_check(vacancy, to=VacancyStatus.RETURNED)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say what the employer must change.")})
    transition(
        vacancy,
        to=VacancyStatus.RETURNED,
        by=by,
        reason=reason.strip(),
        update_fields=["updated_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=vacancy)
    users_notify(
        users=_company_users(vacancy.company),
        subject=lambda: _("Vacancy returned for changes: %(title)s") % {"title": vacancy.title},
        message=lambda: (
            _("The agency returned your vacancy “%(title)s”. What to change: %(reason)s")
            % {"title": vacancy.title, "reason": reason.strip()}
        ),
        link=reverse("employers:vacancy_detail", args=[vacancy.pk]),
    )
    return vacancy


@transaction.atomic
def vacancy_withdraw(*, vacancy: Vacancy, by: User, reason: str = "") -> Vacancy:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _require_member(vacancy.company, by)
    transition_check(vacancy, to=VacancyStatus.WITHDRAWN)
    vacancy.closed_at = timezone.now()
    transition(
        vacancy,
        to=VacancyStatus.WITHDRAWN,
        by=by,
        reason=reason.strip(),
        update_fields=["closed_at", "updated_at"],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=vacancy)
    return vacancy


@transaction.atomic
def vacancy_fill_report(
    *,
    vacancy: Vacancy,
    by: User,
    posts_filled: int,
    filled_on: datetime.date,
    through_puls: bool = False,
    now: datetime.datetime | None = None,
) -> VacancyFillReport:
    """Report that ``posts_filled`` posts were filled on ``filled_on`` (Anexa 1B). The law gives
    one working day; a later report is recorded as late. No posts left closes the vacancy."""
    now = now or timezone.now()
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    if not by.is_superuser and by.role == Role.EMPLOYER:
        _require_member(vacancy.company, by)
    # Filling some posts is a step towards filled: the same sources, even if posts stay open.
    transition_check(vacancy, to=VacancyStatus.FILLED)
    today = timezone.localdate(now)
    if filled_on > today:
        raise ValidationError({"filled_on": _("The hiring date cannot be in the future.")})
    if vacancy.vacant_since and filled_on < vacancy.vacant_since:
        raise ValidationError(
            {"filled_on": _("The hiring date cannot be before the post became vacant.")}
        )
    if not 1 <= posts_filled <= vacancy.open_posts:
        raise ValidationError(
            {
                "posts_filled": _("Between 1 and %(open)d posts are still open.")
                % {"open": vacancy.open_posts}
            }
        )
    deadline = workdays.add_working_days(filled_on, FILL_REPORT_DEADLINE_WORKING_DAYS)
    report = VacancyFillReport.objects.create(
        vacancy=vacancy,
        posts_filled=posts_filled,
        filled_on=filled_on,
        through_puls=through_puls,
        reported_at=now,
        reported_by=by,
        deadline=deadline,
        late=today > deadline,
    )
    vacancy.open_posts -= posts_filled
    if vacancy.open_posts == 0:
        vacancy.closed_at = now
        transition(
            vacancy,
            to=VacancyStatus.FILLED,
            by=by,
            update_fields=["open_posts", "closed_at", "updated_at"],
        )
    else:
        vacancy.save(update_fields=["open_posts", "updated_at"])
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=report)
    return report


def vacancies_expire(*, today: datetime.date | None = None) -> int:
    """Close every submitted or published vacancy whose validity date has passed. Safe to run
    twice: an expired vacancy is no longer a candidate. Returns how many expired."""
    today = today or timezone.localdate()
    expired = 0
    candidates = Vacancy.objects.filter(
        status__in=Vacancy.OPEN_STATUSES, valid_until__lt=today
    ).values_list("pk", flat=True)
    for pk in candidates:
        with transaction.atomic():
            vacancy = Vacancy.objects.select_for_update().get(pk=pk)
            if not transition_allowed(vacancy, to=VacancyStatus.EXPIRED) or (
                vacancy.valid_until >= today
            ):
                continue
            vacancy.closed_at = timezone.now()
            transition(
                vacancy,
                to=VacancyStatus.EXPIRED,
                by=None,
                reason=_("The validity date passed."),
                update_fields=["closed_at", "updated_at"],
            )
            expired += 1
    return expired


@transaction.atomic
def vacancy_duplicate(*, vacancy: Vacancy, by: User) -> Vacancy:
    """A new draft with the same content; its dates are left empty (it is a new vacant post)."""
    _require_member(vacancy.company, by)
    copy = Vacancy(
        company=vacancy.company,
        created_by=by,
        status=VacancyStatus.DRAFT,
        duplicated_from=vacancy,
        vacant_since=None,
        valid_until=None,
    )
    for field in Vacancy.EDITABLE_FIELDS:
        if field not in ("vacant_since", "valid_until"):
            setattr(copy, field, getattr(vacancy, field))
    copy.esco_occupation = vacancy.esco_occupation
    copy.driving_licences = list(vacancy.driving_licences)
    copy.open_posts = copy.posts
    copy.full_clean()
    copy.save()
    VacancySkill.objects.bulk_create(
        [
            VacancySkill(vacancy=copy, skill_id=row.skill_id, essential=row.essential)
            for row in vacancy.vacancy_skills.all()
        ]
    )
    VacancyLanguage.objects.bulk_create(
        [
            VacancyLanguage(vacancy=copy, language=row.language, level=row.level)
            for row in vacancy.languages.all()
        ]
    )
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=copy)
    return copy


@transaction.atomic
def satisfaction_record(
    *,
    vacancy: Vacancy,
    by: User,
    overall: int,
    candidates: int,
    ease_of_use: int,
    would_recommend: bool,
    comment: str = "",
) -> SatisfactionResponse:
    vacancy = Vacancy.objects.select_for_update().get(pk=vacancy.pk)
    _require_member(vacancy.company, by)
    if not vacancy.is_closed:
        _refuse(_("The questionnaire opens once the vacancy is closed."))
    if SatisfactionResponse.objects.filter(vacancy=vacancy).exists():
        _refuse(_("The questionnaire for this vacancy was already answered."))
    response = SatisfactionResponse(
        vacancy=vacancy,
        respondent=by,
        overall=overall,
        candidates=candidates,
        ease_of_use=ease_of_use,
        would_recommend=would_recommend,
        comment=comment,
    )
    response.full_clean()
    response.save()
    return response


# --- Documents ------------------------------------------------------------------------------------


@transaction.atomic
def company_document_add(
    *,
    company: Company,
    by: User,
    uploaded_file: File,
    title: str,
    vacancy: Vacancy | None = None,
    application: SubsidyApplication | None = None,
    requirement: SubsidyDocumentRequirement | None = None,
    replaces: CompanyDocument | None = None,
) -> CompanyDocument:
    """Attach an uploaded file to a request of the company (a vacancy, a subsidy application, or
    its general dossier); ``replaces`` is a rejected document this one replaces."""
    _require_member(company, by)
    if replaces is not None:
        replaces = CompanyDocument.objects.select_for_update().get(pk=replaces.pk)
        if replaces.company_id != company.pk or replaces.review != CompanyDocument.Review.REJECTED:
            _refuse(_("Only a rejected document can be replaced."))
        vacancy, application, requirement = (
            replaces.vacancy,
            replaces.application,
            replaces.requirement,
        )
    if vacancy is not None and vacancy.company_id != company.pk:
        raise PermissionDenied
    if application is not None:
        if application.company_id != company.pk:
            raise PermissionDenied
        if replaces is None and not application.is_editable:
            _refuse(_("Documents can be added to an application only before it is submitted."))
    if requirement is not None and (
        application is None or requirement.programme_id != application.programme_id
    ):
        raise ValidationError(_("This checklist item is not part of the application."))
    attachment = CompanyDocument(
        company=company,
        vacancy=vacancy,
        application=application,
        requirement=requirement,
        title=title.strip(),
        uploaded_by=by,
    )
    attachment.full_clean(exclude=["document", "replaces"])
    if replaces is not None:
        replaces.review = CompanyDocument.Review.REPLACED
        replaces.save(update_fields=["review"])
        attachment.replaces = replaces
    # document_create writes the file: last, as its docstring asks.
    attachment.document = document_create(owner=by, uploaded_file=uploaded_file, kind=title[:100])
    attachment.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=attachment)
    return attachment


@transaction.atomic
def company_document_review(
    *, attachment: CompanyDocument, by: User, accept: bool, reason: str = ""
) -> CompanyDocument:
    attachment = (
        CompanyDocument.objects.select_for_update(of=("self",))
        .select_related("company")
        .get(pk=attachment.pk)
    )
    if attachment.review != CompanyDocument.Review.PENDING:
        _refuse(_("This document was already reviewed."))
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Say why the document is rejected.")})
    attachment.review = (
        CompanyDocument.Review.ACCEPTED if accept else CompanyDocument.Review.REJECTED
    )
    attachment.rejection_reason = "" if accept else reason.strip()
    attachment.reviewed_by = by
    attachment.reviewed_at = timezone.now()
    attachment.full_clean(exclude=["document"])
    attachment.save(update_fields=["review", "rejection_reason", "reviewed_by", "reviewed_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=attachment)

    def message() -> str:  # in each recipient's language
        if accept:
            return _("The agency accepted the document “%(title)s”.") % {"title": attachment.title}
        return _(
            "The agency rejected the document “%(title)s”. Reason: %(reason)s. Upload a "
            "replacement from the request's page."
        ) % {"title": attachment.title, "reason": attachment.rejection_reason}

    users_notify(
        users=_company_users(attachment.company),
        subject=lambda: _("Document reviewed: %(title)s") % {"title": attachment.title},
        message=message,
        link=reverse("employers:dashboard"),
        kind=NotificationKind.DOCUMENT,
    )
    return attachment


# --- Subsidies ------------------------------------------------------------------------------------


@transaction.atomic
def subsidy_programme_save(
    *,
    by: User,
    programme: SubsidyProgramme | None = None,
    name: str,
    legal_basis: str,
    description: str = "",
    eligible_categories: Iterable[str] = (),
    is_open: bool = False,
    requirements: Iterable[str] | None = None,
    name_en: str = "",
    description_en: str = "",
    requirements_en: Iterable[str] = (),
) -> SubsidyProgramme:
    """Create or change a programme; ``requirements`` (names, in order) replaces its checklist,
    ``requirements_en`` their English names in the same order (puls.translated). It is open for
    applications only with a legal basis and terms in force today (the amount and the months
    paid); else the save is refused and nothing changes."""
    if is_open:
        _check_programme_may_open(programme, legal_basis=legal_basis)
    programme = programme or SubsidyProgramme()
    programme.name = name
    programme.name_en = name_en
    programme.legal_basis = legal_basis.strip()
    programme.description = description
    programme.description_en = description_en
    programme.eligible_categories = list(eligible_categories)
    programme.is_open = is_open
    programme.full_clean()
    created = programme.pk is None
    programme.save()
    if requirements is not None:
        existing = {row.name: row for row in programme.requirements.all()}
        english = list(requirements_en)
        keep = []
        for position, requirement_name in enumerate(requirements):
            row = existing.get(requirement_name) or SubsidyDocumentRequirement(
                programme=programme, name=requirement_name
            )
            row.position = position
            row.name_en = english[position] if position < len(english) else ""
            row.full_clean()
            row.save()
            keep.append(row.pk)
        programme.requirements.exclude(pk__in=keep).delete()
    audit_record(
        actor=by,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        target=programme,
    )
    return programme


def _check_programme_may_open(programme: SubsidyProgramme | None, *, legal_basis: str) -> None:
    if not legal_basis.strip():
        raise ValidationError(
            {"legal_basis": _("Write the legal basis: a programme cannot open without it.")}
        )
    terms = programme.terms_today if programme is not None else None
    if terms is None or terms.months_paid is None:
        raise ValidationError(
            {
                "is_open": _(
                    "A programme opens for applications only with its terms in force: save it "
                    "closed, enter the monthly amount and the months it is paid (in force today "
                    "or earlier), then open it."
                )
            }
        )


@transaction.atomic
def subsidy_amount_add(
    *,
    programme: SubsidyProgramme,
    by: User,
    amount: Decimal,
    months_paid: int | None,
    effective_from: datetime.date,
    months_to_keep: int | None = None,
    note: str = "",
) -> SubsidyAmount:
    """Record the programme's terms from ``effective_from`` on: the monthly amount, the months it
    is paid and, when the law sets it, the months the person must be kept employed (earlier terms
    stay in force for earlier dates)."""
    row = SubsidyAmount(
        programme=programme,
        amount=amount,
        months_paid=months_paid,
        months_to_keep=months_to_keep,
        effective_from=effective_from,
        note=note,
        entered_by=by,
    )
    row.full_clean()
    row.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=row)
    return row


@transaction.atomic
def subsidy_application_create(
    *,
    company: Company,
    programme: SubsidyProgramme,
    by: User,
    category: str,
    persons: int = 1,
    notes: str = "",
) -> SubsidyApplication:
    _require_member(company, by)
    if not company.is_verified:
        _refuse(_("The agency must verify your company before you can apply for subsidies."))
    if not _accepts_applications(programme):
        _refuse(_("This programme is not open for applications."))
    if category not in programme.eligible_categories:
        raise ValidationError({"category": _("This programme does not cover that category.")})
    application = SubsidyApplication(
        company=company,
        programme=programme,
        category=category,
        persons=persons,
        notes=notes,
        created_by=by,
    )
    application.full_clean()
    application.save()
    audit_record(actor=by, action=AuditEntry.Action.CREATE, target=application)
    return application


def _accepts_applications(programme: SubsidyProgramme) -> bool:
    return (
        SubsidyProgramme.objects.accepting_applications(timezone.localdate())
        .filter(pk=programme.pk)
        .exists()
    )


def checklist_missing(application: SubsidyApplication) -> list[SubsidyDocumentRequirement]:
    """The checklist items that have no document (a rejected or replaced one does not count)."""
    present = set(
        application.documents.filter(
            review__in=[CompanyDocument.Review.PENDING, CompanyDocument.Review.ACCEPTED],
            requirement__isnull=False,
        ).values_list("requirement_id", flat=True)
    )
    return [row for row in application.programme.requirements.all() if row.pk not in present]


@transaction.atomic
def subsidy_application_submit(*, application: SubsidyApplication, by: User) -> SubsidyApplication:
    application = SubsidyApplication.objects.select_for_update().get(pk=application.pk)
    _require_member(application.company, by)
    transition_check(application, to=ApplicationStatus.SUBMITTED)
    if not _accepts_applications(application.programme):
        _refuse(_("This programme is not open for applications."))
    missing = checklist_missing(application)
    if missing:
        raise ValidationError(
            _("Attach every required document first. Missing: %(names)s.")
            % {"names": "; ".join(row.name for row in missing)},
            code="checklist_incomplete",
        )
    application.submitted_at = timezone.now()
    transition(application, to=ApplicationStatus.SUBMITTED, by=by, update_fields=["submitted_at"])
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=application)
    return application


@transaction.atomic
def subsidy_application_decide(
    *,
    application: SubsidyApplication,
    by: User,
    approve: bool,
    reason: str = "",
    today: datetime.date | None = None,
) -> SubsidyApplication:
    """Approve (with the amount in force on the decision date) or reject (with a reason)."""
    application = (
        SubsidyApplication.objects.select_for_update(of=("self",))
        .select_related("programme", "company")
        .get(pk=application.pk)
    )
    transition_check(
        application, to=ApplicationStatus.APPROVED if approve else ApplicationStatus.REJECTED
    )
    today = today or timezone.localdate()
    if approve:
        if application.documents.exclude(
            review__in=[CompanyDocument.Review.ACCEPTED, CompanyDocument.Review.REPLACED]
        ).exists():
            _refuse(
                _("Review every document of the application (all accepted) before approving it.")
            )
        terms = application.programme.terms_on(today)
        if terms is None or terms.months_paid is None:
            _refuse(
                _(
                    "No terms (amount and months paid) are in force for this programme on "
                    "%(date)s; an administrator must enter them first."
                )
                % {"date": date_long(today)}
            )
        application.amount = terms.amount
        application.months_paid = terms.months_paid
        application.months_to_keep = terms.months_to_keep
        to = ApplicationStatus.APPROVED
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Say why the application is rejected.")})
        to = ApplicationStatus.REJECTED
    application.decided_at = timezone.now()
    application.decided_by = by
    application.decision_reason = reason.strip()
    transition(
        application,
        to=to,
        by=by,
        reason=reason.strip(),
        update_fields=[
            "decided_at",
            "decided_by",
            "decision_reason",
            "amount",
            "months_paid",
            "months_to_keep",
        ],
    )
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=application)

    def message() -> str:  # in each recipient's language
        if application.months_paid is not None:  # approved: the terms granted are set
            return ngettext(
                "Your application to “%(programme)s” was approved: %(amount)s RON a month per "
                "person, for %(months)d month.",
                "Your application to “%(programme)s” was approved: %(amount)s RON a month per "
                "person, for %(months)d months.",
                application.months_paid,
            ) % {
                "programme": application.programme.display_name,
                "amount": application.amount,
                "months": application.months_paid,
            }
        return _("Your application to “%(programme)s” was rejected. Reason: %(reason)s") % {
            "programme": application.programme.display_name,
            "reason": application.decision_reason,
        }

    users_notify(
        users=_company_users(application.company),
        subject=lambda: _("Decision on your subsidy application"),
        message=message,
        link=reverse("employers:application_detail", args=[application.pk]),
    )
    return application


@transaction.atomic
def subsidy_application_withdraw(
    *, application: SubsidyApplication, by: User
) -> SubsidyApplication:
    application = SubsidyApplication.objects.select_for_update().get(pk=application.pk)
    _require_member(application.company, by)
    transition(application, to=ApplicationStatus.WITHDRAWN, by=by)
    audit_record(actor=by, action=AuditEntry.Action.UPDATE, target=application)
    return application


def working_days_left(deadline: datetime.date, *, today: datetime.date | None = None) -> int:
    """Working days from today to ``deadline`` (negative when it passed)."""
    today = today or timezone.localdate()
    if deadline >= today:
        return workdays.working_days_between(today, deadline)
    return -workdays.working_days_between(deadline, today)
