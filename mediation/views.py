from django.shortcuts import render

from puls.accounts.models import Role
from puls.accounts.permissions import role_required


@role_required(Role.COUNSELLOR)
def dashboard(request):
    return render(request, "mediation/dashboard.html")
