from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .forms import AdminSignInForm
from .models import RoleAssignment, SignInThrottle, User

# The admin's sign-in counts failures and honours locks as the app's does.
admin.site.login_form = AdminSignInForm


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
    change_user_password_template = "admin/accounts/user/change_password.html"  # noqa: S105

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            messages.info(request, _("The person’s API tokens were revoked with the old password."))
        return response


@admin.register(SignInThrottle)
class SignInThrottleAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # generic only in the stubs
    list_display = ["scope", "username", "failures", "last_failure_at", "locked_until"]
    list_filter = ["scope"]
