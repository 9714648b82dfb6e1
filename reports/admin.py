"""Reports in the admin. Generated files are private: linked through the checked download view."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

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
    # The file fields themselves would be shown as links to their storage URL, which private
    # storage refuses to give (a server error): the files are offered through reports' download
    # view instead, which checks the permission and audits the download.
    exclude = ["pdf", "xlsx", "csv"]
    readonly_fields = ["files"]

    @admin.display(description=_("files"))
    def files(self, run):
        formats = [fmt for fmt in ("pdf", "xlsx", "csv") if getattr(run, fmt)]
        if not formats:
            return "—"
        return format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse("reports:report_download", args=[run.pk, fmt]), fmt.upper())
                for fmt in formats
            ),
        )
