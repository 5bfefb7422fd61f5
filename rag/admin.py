from django.contrib import admin

from rag.models import RagChange, RagStatus, RagSuggestion


@admin.register(RagSuggestion)
class RagSuggestionAdmin(admin.ModelAdmin):
    """Read-only: suggestions are computed from events, never typed."""

    list_display = ("nominal", "status", "as_of", "computed_at")
    list_filter = ("status",)
    search_fields = ("nominal__last_name", "nominal__pnc_id", "nominal__crn")
    list_select_related = ("nominal",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RagStatus)
class RagStatusAdmin(admin.ModelAdmin):
    """Read-only: confirm through the RAG page so the change is checked and recorded."""

    list_display = ("nominal", "status", "confirmed_at", "confirmed_by", "version")
    list_filter = ("status",)
    search_fields = ("nominal__last_name", "nominal__pnc_id", "nominal__crn")
    list_select_related = ("nominal", "confirmed_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RagChange)
class RagChangeAdmin(admin.ModelAdmin):
    list_display = ("nominal", "from_status", "to_status", "suggested", "changed_by", "changed_at")
    list_filter = ("to_status",)
    search_fields = ("nominal__last_name", "nominal__pnc_id", "nominal__crn")
    list_select_related = ("nominal", "changed_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
