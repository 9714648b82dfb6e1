from django.contrib import admin

from . import models


class OptionInline(admin.TabularInline):
    model = models.ProfilingOption
    extra = 0


@admin.register(models.ProfilingFactor)
class ProfilingFactorAdmin(admin.ModelAdmin):
    list_display = ["label", "code", "weight", "active", "order"]
    inlines = [OptionInline]


@admin.register(models.LevelThreshold)
class LevelThresholdAdmin(admin.ModelAdmin):
    list_display = ["level", "min_score"]


@admin.register(models.MeasureType)
class MeasureTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_referral", "active", "order"]
    autocomplete_fields = ["skills"]
