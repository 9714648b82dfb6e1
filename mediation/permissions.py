"""Named permissions of mediation (asked by views and by ``{% can %}`` in templates)."""

from puls.accounts.models import Role
from puls.accounts.permissions import has_role, permission

from .models import ProposalStatus


@permission("mediation:propose")
def can_propose(user, obj=None):
    """Counsellors match people and vacancies and propose them (the views are counsellor-only)."""
    return has_role(user, Role.COUNSELLOR)


@permission("mediation:withdraw")
def can_withdraw(user, proposal):
    """An open proposal is withdrawn by national staff or by a counsellor of its agency."""
    return proposal.is_open and (
        user.has_national_scope
        or (user.role == Role.COUNSELLOR and proposal.agency_id == user.agency_id)
    )


@permission("mediation:answer")
def can_answer(user, proposal):
    """The person answers a proposal made to them while it waits for their answer."""
    return proposal.profile.user_id == user.pk and proposal.status == ProposalStatus.PROPOSED


# The employer's side of a proposal is for employer representatives only (the selector has already
# narrowed them to their companies' proposals): a superuser does not decide for a company.


@permission("mediation:decide")
def can_decide(user, proposal):
    """The employer hires or turns down a candidate sent to them, before or after an interview."""
    return user.role == Role.EMPLOYER and proposal.status in (
        ProposalStatus.SENT,
        ProposalStatus.INTERVIEW,
    )


@permission("mediation:invite")
def can_invite(user, proposal):
    """The employer invites a candidate sent to them to an interview (once)."""
    return user.role == Role.EMPLOYER and proposal.status == ProposalStatus.SENT


@permission("mediation:read_shared_profile")
def can_read_shared_profile(user, proposal):
    """The employer reads what the candidate agreed to share with employers."""
    return user.role == Role.EMPLOYER


@permission("mediation:read_assessment")
def can_read_assessment(user, proposal):
    """How the score was reached and the proposal letter stay with the agency and the person:
    everyone who sees the proposal but the employer."""
    return user.role != Role.EMPLOYER
