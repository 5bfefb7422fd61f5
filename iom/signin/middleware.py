from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

# Reachable before the second factor: the sign-in steps themselves, signing out, and what needs
# no user at all.
OPEN_PREFIXES = ("/sign-in/", "/sign-out/", "/static/", "/healthz")
API_PREFIX = "/api/"


def _has_api_token(request):
    """A machine client authenticating with an administrator-issued token (DRF checks it)."""
    scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "token" and bool(credentials.strip())


class TwoFactorRequiredMiddleware:
    """Outside demo mode, a password alone reaches nothing but the second sign-in step.

    Needs django_otp.middleware.OTPMiddleware before it (for user.is_verified()). Pages and the
    admin redirect to the code step; session-authenticated API requests get 403, while token
    requests are left to the API's own authentication (tokens are issued by administrators to
    machine clients and count as strong on their own).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.DEMO_MODE or not request.user.is_authenticated:
            return self.get_response(request)
        if request.user.is_verified() or request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if request.path.startswith(API_PREFIX):
            if _has_api_token(request):
                return self.get_response(request)
            return JsonResponse(
                {
                    "detail": "Two-factor authentication is required: finish signing in on "
                    "the website, or use an API token."
                },
                status=403,
            )
        code_url = reverse("sign-in-code")
        return redirect(f"{code_url}?{urlencode({'next': request.get_full_path()})}")
