from django.contrib import admin

from .models import (
    AgendaItem,
    ApiToken,
    DiscussionGroup,
    LibraryItem,
    Meeting,
    NoticeDelivery,
    Organisation,
    Representative,
)


class RepresentativeInline(admin.TabularInline):
    model = Representative
    fk_name = "organisation"
    extra = 0
    fields = ["user", "network_role", "started_at", "ended_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "county", "status", "joined_at"]
    list_filter = ["status", "kind", "county"]
    search_fields = ["name"]
    readonly_fields = ["status", "joined_at", "left_at", "submitted_by", "agreement"]
    inlines = [RepresentativeInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "scope", "status", "version"]
    list_filter = ["status", "scope"]
    search_fields = ["title"]
    readonly_fields = ["status", "version", "published_at", "cancelled_at"]
    inlines = [AgendaItemInline]


@admin.register(NoticeDelivery)
class NoticeDeliveryAdmin(admin.ModelAdmin):
    list_display = ["meeting", "recipient", "kind", "version", "created_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in NoticeDelivery._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(LibraryItem)
class LibraryItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "scope", "shared_at", "downloads"]
    list_filter = ["kind", "scope"]
    search_fields = ["title"]
    readonly_fields = ["downloads", "search_text"]


@admin.register(DiscussionGroup)
class DiscussionGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "scope", "county", "region"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["user", "prefix", "token_hash", "created_at", "last_used_at"]
