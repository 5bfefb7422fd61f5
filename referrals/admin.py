from django.contrib import admin

from referrals.models import Notification, Referral, ReferralTransition


class TransitionInline(admin.TabularInline):
    model = ReferralTransition
    extra = 0
    can_delete = False
    readonly_fields = ["from_status", "to_status", "by", "at", "reason"]

    def has_add_permission(self, request, obj=None):
        return False  # the history is written by referrals.services only


@admin.register(Referral)
class ReferralAdmin(admin.ModelAdmin):
    list_display = ["pk", "nominal", "referral_date", "decision", "status", "referring_agency"]
    list_filter = ["scheme", "status", "decision"]
    list_select_related = ["nominal", "referring_agency"]
    raw_id_fields = ["nominal", "referred_by", "offender_manager", "membership"]
    readonly_fields = ["decision", "tier", "reasons", "status", "membership", "created_at"]
    search_fields = ["nominal__last_name", "nominal__pnc_id", "nominal__crn"]
    inlines = [TransitionInline]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "text", "created", "read"]
    list_filter = ["read"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
