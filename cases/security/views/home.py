from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cases.security.roles import user_roles
from cases.security.terminal_checks import offices_without_networks


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.has_perm("cases.view_case"):
        return redirect("desk_home")
    context = {"roles": user_roles(request.user)}
    if request.user.has_perm("cases.change_office"):
        # The administrator sees at once which offices any terminal may use (PIA III-3 リスク2).
        context["open_offices"] = offices_without_networks()
    return render(request, "cases/home.html", context)
