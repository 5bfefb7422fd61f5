"""The sign-in steps: password (Django's view, throttled by axes), then the authenticator code."""

import base64
import functools
import io
import math
from datetime import timedelta

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from iom.signin import services
from iom.signin.forms import SecurityCodeForm

SETUP_KEY_SESSION = "iom_totp_setup_key"
WRONG_CODE = "The security code is not correct. Enter the code your authenticator app shows now"


def _is_verified(user):
    return getattr(user, "is_verified", lambda: False)()


def _next_url(request):
    """Where to go once signed in: the `next` asked for, if it is on this site."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _step_url(name, next_url):
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


class SignInView(auth_views.LoginView):
    """Password first; outside demo mode the authenticator code comes next."""

    redirect_authenticated_user = True

    def get_success_url(self):
        next_url = super().get_success_url()
        if settings.DEMO_MODE or _is_verified(self.request.user):
            return next_url
        return _step_url("sign-in-code", next_url)


def locked_out(request, response=None, credentials=None):
    """Shown by axes (AXES_LOCKOUT_CALLABLE) instead of checking the password at all."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME / timedelta(minutes=1))
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "registration/locked_out.html", context, status=429)


def _signed_in_step(view):
    """The second step needs the first: anonymous visitors start again at the password."""

    @functools.wraps(view)
    def wrapped(request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        if _is_verified(request.user):
            return redirect(_next_url(request))
        return view(request)

    return never_cache(csrf_protect(sensitive_post_parameters("code")(wrapped)))


def _second_factor_done(request, device):
    """Mark the session verified, under a new session key (as Django does at each sign-in)."""
    django_otp.login(request, device)
    request.session.cycle_key()


def _throttle_error(device):
    """django-otp doubles the wait after each wrong code (1, 2, 4 ... seconds)."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    wait = (data["locked_until"] - timezone.now()).total_seconds()
    return f"Too many wrong security codes. Wait {max(1, math.ceil(wait))} seconds, then try again"


@_signed_in_step
def code(request):
    """Ask for the authenticator code of a user who has one; others set one up first."""
    device = services.confirmed_device(request.user)
    if device is None:
        return redirect(_step_url("sign-in-set-up", _next_url(request)))
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        error = _throttle_error(device)
        if error is None:
            verified = django_otp.verify_token(
                request.user, device.persistent_id, form.cleaned_data["code"]
            )
            if verified:
                _second_factor_done(request, verified)
                return redirect(_next_url(request))
            error = WRONG_CODE
        form.add_error("code", error)
    context = {"form": form, "next": _next_url(request)}
    return render(request, "registration/two_factor_code.html", context)


def _qr_data_uri(uri):
    """The setup link as a QR code, an SVG image inline in the page (no request, no script)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@_signed_in_step
def set_up(request):
    """First sign-in outside demo mode: add an authenticator app, proven by one code."""
    if services.confirmed_device(request.user) is not None:
        return redirect(_step_url("sign-in-code", _next_url(request)))
    key = request.session.get(SETUP_KEY_SESSION)
    if not key:
        key = request.session[SETUP_KEY_SESSION] = services.new_secret()
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.confirm_device(request.user, key, form.cleaned_data["code"])
        if device is not None:
            del request.session[SETUP_KEY_SESSION]
            _second_factor_done(request, device)
            messages.success(request, "Two-factor authentication is set up")
            return redirect(_next_url(request))
        form.add_error("code", WRONG_CODE)
    device = services.unsaved_device(request.user, key)
    secret = base64.b32encode(device.bin_key).decode("ascii")
    context = {
        "form": form,
        "otpauth_uri": device.config_url,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        "qr_code": _qr_data_uri(device.config_url),
        "next": _next_url(request),
    }
    return render(request, "registration/two_factor_set_up.html", context)
