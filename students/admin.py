from django.contrib import admin

from gsoc.admin import ReadOnlyAdmin
from students.models import Interest


@admin.register(Interest)
class InterestAdmin(ReadOnlyAdmin):
    # Students register and withdraw in the app, which tells mentors and keeps the record.
    list_display = ("student", "idea", "created_at", "withdrawn_at")
    list_select_related = ("student", "idea")
    search_fields = ("student__username", "idea__title")
