"""Authenticator codes as an app computes them, for tests (unit and browser) of the sign-in."""

import time
from binascii import unhexlify

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_for_key(key_hex, offset=0):
    """The code an app with this key shows now (or `offset` time steps away)."""
    totp = TOTP(unhexlify(key_hex.encode()))
    totp.time = time.time() + offset * totp.step
    return f"{totp.token():06d}"


def code_for(device):
    return code_for_key(device.key)


def wrong_code_for(device):
    """A 6-digit code the device accepts in none of the time steps it tolerates."""
    accepted = {code_for_key(device.key, offset) for offset in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1000, 10**6, 7919) if f"{n:06d}" not in accepted)


def make_device(user):
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
