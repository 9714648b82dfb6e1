"""Named permissions of case management (asked by views and by ``{% can %}`` in templates)."""

from network import selectors as network_selectors
from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission

from .models import ReferralStatus


@permission("casework:counsel")
def can_counsel(user, obj=None):
    """Profiling, overriding a level and drawing up or issuing a plan are the counsellor's."""
    return has_role(user, Role.COUNSELLOR)


@permission("casework:assign_owners")
def can_assign_owners(user, obj=None):
    """The agency administrator chooses each person's case owner."""
    return has_role(user, Role.AGENCY_ADMIN)


# --- Referrals ------------------------------------------------------------------------------------
# The partner's side is asked of a referral read through selectors.referrals_received_by(user),
# the counsellor's of one read through selectors.referrals_for(user): the scope is the selector's,
# these rules add the role and the state.


def is_receiving_member(user, referral):
    """``user`` represents, now, the organisation the referral was sent to."""
    if not user.is_authenticated or user.role != Role.NETWORK_MEMBER:
        return False
    representative = network_selectors.current_representation(user)
    return representative is not None and representative.organisation_id == referral.organisation_id


@permission("casework:answer_referral")
def may_answer_referral(user, referral):
    """The receiving organisation's representatives accept or decline a referral sent to it."""
    return referral.status == ReferralStatus.SENT and is_receiving_member(user, referral)


@permission("casework:report_referral_outcome")
def may_report_referral_outcome(user, referral):
    """Once it accepted the referral, the organisation reports what came of it."""
    return referral.status == ReferralStatus.ACCEPTED and is_receiving_member(user, referral)


def partner_answers_online(referral):
    """Whether the receiving organisation has someone in PULS to answer (an active account that
    represents it now); ``selectors.case_detail`` annotates it as ``partner_online``."""
    known = getattr(referral, "partner_online", None)
    if known is not None:
        return known
    return network_selectors.organisation_members(referral.organisation).exists()


@permission("casework:record_referral_result")
def may_record_referral_result(user, referral):
    """The agency's staff record the outcome themselves only for an organisation nobody answers
    for in PULS (it has no current representative): otherwise the organisation reports it."""
    return (
        has_role(user, Role.COUNSELLOR, Role.AGENCY_ADMIN)
        and referral.status in (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
        and not partner_answers_online(referral)
    )


@permission("casework:withdraw_referral")
def may_withdraw_referral(user, referral):
    """A referral the organisation has not answered yet can be withdrawn by the agency's staff."""
    return has_role(user, Role.COUNSELLOR, Role.AGENCY_ADMIN) and referral.status == (
        ReferralStatus.SENT
    )
