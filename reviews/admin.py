from django.contrib import admin

from gsoc.admin import ReadOnlyAdmin, ReadOnlyInline
from reviews.models import CommentRevision, ReviewComment, RubricAnswer


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
