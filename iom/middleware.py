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
    """End a session after its absolute lifetime, however active it has been, and after
    SESSION_COOKIE_AGE without a request.

    Inactivity: saving a session moves its expiry to SESSION_COOKIE_AGE from now. Saving on
    every request (SESSION_SAVE_EVERY_REQUEST) costs every page a write, so the session is
    saved when it changes or when the last save is SESSION_REFRESH_SECONDS old; an idle
    session then ends between SESSION_COOKIE_AGE − SESSION_REFRESH_SECONDS and
    SESSION_COOKIE_AGE after its last request.
    """

    KEY = "iom_signed_in_at"
    SAVED = "iom_saved_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(self.KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if now - request.session.get(self.SAVED, 0) >= settings.SESSION_REFRESH_SECONDS:
                request.session[self.SAVED] = now  # marks it modified: saved with a new expiry
        return self.get_response(request)
