from django.contrib import admin

from gsoc.admin import ReadOnlyAdmin, ReadOnlyInline
from reviews.models import CommentRevision, ReviewComment, RubricAnswer, SignOff


class RubricInline(ReadOnlyInline):
    model = RubricAnswer


@admin.register(ReviewComment)
class ReviewCommentAdmin(ReadOnlyAdmin):
    # A comment is signed by its author: nobody rewrites it here. Managers hide comments
    # in the app, which records who hid it and why.
    list_display = ("idea", "author", "created_at", "is_addressed", "is_hidden")
    list_filter = ("is_addressed", "is_hidden")
    list_select_related = ("idea", "author")
    search_fields = ("body", "author__username", "idea__title")
    inlines = [RubricInline]


@admin.register(CommentRevision)
class CommentRevisionAdmin(ReadOnlyAdmin):
    list_display = ("comment", "created_at")
    list_select_related = ("comment__author", "comment__idea")


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    # Self-contained so it can move with the model. Sign-offs are given and withdrawn in
    # the app through gsoc.workflow, which moves the idea between states; the Activity log
    # keeps their history, so nothing here may add, change or delete one.
    list_display = ("idea", "committer", "version", "signed_at", "withdrawn_at")
    list_select_related = ("idea", "committer")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
