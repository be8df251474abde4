from django.contrib import admin

from .models import Block, Unit, UnitSuccession


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in the stubs
    list_display = ["code", "name", "unit_kind", "order"]


class SuccessionInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in the stubs
    model = UnitSuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in the stubs
    list_display = ["code", "name", "kind", "block", "parent", "valid_from", "valid_until"]
    list_filter = ["block", "kind"]
    search_fields = ["code", "name", "short_name"]
    autocomplete_fields = ["parent"]
    inlines = [SuccessionInline]
