from django.contrib import admin

from notifications.models import Mute, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "recipient",
        "kind",
        "message",
        "read_at",
        "email_claimed_at",
        "email_sent_at",
    )
    list_filter = ("kind",)
    list_select_related = ("recipient",)
    search_fields = ("message", "recipient__username")


@admin.register(Mute)
class MuteAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "channel")
    list_filter = ("kind", "channel")
