"""Landing after sign-in, and the dashboards of the agency administrator and national analyst."""

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
