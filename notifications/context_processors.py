from notifications.services import unread_count


def unread(request):
    """The unread count for the navbar: one cheap query, only for signed-in users."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}
    return {"unread_notifications": unread_count(user)}
