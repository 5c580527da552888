"""Platform administration of accounts (superusers only).

Roles in districts are granted on the district's role page, where the
change is audited; here they are only listed.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Membership, User


@admin.register(User)
class KreiskursUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Kreiskurs", {"fields": ("display_name", "email_confirmed_at")}))  # type: ignore[misc]
    list_display = ("username", "display_name", "email", "is_active", "is_superuser")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "district", "role", "municipality")
    list_filter = ("role", "district")

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
