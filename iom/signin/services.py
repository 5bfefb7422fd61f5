"""Setting up an authenticator: the secret stays in the session until a code proves it works."""

import logging
import time
from binascii import unhexlify

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

log = logging.getLogger(__name__)

DEVICE_NAME = "Authenticator app"


def new_secret():
    """A fresh 160-bit TOTP key, hex-encoded as django-otp stores it."""
    return random_hex(20)


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def confirm_device(user, key, code):
    """Store the authenticator as the user's device if `code` is right for `key`, else None.

    The time step the code used is recorded so the same code cannot be replayed to sign in.
    """
    totp = TOTP(unhexlify(key.encode()))
    totp.time = time.time()
    if not totp.verify(int(code), tolerance=1):
        return None
    with transaction.atomic():
        existing = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
        if existing.exists():
            # Set up meanwhile in another tab: never replace a device without its code.
            return None
        device = TOTPDevice.objects.create(
            user=user,
            name=DEVICE_NAME,
            key=key,
            confirmed=True,
            drift=totp.drift,
            last_t=totp.t(),
        )
    log.info("Two-factor authenticator set up for user %s", user.pk)
    return device


def unsaved_device(user, key):
    """The device the user is setting up, not saved: for its otpauth:// link and secret."""
    return TOTPDevice(user=user, name=DEVICE_NAME, key=key)
