from django.contrib import admin

from audit.models import AccessLogEntry, CaseTeamPartner


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    """Read-only: the log is evidence; rows are written by the app and never changed."""

    list_display = ("at", "username", "action", "description", "justification_kind", "path")
    list_filter = ("action", "justification_kind")
    search_fields = ("username", "object_id", "query")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CaseTeamPartner)
class CaseTeamPartnerAdmin(admin.ModelAdmin):
    """Read-only here: add and remove partners on the nominal's case-team page, which keeps the
    case-team group and its permission in step."""

    list_display = ("nominal", "user", "agency", "added_by", "added_at")
    list_select_related = ("nominal", "user", "agency", "added_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
