from rest_framework.permissions import SAFE_METHODS, BasePermission

from iom.access import can_record, is_coordinator, staff_of


class IsStaffMember(BasePermission):
    """Only signed-in partnership staff reach the API; records are then filtered per user."""

    message = "Your account is not linked to an agency and scheme."

    def has_permission(self, request, view):
        return staff_of(request.user) is not None


class CanRecordOrReadOnly(IsStaffMember):
    """Managers and other read-only roles may look but not write (iom.access.can_record)."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS or can_record(request.user):
            return True
        self.message = "Your role may view records but not create or change them."
        return False


class IsCoordinatorOrReadOnly(IsStaffMember):
    """Starting and ending cohort spells is for co-ordinators and administrators."""

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        if request.method in SAFE_METHODS or is_coordinator(request.user):
            return True
        self.message = "Only IOM co-ordinators and administrators may start or end a spell."
        return False
