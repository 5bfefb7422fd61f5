from django.shortcuts import render
from django.utils import timezone

from iom.access import nominals_for_user, staff_of
from iom.models import Membership


def home(request):
    """The signed-in user's scheme at a glance."""
    staff = staff_of(request.user)
    context = {"staff": staff}
    if staff is not None:
        visible = nominals_for_user(request.user)
        context.update(
            scheme=staff.scheme,
            nominal_count=visible.count(),
            member_count=Membership.objects.filter(
                scheme=staff.scheme, end__isnull=True, nominal__in=visible
            ).count(),
            today=timezone.localdate(),
        )
    return render(request, "iom/home.html", context)
