"""Reports in the admin. Generated files are private: linked through the checked download view.
Questionnaires are defined here (questions inline, a choice question's options on its page)."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from puls.workflow import transition_begin

from . import services
from .models import (
    Milestone,
    MonthlyStatistic,
    Option,
    Programme,
    ProgrammeTarget,
    Question,
    Questionnaire,
    ReportRun,
    TargetStage,
)


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "start_date", "duration_months"]
    inlines = [MilestoneInline]


class TargetStageInline(admin.TabularInline):
    model = TargetStage
    extra = 0


@admin.register(ProgrammeTarget)
class ProgrammeTargetAdmin(admin.ModelAdmin):
    """The programmes' conditions and other targets beside the monthly indicators (seeds 001 and
    002): texts, figures and means of verification are corrected here, without a release."""

    list_display = ["title", "programme", "condition", "target", "measure"]
    list_filter = ["programme", "measure"]
    list_select_related = ["programme"]
    inlines = [TargetStageInline]


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


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = [("position", "kind", "required"), ("area", "area_en"), "text", "text_en"]
    show_change_link = True  # a choice question's options are edited on its own page


class OptionInline(admin.TabularInline):
    model = Option
    extra = 0


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    """National administrators define questionnaires here; opening and closing them are the
    lifecycle's (the actions below, through the services), never an edit of the status."""

    list_display = ["code", "title", "audience", "recurrence", "opens_on", "closes_on", "status"]
    list_filter = ["status", "audience"]
    readonly_fields = ["status"]
    inlines = [QuestionInline]
    actions = ["open_questionnaires", "close_questionnaires"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            transition_begin(obj, by=request.user)

    def _run(self, request, queryset, service, done):
        for questionnaire in queryset:
            try:
                service(questionnaire=questionnaire, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{questionnaire}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                self.message_user(request, f"{questionnaire}: {done}", messages.SUCCESS)

    @admin.action(description=_("Open to respondents"))
    def open_questionnaires(self, request, queryset):
        self._run(request, queryset, services.questionnaire_open, _("The questionnaire is open."))

    @admin.action(description=_("Close"))
    def close_questionnaires(self, request, queryset):
        self._run(
            request, queryset, services.questionnaire_close, _("The questionnaire is closed.")
        )


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["questionnaire", "position", "text", "kind", "required"]
    list_filter = ["questionnaire"]
    inlines = [OptionInline]
