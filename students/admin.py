from django.contrib import admin

from students.models import Interest


@admin.register(Interest)
class InterestAdmin(admin.ModelAdmin):
    list_display = ("student", "idea", "created_at", "withdrawn_at")
    list_select_related = ("student", "idea")
    search_fields = ("student__username", "idea__title")
