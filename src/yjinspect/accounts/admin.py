"""People and their roles in the admin site: an inspectorate admin creates sign-ins here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .models import Profile


class ProfileInline(admin.StackedInline[Profile, User]):
    model = Profile
    can_delete = False
    fk_name = "user"


class PersonAdmin(UserAdmin[User]):
    inlines = [ProfileInline]
    list_display = ("username", "email", "role", "is_active")
    list_select_related = ("profile",)

    @admin.display(description="role")
    def role(self, user: User) -> str:
        try:
            return str(user.profile.get_role_display())
        except Profile.DoesNotExist:
            return "—"


admin.site.unregister(User)
admin.site.register(User, PersonAdmin)
