from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import RoleAssignment, SignInThrottle, User


class RoleInline(admin.TabularInline):  # type: ignore[type-arg]  # generic only in the stubs
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["unit"]
    readonly_fields = ["granted_at", "granted_by"]


@admin.register(User)
class PersonAdmin(UserAdmin):  # type: ignore[type-arg]  # generic only in the stubs
    list_display = ["username", "full_name", "email", "unit", "is_active"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (
        *(UserAdmin.fieldsets or ()),
        ("egovrank", {"fields": ("full_name", "unit", "phone")}),
    )
    inlines = [RoleInline]


@admin.register(SignInThrottle)
class SignInThrottleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in the stubs
    list_display = ["username", "failures", "last_failure_at", "locked_until"]
