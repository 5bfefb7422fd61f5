from django.contrib import admin

from iom.models import Agency, Alias, Area, Event, Level, Membership, Nominal, Scheme, StaffProfile


class AreaInline(admin.TabularInline):
    model = Area
    extra = 0


class LevelInline(admin.TabularInline):
    model = Level
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "policy"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AreaInline, LevelInline]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "scheme"]
    list_filter = ["scheme", "kind"]


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "scheme", "role"]
    list_filter = ["scheme", "role", "agency__kind"]
    list_select_related = ["user", "agency", "scheme"]
    raw_id_fields = ["user"]


class AliasInline(admin.TabularInline):
    model = Alias
    extra = 0


@admin.register(Nominal)
class NominalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date_of_birth", "pnc_id", "crn", "scheme"]
    list_filter = ["scheme", "is_ppo", "mappa_level"]
    search_fields = ["last_name", "first_names", "pnc_id", "crn"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by", "ref"]
    inlines = [AliasInline]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["nominal", "kind", "date", "offence", "recorded_by", "recorded_at"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    raw_id_fields = ["nominal"]
    list_select_related = ["nominal", "recorded_by"]
    readonly_fields = ["recorded_at", "recorded_by", "ref"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["nominal", "scheme", "level", "start", "end", "exit_reason"]
    list_filter = ["scheme", "level", "exit_reason"]
    raw_id_fields = ["nominal", "lead_professional", "police_officer"]
    list_select_related = ["nominal", "scheme", "level"]
