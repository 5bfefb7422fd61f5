from django.contrib import admin

from matrix.models import MatrixSettings, MatrixSnapshot, OffenceWeight


@admin.register(MatrixSettings)
class MatrixSettingsAdmin(admin.ModelAdmin):
    list_display = ["scheme", "offence_window_months", "discretion_from", "panel_from"]
    list_select_related = ["scheme"]
    fieldsets = [
        (None, {"fields": ["scheme"]}),
        ("Offences", {"fields": ["offence_window_months"]}),
        (
            "Intelligence",
            {
                "fields": [
                    "intelligence_recent_days",
                    "intelligence_older_days",
                    "high_grade_score",
                    "other_grade_score",
                ]
            },
        ),
        ("Arrests", {"fields": ["arrest_window_months", "arrest_score"]}),
        (
            "Compliance",
            {
                "fields": [
                    "compliance_window_months",
                    "compliance_lower_threshold",
                    "compliance_lower_score",
                    "compliance_upper_threshold",
                    "compliance_upper_score",
                ]
            },
        ),
        ("Decision", {"fields": ["discretion_from", "panel_from"]}),
    ]


@admin.register(OffenceWeight)
class OffenceWeightAdmin(admin.ModelAdmin):
    list_display = ["offence", "weight", "heading", "position", "scheme"]
    list_editable = ["weight"]
    list_filter = ["scheme", "heading"]
    list_select_related = ["scheme"]


@admin.register(MatrixSnapshot)
class MatrixSnapshotAdmin(admin.ModelAdmin):
    list_display = ["nominal", "as_of", "total", "decision", "computed_at"]
    list_filter = ["scheme", "decision", "as_of"]
    raw_id_fields = ["nominal"]
    list_select_related = ["nominal"]
    readonly_fields = [f.name for f in MatrixSnapshot._meta.fields]

    def has_add_permission(self, request):
        return False
