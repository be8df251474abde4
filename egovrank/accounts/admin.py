from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .forms import AdminSignInForm
from .models import RoleAssignment, SignInThrottle, User

# The admin's sign-in counts failures and honours locks as the app's does.
admin.site.login_form = AdminSignInForm


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["unit"]
    readonly_fields = ["granted_at", "granted_by"]


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = ["username", "full_name", "email", "unit", "is_active"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (*UserAdmin.fieldsets, ("egovrank", {"fields": ("full_name", "unit", "phone")}))
    inlines = [RoleInline]


@admin.register(SignInThrottle)
class SignInThrottleAdmin(admin.ModelAdmin):
    list_display = ["username", "failures", "last_failure_at", "locked_until"]
