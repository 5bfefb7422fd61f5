from django.conf import settings
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
