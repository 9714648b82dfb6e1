"""Landing after sign-in, the sign-up page, and the dashboards of the agency administrator and
national analyst."""

from allauth.account.views import SignupView
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from puls.views import paginate

from . import selectors
from .models import Role
from .permissions import agency_admin_required, analyst_required

DASHBOARDS = {
    Role.JOBSEEKER: "jobseekers:dashboard",
    Role.EMPLOYER: "employers:dashboard",
    Role.COUNSELLOR: "casework:caseload",
    Role.AGENCY_ADMIN: "accounts:agency_dashboard",
    Role.NATIONAL_ANALYST: "reports:dashboard",
    Role.NETWORK_MEMBER: "network:dashboard",
}


# ?rol=angajator on a link to the sign-up page (the home page's "Register as an employer")
# preselects that role; anything else leaves the default (a person looking for a job).
SIGNUP_ROLES = {"angajator": Role.EMPLOYER, "persoana": Role.JOBSEEKER}


class PortalSignupView(SignupView):
    """allauth's sign-up page, with the role preselected from the link that led to it."""

    def get_initial(self):
        initial = super().get_initial()
        role = SIGNUP_ROLES.get(self.request.GET.get("rol", ""))
        if role:
            initial["role"] = role
        return initial


@login_required
def dashboard(request):
    if request.user.is_superuser:
        return redirect("admin:index")
    return redirect(DASHBOARDS[request.user.role])


@agency_admin_required
def agency_dashboard(request):
    agency = request.user.agency
    staff = paginate(request, selectors.staff_of_agency(agency), per_page=25)
    return render(request, "accounts/agency_dashboard.html", {"agency": agency, "staff": staff})


@analyst_required
def national_dashboard(request):
    agencies = selectors.agencies_with_staff_counts()
    return render(request, "accounts/national_dashboard.html", {"agencies": agencies})
