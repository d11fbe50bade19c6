from django.contrib import admin

from gsoc.models import (
    Activity,
    Idea,
    IdeaMentor,
    IdeaRevision,
    MentorOffer,
    Program,
    SignOff,
    Skill,
)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "phase", "ideas_deadline", "required_sign_offs")
    list_filter = ("phase",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_readonly_fields(self, request, obj=None):
        # An existing program changes phase only through the workflow (open, publish,
        # archive buttons), which checks and records it.
        return ("phase", "version") if obj is not None else ("version",)


class IdeaMentorInline(admin.TabularInline):
    model = IdeaMentor
    extra = 1
    autocomplete_fields = ("user",)


@admin.register(Idea)
class IdeaAdmin(admin.ModelAdmin):
    # State is read-only here: it changes only through gsoc.workflow.
    list_display = ("title", "program", "state", "difficulty_min", "difficulty_max", "project_size")
    list_filter = ("program", "state", "difficulty_min", "project_size")
    list_select_related = ("program",)
    search_fields = ("title", "description")
    readonly_fields = ("state", "version", "created_at", "updated_at")
    filter_horizontal = ("skills",)
    inlines = [IdeaMentorInline]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ("created_at", "actor", "verb", "program", "idea")
    list_filter = ("verb", "program")
    list_select_related = ("actor", "program", "idea")
    readonly_fields = ("verb", "actor", "program", "idea", "detail", "created_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(IdeaRevision)
class IdeaRevisionAdmin(admin.ModelAdmin):
    # Revisions are history: readable here, never edited.
    list_display = ("idea", "version", "author", "created_at", "summary")
    list_select_related = ("idea", "author")
    search_fields = ("idea__title", "summary")
    readonly_fields = ("idea", "version", "author", "created_at", "summary", "data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MentorOffer)
class MentorOfferAdmin(admin.ModelAdmin):
    list_display = ("idea", "user", "status", "created_at", "decided_by")
    list_filter = ("status",)
    list_select_related = ("idea", "user", "decided_by")
    readonly_fields = ("status", "decided_by", "decided_at", "created_at")


@admin.register(SignOff)
class SignOffAdmin(admin.ModelAdmin):
    list_display = ("idea", "committer", "version", "signed_at", "withdrawn_at")
    list_select_related = ("idea", "committer")
    readonly_fields = ("idea", "committer", "version", "signed_at", "withdrawn_at")
