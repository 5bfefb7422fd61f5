from django.contrib import admin

from tasking.models import Action, Attendance, Decision, ExitReview, Meeting


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "scheme", "chair"]
    list_filter = ["scheme", "kind"]
    date_hierarchy = "date"
    inlines = [AttendanceInline]
    raw_id_fields = ["chair"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read-only: decisions are the record of what a meeting decided."""

    list_display = ["decided_at", "kind", "nominal", "meeting", "decided_by"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "agency", "due_date", "completed_at"]
    raw_id_fields = ["nominal", "owner", "completed_by", "meeting"]


@admin.register(ExitReview)
class ExitReviewAdmin(admin.ModelAdmin):
    list_display = ["membership", "due_date", "proposal", "status"]
    list_filter = ["status", "proposal"]
    raw_id_fields = ["membership", "decided_by"]
