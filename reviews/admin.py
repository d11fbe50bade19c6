from django.contrib import admin

from reviews.models import CommentRevision, ReviewComment, RubricAnswer


class RubricInline(admin.StackedInline):
    model = RubricAnswer
    extra = 0


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    # Author and times are the signature: read-only even here.
    list_display = ("idea", "author", "created_at", "is_addressed", "is_hidden")
    list_filter = ("is_addressed", "is_hidden")
    list_select_related = ("idea", "author")
    search_fields = ("body", "author__username", "idea__title")
    readonly_fields = ("idea", "author", "parent", "created_at", "edited_at", "version")
    inlines = [RubricInline]


@admin.register(CommentRevision)
class CommentRevisionAdmin(admin.ModelAdmin):
    list_display = ("comment", "created_at")
    readonly_fields = ("comment", "body", "created_at")
