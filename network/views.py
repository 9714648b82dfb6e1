from django.shortcuts import render

from puls.accounts.models import Role
from puls.accounts.permissions import role_required


@role_required(Role.NETWORK_MEMBER)
def dashboard(request):
    return render(request, "network/dashboard.html")
