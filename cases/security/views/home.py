from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from cases.security.roles import user_roles


@login_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.has_perm("cases.view_case"):
        return redirect("desk_home")
    return render(request, "cases/home.html", {"roles": user_roles(request.user)})
