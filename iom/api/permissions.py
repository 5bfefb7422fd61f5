from rest_framework.permissions import BasePermission

from iom.access import staff_of


class IsStaffMember(BasePermission):
    """Only signed-in partnership staff reach the API; records are then filtered per user."""

    message = "Your account is not linked to an agency and scheme."

    def has_permission(self, request, view):
        return staff_of(request.user) is not None
