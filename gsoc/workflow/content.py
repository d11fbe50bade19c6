"""An idea's content: creating it, editing it, its revisions, verifying and restoring.

Every saved change makes a revision (``IdeaRevision``) and an ``edited`` activity; a
change of reviewed content (``gsoc.schema.REVIEWED_FIELDS``) makes the sign-offs stale,
which may send the idea back to review (``transitions.update_review_state``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from gsoc import permissions
from gsoc.enums import IdeaState
from gsoc.models import Activity, Idea, IdeaRevision, Program, SignOff, Skill
from gsoc.schema import CONTENT_FIELDS, reviewed_fields_in_words
from gsoc.slugs import free_slug
from gsoc.workflow.base import EditConflict, lock_idea, lock_program, record
from gsoc.workflow.mentoring import invite_co_mentors
from gsoc.workflow.revisions import IdeaContent, save_content, save_revision, set_mentors
from gsoc.workflow.transitions import transition


def _unique_slug(program: Program, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "idea"
    return free_slug(
        base, taken=lambda slug: Idea.objects.filter(program=program, slug=slug).exists()
    )


def create_idea(program: Program, content: IdeaContent, *, by, submit: bool = False) -> Idea:
    """Create an idea with ``by`` as first mentor (and ``content.mentors`` after them, for
    callers that bring mentors who agreed already: the demo, an import); as a draft or
    submitted for review. ``content.invite`` are invited as co-mentors."""
    permissions.can_submit_idea(by, program).enforce()
    mentors = [by] + [user for user in content.mentors if user.pk != by.pk]
    permissions.mentor_room(len(mentors), len(content.invite)).enforce()
    with transaction.atomic():
        # Serialises creations in one program, so two at once can't pick the same slug.
        program = lock_program(program, settings_only=True)
        idea = Idea(program=program, slug=_unique_slug(program, content.fields["title"]))
        for name, value in content.fields.items():
            setattr(idea, name, value)
        idea.verified_at = timezone.localdate()
        idea.full_clean(exclude=["slug"])
        idea.save()
        set_mentors(idea, mentors)
        idea.skills.set(Skill.get_or_create_many(content.skills))
        save_revision(idea, by=by, summary=content.summary or "Created")
        record(Activity.Verb.CREATED, by=by, program=program, idea=idea)
        if content.invite:
            invite_co_mentors(idea, content.invite, by=by)
        if submit:
            transition(idea, "submit", by=by, locked=True)
    return idea


def update_idea(idea: Idea, content: IdeaContent, *, by, expected_version: int) -> Idea:
    """Save an edit of an idea, refusing it if someone else saved since ``expected_version``.

    Bumps ``version`` when anything changed and records an ``edited`` activity listing the
    changed fields; invites ``content.invite``. Raises EditConflict, PermissionDenied or
    ValidationError.
    """
    with transaction.atomic():
        locked = lock_idea(idea)
        permissions.can_edit_idea(by, locked).enforce()
        if locked.version != expected_version:
            raise EditConflict(locked)
        if content.invite:
            invite_co_mentors(locked, content.invite, by=by)
        save_content(locked, content, by=by)
    return locked


def verify(idea: Idea, *, by) -> Idea:
    """A mentor confirms an idea still holds for this program ("Verified: <date>")."""
    with transaction.atomic():
        locked = lock_idea(idea)
        permissions.can_edit_idea(by, locked).enforce()
        locked.verified_at = timezone.localdate()
        locked.save(update_fields=["verified_at", "updated_at"])
        record(Activity.Verb.VERIFIED, by=by, program=locked.program, idea=locked)
    return locked


def stale_edit_warning(idea: Idea) -> str:
    """What an editor (or someone adding a co-mentor) is told before changing reviewed
    content of a signed-off idea."""
    signed = SignOff.objects.active().filter(idea=idea, version__gte=idea.reviewed_version)
    if not signed.exists():
        return ""
    fields = reviewed_fields_in_words()
    if idea.state == IdeaState.APPROVED and idea.program.phase == "published":
        return (
            f"This idea is on the published final list. Changing its {fields} makes the "
            "committers' sign-offs stale: it stays on the list, marked as changed, until "
            "they sign it off again."
        )
    if idea.state == IdeaState.APPROVED:
        return (
            f"This idea is approved for the final list. Changing its {fields} makes the "
            "committers' sign-offs stale: it goes back to review and leaves the final list "
            "until it is signed off and approved again."
        )
    return (
        f"Committers have signed off this revision. Changing its {fields} makes their "
        "sign-offs stale and sends the idea back to review until they sign again."
    )


def restore_revision(idea: Idea, revision: IdeaRevision, *, by, expected_version: int) -> Idea:
    """Save an old revision's content again, as a new revision "Restored revision N".

    Goes through ``update_idea``, so it re-checks permission and ``expected_version``
    (raising PermissionDenied or EditConflict), bumps the version, writes the ``edited``
    activity and makes sign-offs stale when reviewed content changes. The mentors stay as
    they are: people join an idea by accepting an invitation, and the order of the current
    mentors follows the revision where it can. When the revision matches the current
    content nothing is saved and the idea comes back with its version unchanged.
    """
    if revision.idea_id != idea.pk:
        raise ValidationError("That revision belongs to another idea.")
    data = revision.data
    current = [link.user for link in idea.mentor_links.select_related("user")]
    order = {name: i for i, name in enumerate(data.get("mentors") or [])}
    mentors = sorted(current, key=lambda user: order.get(user.username, len(order)))
    content = IdeaContent(
        fields={name: data.get(name, getattr(idea, name)) for name in CONTENT_FIELDS},
        skills=list(data.get("skills") or []),
        mentors=mentors,
        summary=f"Restored revision {revision.version}",
    )
    with transaction.atomic():
        saved = update_idea(idea, content, by=by, expected_version=expected_version)
        if saved.version != expected_version:
            record(
                Activity.Verb.RESTORED,
                by=by,
                program=saved.program,
                idea=saved,
                from_version=revision.version,
                version=saved.version,
            )
    return saved
