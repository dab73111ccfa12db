"""The profile-manager page: a shell; everything on it talks to the REST API."""

from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import ensure_csrf_cookie


@staff_member_required(login_url="login")
@ensure_csrf_cookie
def manager(request: HttpRequest) -> HttpResponse:
    """The API & Models page; the CSRF cookie lets its script send X-CSRFToken."""
    return render(request, "profiles/manager.html")
