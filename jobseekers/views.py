from django.shortcuts import render

from puls.accounts.models import Role
from puls.accounts.permissions import role_required


@role_required(Role.JOBSEEKER)
def dashboard(request):
    return render(request, "jobseekers/dashboard.html")
