from django.contrib import admin

from .models import Milestone, MonthlyStatistic, Programme, ReportRun


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start_date", "duration_months"]
    inlines = [MilestoneInline]


@admin.register(MonthlyStatistic)
class MonthlyStatisticAdmin(admin.ModelAdmin):
    list_display = ["month", "county", "series", "value", "synthetic"]
    list_filter = ["series", "synthetic", "county"]


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["kind", "agency", "period_start", "period_end", "status", "requested_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["pdf", "xlsx", "csv"]
