from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Profile", {"fields": ("display_name", "affiliation")}),
    )
    list_display = ("username", "email", "display_name", "affiliation", "is_staff")
    search_fields = ("username", "email", "display_name", "affiliation")
