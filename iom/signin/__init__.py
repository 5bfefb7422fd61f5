"""Signing in: password, then a time-based code (TOTP) from an authenticator app.

Outside demo mode every account needs two factors before it reaches any page. A user without a
confirmed authenticator is sent to set one up on first sign-in; an administrator resets a lost
one by deleting the user's TOTP device in the admin. Repeated wrong passwords lock the
username for that address out (django-axes); `manage.py axes_reset` or the admin lifts it.

API tokens are issued by administrators to machine clients (another agency's system), never
typed by people, so a token-authenticated request is treated as already strong. A person using
the API through their browser session needs the same verified session as the pages.
"""
