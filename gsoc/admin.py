from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.html import format_html

from gsoc import permissions, workflow
from gsoc.enums import Phase
from gsoc.forms import ProgramForm
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted here, not even by a superuser.

    These rows are written by gsoc.workflow (signatures, history, audit trail, students'
    registrations); changing them here would bypass its checks and its records.
    """

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Phases a program may start in; later phases are reached through the workflow buttons.
START_PHASES = (Phase.PREPARING, Phase.OPEN)


class ProgramAdminForm(forms.ModelForm):
    # The version the editor loaded, so that saving over someone else's change is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Sizes and intro follow the same rules as the app's program form.
    allowed_sizes = forms.CharField(
        max_length=100,
        initial="90, 175, 350",
        label="Allowed project sizes",
        help_text="Hours, comma-separated, e.g. 90, 175, 350.",
    )
    clean_allowed_sizes = ProgramForm.clean_allowed_sizes
    clean_intro = ProgramForm.clean_intro

    class Meta:
        model = Program
        fields = [*ProgramForm.Meta.fields, "allowed_sizes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "phase" in self.fields:  # adding: phase is read-only on existing programs
            self.fields["phase"].choices = [
                (value, label) for value, label in Phase.choices if value in START_PHASES
            ]
        if self.instance.pk and not self.is_bound:
            self.initial["loaded_version"] = self.instance.version
            self.initial["allowed_sizes"] = ", ".join(str(h) for h in self.instance.allowed_sizes)


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    """Programs are created and changed through gsoc.workflow.save_program, which checks
    that the user is a manager and records the activity."""

    form = ProgramAdminForm
    list_display = ("name", "slug", "phase", "ideas_deadline", "required_sign_offs")
    list_filter = ("phase",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_readonly_fields(self, request, obj=None):
        # An existing program changes phase only through the workflow (open, publish,
        # archive buttons), which checks and records it.
        return ("phase", "version") if obj is not None else ("version",)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_manage_programs(request.user)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_archived:
            return False  # archived programs are read-only, as in the app
        return super().has_change_permission(request, obj) and permissions.can_manage_programs(
            request.user
        )

    def has_delete_permission(self, request, obj=None):
        # A program with ideas can't be deleted (Idea.program is PROTECT): don't offer it.
        if obj is not None and obj.ideas.exists():
            return False
        return super().has_delete_permission(request, obj) and permissions.can_manage_programs(
            request.user
        )

    def save_model(self, request, obj, form, change):
        if change:
            workflow.save_program(
                obj, by=request.user, expected_version=form.cleaned_data.get("loaded_version")
            )
        else:
            workflow.save_program(obj, by=request.user)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except workflow.EditConflict:
            # The admin's transaction is rolled back; show the saved settings instead.
            self.message_user(
                request,
                "Someone else changed this program while you were editing it, so your changes "
                "were not saved. The page now shows their version; make your changes again.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)


class IdeaMentorInline(ReadOnlyInline):
    model = IdeaMentor
    fields = ("position", "user")


@admin.register(Idea)
class IdeaAdmin(ReadOnlyAdmin):
    # Ideas change only through gsoc.workflow (update_idea records a revision, bumps the
    # version and makes sign-offs stale), so the admin shows them and links to the app.
    list_display = ("title", "program", "state", "difficulty_min", "difficulty_max", "project_size")
    list_filter = ("program", "state", "difficulty_min", "project_size")
    list_select_related = ("program",)
    search_fields = ("title", "description")
    readonly_fields = ("app_page",)
    inlines = [IdeaMentorInline]

    def view_on_site(self, obj):
        return obj.get_absolute_url()

    @admin.display(description="page in the app")
    def app_page(self, obj):
        return format_html(
            '<a href="{}">Open this idea in the app</a> (mentors and managers edit it there)',
            obj.get_absolute_url(),
        )


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    # Skills are plain tags: renaming one is fine. Deleting one in use would silently
    # change those ideas' reviewed content, so it is refused like a protected relation.
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = Idea.objects.filter(skills__in=list(objs)).distinct().order_by("title")
        protected = [*protected, *(f"Idea: {idea}" for idea in in_use)]
        return to_delete, model_count, perms_needed, protected


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "actor", "verb", "program", "idea")
    list_filter = ("verb", "program")
    list_select_related = ("actor", "program", "idea")


@admin.register(IdeaRevision)
class IdeaRevisionAdmin(ReadOnlyAdmin):
    # Revisions are history: readable here, restored only from the idea's history page.
    list_display = ("idea", "version", "author", "created_at", "summary")
    list_select_related = ("idea", "author")
    search_fields = ("idea__title", "summary")


@admin.register(MentorOffer)
class MentorOfferAdmin(ReadOnlyAdmin):
    # Offers are made, accepted and declined in the app, which links the mentor.
    list_display = ("idea", "user", "status", "created_at", "decided_by")
    list_filter = ("status",)
    list_select_related = ("idea", "user", "decided_by")


@admin.register(SignOff)
class SignOffAdmin(ReadOnlyAdmin):
    # Sign-offs are given and withdrawn in the app through gsoc.workflow, which moves the
    # idea between states; the Activity log keeps their history.
    list_display = ("idea", "committer", "version", "signed_at", "withdrawn_at")
    list_select_related = ("idea", "committer")
