"""Settings, read from the environment.

IOM_ENV=development (the default for a developer's machine) allows safe local defaults and an
embedded PostgreSQL/Redis under var/. Anything else is production: every secret must be given.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import pgtrigger
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("IOM_VAR_DIR", BASE_DIR / "var"))

IOM_ENV = os.environ.get("IOM_ENV", "development")
DEVELOPMENT = IOM_ENV == "development"
# Demo mode: the synthetic demo scheme, demo sign-ins, relaxed sign-in rules.
DEMO_MODE = os.environ.get("IOM_DEMO", "1" if DEVELOPMENT else "0") == "1"


def env(name, default=None, *, required_in_production=False):
    value = os.environ.get(name)
    if value:
        return value
    if required_in_production and not DEVELOPMENT:
        raise ImproperlyConfigured(f"{name} must be set when IOM_ENV is not 'development'.")
    return default


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env(
    "SECRET_KEY",
    "development-only-key-not-for-any-real-data-0123456789abcdefghijklmnop",
    required_in_production=True,
)
DEBUG = env("DEBUG", "1" if DEVELOPMENT else "0") == "1"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "guardian",
    "pgtrigger",
    "pghistory",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "iom",
    "audit",
    "referrals",
    "matrix",
    "rag",
    "tasking",
    "performance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "iom.middleware.LoginRequiredMiddleware",
    "iom.middleware.SessionLifetimeMiddleware",
    "iom.signin.middleware.TwoFactorRequiredMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iom.urls"
WSGI_APPLICATION = "iom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iom.context_processors.service",
            ],
        },
    },
]


def _embedded(name):
    # In development, the addresses of the engines the launcher started (see iom/embedded.py).
    if not DEVELOPMENT:
        return None
    from iom.embedded import read_engines_file

    return read_engines_file().get(name)


DATABASE_URL = (
    env("DATABASE_URL", required_in_production=True)
    or _embedded("DATABASE_URL")
    or "postgresql://postgres@127.0.0.1:5432/iom"
)
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = (
    env("REDIS_URL", required_in_production=True)
    or _embedded("REDIS_URL")
    or "redis://127.0.0.1:6379/0"
)

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username+address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling (django-axes): 5 wrong passwords for one username from one address lock
# that pair out for 30 minutes. Lift it early in the admin (Access attempts) or with
# `manage.py axes_reset_username USERNAME` (`axes_reset` lifts every lockout).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "iom.signin.views.locked_out"
# How many reverse proxies in front of the service append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "iom.signin.addresses.client_ip"
# Two-factor sign-in (django-otp, TOTP): required outside demo mode, see iom/signin.
OTP_TOTP_ISSUER = "IOM case management"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEVELOPMENT
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Sessions: ended after 30 minutes without a request, after 10 hours whatever happens, and with
# the browser; never readable by scripts. The expiry is pushed on at most once a minute
# (iom.middleware.SessionLifetimeMiddleware), not by a write on every request.
SESSION_COOKIE_AGE = int(env("SESSION_IDLE_TIMEOUT", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_ABSOLUTE_LIFETIME = int(env("SESSION_ABSOLUTE_LIFETIME", str(10 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Only this site's own scripts, styles, images and fonts. An inline <script> or <style> runs
# only with the per-request nonce ({{ request.csp_nonce }}); style="" attributes never apply.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
if not DEVELOPMENT:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env("SECURE_SSL_REDIRECT", "1") == "1"
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEVELOPMENT
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", "0") == "1"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "iom-no-reply@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous request is told how to authenticate (401).
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["iom.api.permissions.IsStaffMember"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]
    + (["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    "DATETIME_FORMAT": "iso-8601",
    "DATE_FORMAT": "iso-8601",
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "DEFAULT_SCHEMA_CLASS": "iom.api.schema.AutoSchema",
}

# The OpenAPI 3 schema at /api/v1/schema/ and its Swagger UI at /api/v1/docs/ (iom/api/schema_urls),
# the UI's scripts and styles are served from this site (drf-spectacular-sidecar), never a CDN.
SPECTACULAR_SETTINGS = {
    "TITLE": "IOM case management API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Nominals, their events and cohort spells, referrals, the matrix, RAG status, tasking "
        "meetings and performance figures of an Integrated Offender Management scheme.\n\n"
        "**Authentication**: a signed-in session (with its CSRF token for writes), or the header "
        "`Authorization: Token <key>`. Tokens are issued to machine clients by administrators "
        "with `manage.py drf_create_token <username>`; the user must be staff of a scheme.\n\n"
        "Every answer is filtered to what the user may see: a record outside it is a 404. "
        "Bad input is a 400 whose body names each field with a list of messages."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["iom.api.permissions.IsStaffMember"],
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ReferralStatusEnum": "referrals.models.Status",
        "ExitReviewStatusEnum": "tasking.models.ExitReview.Status",
        "ReportStatusEnum": "performance.report_models.PerformanceReport.Status",
        "RagColourEnum": "rag.models.Colour",
        "RagStatusEnum": "rag.rules.PRECEDENCE",
        "MeetingKindEnum": "tasking.models.Meeting.Kind",
        "DecisionKindEnum": "tasking.models.Decision.Kind",
    },
    # Swagger UI: no call to the public validator (the CSP would refuse it anyway).
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 60 * 60}
CELERY_TASK_ALWAYS_EAGER = env("CELERY_TASK_ALWAYS_EAGER", "0") == "1"
# Scheduled work; the database scheduler (django-celery-beat) picks these up and the admin can
# see and pause them.
CELERY_BEAT_SCHEDULE = {
    "rag-recompute-all": {"task": "rag.recompute_all", "schedule": crontab(hour=0, minute=5)},
    "tasking-run-exit-reviews": {
        "task": "tasking.run_exit_reviews",
        "schedule": crontab(hour=5, minute=30),
    },
    "performance-monthly-reports": {
        "task": "performance.generate_monthly_reports",
        "schedule": crontab(day_of_month=1, hour=2, minute=0),
    },
    "matrix-rescore-all": {
        "task": "matrix.rescore_all_schemes",
        "schedule": crontab(hour=0, minute=20),
    },
}

# Change history triggers fire once per statement (with transition tables), not once per row, so
# bulk imports and batch SQL are recorded without a per-row cost.
PGHISTORY_LEVEL = pgtrigger.Statement

GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False
ANONYMOUS_USER_NAME = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
