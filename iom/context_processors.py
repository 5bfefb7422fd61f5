from django.conf import settings

from iom.access import staff_of


def service(request):
    return {
        "service_name": "IOM case management",
        "demo_mode": settings.DEMO_MODE,
        "staff": staff_of(request.user) if hasattr(request, "user") else None,
    }
