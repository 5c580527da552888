"""Territory in the admin: read-only, because GV100AD is the source of truth."""

from typing import Any

from django.contrib import admin

from .models import District, MunicipalAssociation, Municipality, OutsideArea


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ("key", "name", "slug", "land_name", "population")
    search_fields = ("key", "name")


@admin.register(MunicipalAssociation)
class AssociationAdmin(ReadOnlyAdmin):
    list_display = ("key", "name", "type_code", "district")
    search_fields = ("key", "name")


@admin.register(Municipality)
class MunicipalityAdmin(ReadOnlyAdmin):
    list_display = ("ags", "ars", "name", "district", "type_code", "population")
    search_fields = ("ags", "ars", "name")
    list_filter = ("district", "type_code")


@admin.register(OutsideArea)
class OutsideAreaAdmin(ReadOnlyAdmin):
    list_display = ("ags", "name", "land_key", "type_code", "area_km2")
