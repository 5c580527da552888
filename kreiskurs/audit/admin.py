"""The audit log in the admin: read-only, and for platform admins (superusers) only.

This is where the installation-wide entries (``district`` empty: registrations,
the installation's legal pages) can be read; a district's team reads its own
log in the back office (``strategy:audit_log``), which never shows them.
"""

from typing import Any

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "district", "action", "object_type", "object_repr", "actor")
    list_filter = (("district", admin.EmptyFieldListFilter), "action")
    search_fields = ("object_repr", "object_type")
    list_select_related = ("district", "actor")

    def has_module_permission(self, request: Any) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_view_permission(self, request: Any, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
