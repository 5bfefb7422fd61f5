import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

# Paths anyone may reach: sign-in itself, health checks, static assets and the API (which
# answers 401/403 by its own rules rather than redirecting).
PUBLIC_PREFIXES = ("/sign-in/", "/healthz", "/static/", "/api/", "/admin/")


class LoginRequiredMiddleware:
    """Every page needs a signed-in user: a new view cannot be left open by mistake."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """End a session after its absolute lifetime, however active it has been.

    Inactivity is handled by Django itself: SESSION_COOKIE_AGE with SESSION_SAVE_EVERY_REQUEST
    makes the session expire that long after the last request.
    """

    KEY = "iom_signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(self.KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)
