"""Who may enter the network's pages, checked on every request.

Three circles, each a decorator built on puls.accounts.permissions.role_required:

* ``network_manager_required``: staff who run the network (agency administrators, national
  analysts, superusers): organisations, meetings, minutes, groups, reports;
* ``network_member_required``: representatives whose organisation is an approved member *now*:
  the membership is looked up on every request, so a refused or removed organisation's
  representatives lose access at once, whatever their session or role says;
* ``network_reader_required``: members and every SPO staff role (counsellors read).

``network_participant_required`` (members and managers) guards what writes into the shared
spaces: library items, threads and replies.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied

from puls.accounts.models import Role
from puls.accounts.permissions import role_required

from . import selectors

MANAGER_ROLES = (Role.AGENCY_ADMIN, Role.NATIONAL_ANALYST)
READER_STAFF_ROLES = (Role.COUNSELLOR, *MANAGER_ROLES)


def _network_check(*roles, members):
    def decorator(view):
        @role_required(*roles, *((Role.NETWORK_MEMBER,) if members else ()))
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            representative = None
            if user.role == Role.NETWORK_MEMBER or not roles:
                # Members-only pages need a current representation even for a superuser.
                representative = selectors.current_representation(user)
                if representative is None:
                    raise PermissionDenied
            request.network_representative = representative
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# the network dashboard: every network-member account, current representation or not
network_role_required = role_required(Role.NETWORK_MEMBER)
# applying to join: accounts people created themselves, and members (for another organisation)
network_applicant_required = role_required(Role.JOBSEEKER, Role.EMPLOYER, Role.NETWORK_MEMBER)
network_manager_required = _network_check(*MANAGER_ROLES, members=False)
network_member_required = _network_check(members=True)
network_reader_required = _network_check(*READER_STAFF_ROLES, members=True)
network_participant_required = _network_check(*MANAGER_ROLES, members=True)


def is_network_manager(user):
    return user.is_authenticated and (user.is_superuser or user.role in MANAGER_ROLES)


def may_close_project(user, representative, project):
    """The proposing organisation's representatives and the network's staff close a project."""
    if is_network_manager(user):
        return True
    return representative is not None and representative.organisation_id == project.proposed_by_id


def may_cancel_event(user, representative, event):
    """The organising member's representatives and the staff who moderate it cancel an event."""
    if event.status not in (event.Status.SUBMITTED, event.Status.PUBLISHED):
        return False
    if representative is not None and representative.organisation_id == event.organisation_id:
        return True
    return may_moderate_event(user, event)


def may_moderate_event(user, event):
    """The staff who manage the organising member (its county's, or national) moderate its events."""
    return (
        is_network_manager(user)
        and selectors.events_moderated_by(user).filter(pk=event.pk).exists()
    )
