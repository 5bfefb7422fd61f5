from django.contrib import admin

from performance.models import NeedsAssessment, NeedScore, NeedsPolicy, OffenceUnitCost


@admin.register(OffenceUnitCost)
class OffenceUnitCostAdmin(admin.ModelAdmin):
    list_display = ["category", "scheme", "unit_cost", "is_placeholder"]
    list_filter = ["scheme", "is_placeholder"]
    search_fields = ["category", "source"]


@admin.register(NeedsPolicy)
class NeedsPolicyAdmin(admin.ModelAdmin):
    list_display = ["scheme", "overdue_days"]


class NeedScoreInline(admin.TabularInline):
    model = NeedScore
    extra = 0
    can_delete = False
    readonly_fields = ["pathway", "score"]

    def has_add_permission(self, request, obj=None):
        return False  # written by performance.services only, one row per pathway


@admin.register(NeedsAssessment)
class NeedsAssessmentAdmin(admin.ModelAdmin):
    list_display = ["membership", "date", "assessor"]
    list_select_related = ["membership__nominal", "membership__scheme", "assessor"]
    raw_id_fields = ["membership", "assessor"]
    readonly_fields = ["recorded_at"]
    inlines = [NeedScoreInline]
