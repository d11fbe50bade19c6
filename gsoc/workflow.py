"""Every change of an idea's state or content goes through a function here.

Each function re-checks permission and the current state, runs in a transaction with
the idea row locked, saves with ``update_fields``, and writes an Activity row. Nothing
else assigns ``Idea.state``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from gsoc import permissions
from gsoc.enums import EDITABLE_PHASES, IdeaState, Phase
from gsoc.models import Activity, Idea, IdeaMentor, IdeaRevision, MentorOffer, Program, Skill
from notifications.models import Kind
from notifications.services import notify
from reviews.models import SignOff

CONTENT_FIELDS = (
    "title",
    "difficulty_min",
    "difficulty_max",
    "project_size",
    "skills_note",
    "description",
    "outcomes",
    "steps",
    "references",
    "is_program_eligible",
)


class EditConflict(Exception):
    """The idea changed since the editor loaded it; their text must not overwrite it."""

    def __init__(self, current: Idea):
        super().__init__("This idea was changed by someone else while you were editing it.")
        self.current = current


@dataclass
class IdeaContent:
    """What a mentor typed into the idea form, cleaned."""

    fields: dict
    skills: list[str]
    mentors: list  # users, in order
    summary: str = ""  # the optional edit summary


def _unique_slug(program: Program, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "idea"
    slug, n = base, 2
    while Idea.objects.filter(program=program, slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _record(verb: str, *, by, program: Program, idea: Idea | None = None, **detail) -> Activity:
    return Activity.objects.create(verb=verb, actor=by, program=program, idea=idea, detail=detail)


def _tell_mentors(activity: Activity, kind: Kind, message: str) -> None:
    idea = activity.idea
    notify(
        kind,
        recipients=[link.user for link in idea.mentor_links.select_related("user")],
        event=f"activity:{activity.pk}",
        message=message,
        url=idea.get_absolute_url(),
        actor=activity.actor,
    )


def _name(user) -> str:
    return user.get_display_name() if user is not None else "Someone"


def _set_mentors(idea: Idea, mentors: list) -> None:
    idea.mentor_links.all().delete()
    IdeaMentor.objects.bulk_create(
        IdeaMentor(idea=idea, user=user, position=i) for i, user in enumerate(mentors)
    )


def snapshot(idea: Idea) -> dict:
    """The idea's content as plain data, as a revision stores it."""
    data = {name: getattr(idea, name) for name in CONTENT_FIELDS}
    data["skills"] = sorted(skill.name for skill in idea.skills.all())
    data["mentors"] = [link.user.username for link in idea.mentor_links.select_related("user")]
    return data


def _save_revision(idea: Idea, *, by, summary: str = "") -> IdeaRevision:
    return IdeaRevision.objects.create(
        idea=idea, version=idea.version, author=by, summary=summary[:200], data=snapshot(idea)
    )


def _lock(idea: Idea) -> Idea:
    return Idea.objects.select_for_update().select_related("program").get(pk=idea.pk)


def create_idea(program: Program, content: IdeaContent, *, by, submit: bool = False) -> Idea:
    """Create an idea with ``by`` as first mentor; as a draft, or submitted for review."""
    if not permissions.can_submit_idea(by, program):
        raise PermissionDenied("Ideas can't be added to this program now.")
    mentors = [by] + [user for user in content.mentors if user.pk != by.pk]
    with transaction.atomic():
        # Serialises creations in one program, so two at once can't pick the same slug.
        Program.objects.select_for_update().filter(pk=program.pk).exists()
        idea = Idea(program=program, slug=_unique_slug(program, content.fields["title"]))
        for name, value in content.fields.items():
            setattr(idea, name, value)
        idea.verified_at = timezone.localdate()
        idea.full_clean(exclude=["slug"])
        idea.save()
        _set_mentors(idea, mentors)
        idea.skills.set(Skill.get_or_create_many(content.skills))
        _save_revision(idea, by=by, summary=content.summary or "Created")
        _record(Activity.Verb.CREATED, by=by, program=program, idea=idea)
        if submit:
            idea.state = IdeaState.NEEDS_REVIEW
            idea.save(update_fields=["state"])
            _record(Activity.Verb.SUBMITTED, by=by, program=program, idea=idea)
    return idea


def update_idea(idea: Idea, content: IdeaContent, *, by, expected_version: int) -> Idea:
    """Save an edit of an idea, refusing it if someone else saved since ``expected_version``.

    Bumps ``version`` when anything changed and records an ``edited`` activity listing the
    changed fields. Raises EditConflict, PermissionDenied or ValidationError.
    """
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied("Only the idea's mentors and community managers can change it.")
        if locked.version != expected_version:
            raise EditConflict(locked)
        if not content.mentors:
            raise ValidationError({"mentors": "An idea needs at least one mentor."})
        changed = [name for name, value in content.fields.items() if getattr(locked, name) != value]
        for name in changed:
            setattr(locked, name, content.fields[name])
        old_mentors = [link.user_id for link in locked.mentor_links.all()]
        new_mentors = [user.pk for user in content.mentors]
        if old_mentors != new_mentors:
            _set_mentors(locked, content.mentors)
            changed.append("mentors")
        new_skills = Skill.get_or_create_many(content.skills)
        if {s.pk for s in locked.skills.all()} != {s.pk for s in new_skills}:
            locked.skills.set(new_skills)
            changed.append("skills")
        if not changed:
            return locked
        locked.full_clean(exclude=["slug"])
        locked.version += 1
        locked.verified_at = timezone.localdate()
        if set(changed) & set(Idea.REVIEWED_FIELDS):
            locked.reviewed_version = locked.version
        locked.save()
        _save_revision(locked, by=by, summary=content.summary)
        _record(
            Activity.Verb.EDITED,
            by=by,
            program=locked.program,
            idea=locked,
            fields=changed,
            version=locked.version,
        )
        _update_review_state(locked, by=by)
    return locked


def submit(idea: Idea, *, by) -> Idea:
    """Move a draft to needs review."""
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied("Only the idea's mentors and community managers can submit it.")
        if locked.state != IdeaState.DRAFT:
            raise ValidationError("Only a draft can be submitted for review.")
        if locked.program.phase not in EDITABLE_PHASES:
            raise ValidationError("This program takes no more ideas.")
        locked.state = IdeaState.NEEDS_REVIEW
        locked.save(update_fields=["state", "updated_at"])
        _record(Activity.Verb.SUBMITTED, by=by, program=locked.program, idea=locked)
        # Sign-offs of unchanged content still count after a withdraw and reopen.
        _update_review_state(locked, by=by)
    return locked


def withdraw(idea: Idea, *, by) -> Idea:
    """Withdraw an idea from any state before the archive (mentor or manager)."""
    with transaction.atomic():
        locked = _lock(idea)
        if locked.state == IdeaState.WITHDRAWN:
            raise ValidationError("This idea is already withdrawn.")
        if not permissions.can_withdraw_idea(by, locked):
            raise PermissionDenied(
                "Only the idea's mentors and community managers can withdraw it."
            )
        previous = locked.state
        locked.state = IdeaState.WITHDRAWN
        locked.save(update_fields=["state", "updated_at"])
        activity = _record(
            Activity.Verb.WITHDRAWN, by=by, program=locked.program, idea=locked, previous=previous
        )
        _tell_mentors(activity, Kind.STATE, f"{_name(by)} withdrew “{locked.title}”.")
    return locked


def reopen(idea: Idea, *, by) -> Idea:
    """Bring a withdrawn idea back as a draft."""
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied("Only the idea's mentors and community managers can reopen it.")
        if locked.state != IdeaState.WITHDRAWN:
            raise ValidationError("Only a withdrawn idea can be reopened.")
        locked.state = IdeaState.DRAFT
        locked.save(update_fields=["state", "updated_at"])
        _record(Activity.Verb.REOPENED, by=by, program=locked.program, idea=locked)
    return locked


def stale_edit_warning(idea: Idea) -> str:
    """What an editor is told before saving reviewed content of a signed-off idea."""
    signed = SignOff.objects.active().filter(idea=idea, version__gte=idea.reviewed_version)
    if not signed.exists():
        return ""
    if idea.state == IdeaState.APPROVED:
        return (
            "This idea is approved for the final list. Changing its title, description, "
            "outcomes, steps, skills, difficulty, size or mentors makes the committers' "
            "sign-offs stale: it goes back to review and leaves the final list until it is "
            "signed off and approved again."
        )
    return (
        "Committers have signed off this revision. Changing its title, description, outcomes, "
        "steps, skills, difficulty, size or mentors makes their sign-offs stale and sends "
        "the idea back to review until they sign again."
    )


def current_sign_off_count(idea: Idea) -> int:
    return SignOff.objects.active().filter(idea=idea, version__gte=idea.reviewed_version).count()


def _update_review_state(locked: Idea, *, by) -> None:
    """Move a locked idea between needs_review and reviewed by its current sign-offs.

    Approved ideas whose sign-offs went stale leave the final list, unless it is published.
    """
    if locked.state == IdeaState.APPROVED and locked.program.phase == Phase.PUBLISHED:
        return  # the published final list is frozen
    enough = current_sign_off_count(locked) >= locked.program.required_sign_offs
    if locked.state == IdeaState.NEEDS_REVIEW and enough:
        locked.state = IdeaState.REVIEWED
        locked.save(update_fields=["state", "updated_at"])
        activity = _record(Activity.Verb.REVIEWED, by=by, program=locked.program, idea=locked)
        _tell_mentors(activity, Kind.STATE, f"“{locked.title}” is now community reviewed.")
    elif locked.state in (IdeaState.REVIEWED, IdeaState.APPROVED) and not enough:
        previous = locked.state
        locked.state = IdeaState.NEEDS_REVIEW
        locked.save(update_fields=["state", "updated_at"])
        activity = _record(
            Activity.Verb.BACK_TO_REVIEW,
            by=by,
            program=locked.program,
            idea=locked,
            previous=previous,
        )
        _tell_mentors(
            activity,
            Kind.STATE,
            f"“{locked.title}” went back to needs review: its sign-offs are stale or withdrawn.",
        )


def sign_off(idea: Idea, *, by, note: str = "") -> SignOff:
    """A committer signs off the idea's current revision (or re-signs a stale sign-off).

    Moves a needs_review idea to reviewed once the program's required number of current
    sign-offs is reached. Signing the same revision twice is refused with a message.
    """
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.is_committer(by):
            raise PermissionDenied("Only committers can sign off ideas.")
        if permissions.is_mentor_of(by, locked):
            raise PermissionDenied("You mentor this idea, so another committer must sign it off.")
        if locked.program.is_archived:
            raise ValidationError("This program is archived.")
        if locked.state not in (IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED):
            raise ValidationError(
                "Only submitted ideas can be signed off, not drafts or withdrawn ones."
            )
        existing = SignOff.objects.select_for_update().filter(idea=locked, committer=by).first()
        now = timezone.now()
        if existing and existing.is_current_for(locked):
            raise ValidationError(f"You have already signed off revision {existing.version}.")
        if existing:
            existing.version, existing.note = locked.version, note
            existing.signed_at, existing.withdrawn_at = now, None
            existing.save(update_fields=["version", "note", "signed_at", "withdrawn_at"])
            signed = existing
        else:
            signed = SignOff.objects.create(
                idea=locked, committer=by, version=locked.version, note=note, signed_at=now
            )
        activity = _record(
            Activity.Verb.SIGNED_OFF,
            by=by,
            program=locked.program,
            idea=locked,
            version=locked.version,
        )
        _tell_mentors(
            activity,
            Kind.SIGN_OFF,
            f"{_name(by)} signed off “{locked.title}” (revision {locked.version}).",
        )
        _update_review_state(locked, by=by)
    return signed


def withdraw_sign_off(idea: Idea, *, by) -> SignOff:
    """A committer takes back their sign-off; the idea may drop back to needs review."""
    with transaction.atomic():
        locked = _lock(idea)
        if locked.program.is_archived:
            raise ValidationError("This program is archived.")
        signed = SignOff.objects.select_for_update().filter(idea=locked, committer=by).first()
        if signed is None or not signed.is_active:
            raise ValidationError("You have no sign-off on this idea to withdraw.")
        signed.withdrawn_at = timezone.now()
        signed.save(update_fields=["withdrawn_at"])
        activity = _record(
            Activity.Verb.SIGN_OFF_WITHDRAWN, by=by, program=locked.program, idea=locked
        )
        _tell_mentors(
            activity, Kind.SIGN_OFF, f"{_name(by)} withdrew their sign-off of “{locked.title}”."
        )
        _update_review_state(locked, by=by)
    return signed


def _move_on_final_list(idea: Idea, *, by, approve_it: bool) -> Idea:
    """Put a reviewed idea on the final list, or take an approved one off (managers only,
    until the list is published)."""
    source, target = (
        (IdeaState.REVIEWED, IdeaState.APPROVED)
        if approve_it
        else (IdeaState.APPROVED, IdeaState.REVIEWED)
    )
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.is_manager(by):
            raise PermissionDenied("Only community managers change the final list.")
        if locked.program.is_archived:
            raise ValidationError("This program is archived.")
        if locked.program.phase == Phase.PUBLISHED:
            raise ValidationError("The final list is published and frozen.")
        if locked.state != source:
            raise ValidationError(
                "Only community-reviewed ideas can be approved."
                if approve_it
                else "This idea is not on the final list."
            )
        locked.state = target
        locked.save(update_fields=["state", "updated_at"])
        verb = Activity.Verb.APPROVED if approve_it else Activity.Verb.UNAPPROVED
        activity = _record(verb, by=by, program=locked.program, idea=locked)
        _tell_mentors(
            activity,
            Kind.STATE,
            f"“{locked.title}” is approved for the final list."
            if approve_it
            else f"“{locked.title}” was taken off the final list.",
        )
    return locked


def approve(idea: Idea, *, by) -> Idea:
    """A manager puts a community-reviewed idea on the final list."""
    return _move_on_final_list(idea, by=by, approve_it=True)


def unapprove(idea: Idea, *, by) -> Idea:
    """A manager takes an idea off the final list; it stays community reviewed."""
    return _move_on_final_list(idea, by=by, approve_it=False)


def save_program(program: Program, *, by, expected_version: int | None = None) -> Program:
    """Create or update a program from a validated form instance (managers only)."""
    if not permissions.can_manage_programs(by):
        raise PermissionDenied("Only community managers can change programs.")
    with transaction.atomic():
        if program.pk is None:
            program.save()
            _record(Activity.Verb.PROGRAM_CREATED, by=by, program=program)
            return program
        current = Program.objects.select_for_update().get(pk=program.pk)
        if expected_version is not None and current.version != expected_version:
            raise EditConflict(current)
        program.version = current.version + 1
        program.save()
        _record(Activity.Verb.PROGRAM_EDITED, by=by, program=program)
        if program.required_sign_offs != current.required_sign_offs:
            # Ideas may now have enough sign-offs, or too few.
            ideas = (
                Idea.objects.select_for_update()
                .select_related("program")
                .filter(
                    program=program,
                    state__in=(IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED),
                )
            )
            for idea in ideas:
                _update_review_state(idea, by=by)
    return program


# Programs: phases, the final list, carrying ideas forward.


def _lock_program(program: Program) -> Program:
    return Program.objects.select_for_update().get(pk=program.pk)


def open_program(program: Program, *, by) -> Program:
    """preparing -> open: ideas become public and reviews start."""
    with transaction.atomic():
        locked = _lock_program(program)
        if not permissions.can_manage_programs(by):
            raise PermissionDenied("Only community managers change a program's phase.")
        if locked.phase != Phase.PREPARING:
            raise ValidationError("Only a program in preparation can be opened.")
        locked.phase = Phase.OPEN
        locked.version += 1
        locked.save(update_fields=["phase", "version", "updated_at"])
        _record(Activity.Verb.PROGRAM_OPENED, by=by, program=locked)
    return locked


def publish_program(program: Program, *, by) -> Program:
    """open -> published: the final list (approved ideas) is frozen and leads the public
    page. Mentors of approved ideas are told."""
    with transaction.atomic():
        locked = _lock_program(program)
        if not permissions.can_manage_programs(by):
            raise PermissionDenied("Only community managers publish the final list.")
        if locked.phase == Phase.PUBLISHED:
            raise ValidationError("This program is already published.")
        if locked.phase != Phase.OPEN:
            raise ValidationError("Only an open program can be published.")
        approved = list(
            Idea.objects.filter(program=locked, state=IdeaState.APPROVED).prefetch_related(
                "mentor_links__user"
            )
        )
        if not approved:
            raise ValidationError("Approve at least one idea before publishing the final list.")
        locked.phase = Phase.PUBLISHED
        locked.version += 1
        locked.save(update_fields=["phase", "version", "updated_at"])
        activity = _record(
            Activity.Verb.PROGRAM_PUBLISHED, by=by, program=locked, approved=len(approved)
        )
        notify(
            Kind.PUBLISHED,
            recipients={link.user for idea in approved for link in idea.mentor_links.all()},
            event=f"activity:{activity.pk}",
            message=f"The final list of {locked.name} is published, with your idea on it.",
            url=locked.get_absolute_url(),
            actor=by,
        )
    return locked


def unpublished_idea_count(program: Program) -> int:
    """Ideas still in review or drafting: what archiving would freeze unfinished."""
    return Idea.objects.filter(
        program=program,
        state__in=(IdeaState.DRAFT, IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED),
    ).count()


def archive_program(program: Program, *, by, confirm_unfinished: bool = False) -> Program:
    """-> archived: read-only everywhere. Refused while ideas are unfinished unless the
    manager confirmed it."""
    with transaction.atomic():
        locked = _lock_program(program)
        if not permissions.can_manage_programs(by):
            raise PermissionDenied("Only community managers archive programs.")
        if locked.phase == Phase.ARCHIVED:
            raise ValidationError("This program is already archived.")
        unfinished = unpublished_idea_count(locked)
        if unfinished and not confirm_unfinished:
            raise ValidationError(
                f"{unfinished} idea{'s' if unfinished != 1 else ''} of this program "
                "are not on a published final list. Confirm to archive anyway."
            )
        locked.phase = Phase.ARCHIVED
        locked.version += 1
        locked.save(update_fields=["phase", "version", "updated_at"])
        _record(Activity.Verb.PROGRAM_ARCHIVED, by=by, program=locked, unfinished=unfinished)
    return locked


def approve_many(ideas, *, by) -> tuple[list[Idea], list[str]]:
    """Approve several reviewed ideas; returns (approved, messages about the others)."""
    approved, problems = [], []
    for idea in ideas:
        try:
            approved.append(approve(idea, by=by))
        except ValidationError as exc:
            problems.append(f"“{idea.title}”: {' '.join(exc.messages)}")
    return approved, problems


def unapprove_many(ideas, *, by) -> tuple[list[Idea], list[str]]:
    done, problems = [], []
    for idea in ideas:
        try:
            done.append(unapprove(idea, by=by))
        except ValidationError as exc:
            problems.append(f"“{idea.title}”: {' '.join(exc.messages)}")
    return done, problems


def carry_forward(ideas, target: Program, *, by) -> list[Idea]:
    """Copy ideas of earlier programs into ``target`` as unverified drafts with their
    mentors, each linked to its origin. Ideas already carried into ``target`` are skipped."""
    if not permissions.can_manage_programs(by):
        raise PermissionDenied("Only community managers carry ideas forward.")
    created = []
    with transaction.atomic():
        locked = _lock_program(target)
        if locked.phase not in (Phase.PREPARING, Phase.OPEN):
            raise ValidationError(
                "Ideas can be carried only into a program in preparation or open."
            )
        already = set(
            Idea.objects.filter(program=locked, origin__isnull=False).values_list(
                "origin_id", flat=True
            )
        )
        for source in ideas:
            if source.pk in already or source.program_id == locked.pk:
                continue
            copy = Idea(program=locked, slug=_unique_slug(locked, source.title), origin=source)
            for name in CONTENT_FIELDS:
                setattr(copy, name, getattr(source, name))
            if copy.project_size not in locked.allowed_sizes:
                copy.project_size = min(
                    locked.allowed_sizes, key=lambda hours: abs(hours - source.project_size)
                )
            copy.verified_at = None
            copy.save()
            _set_mentors(copy, [link.user for link in source.mentor_links.select_related("user")])
            copy.skills.set(source.skills.all())
            _save_revision(copy, by=by, summary=f"Carried forward from {source.program.name}")
            _record(
                Activity.Verb.CARRIED_FORWARD, by=by, program=locked, idea=copy, origin=source.pk
            )
            created.append(copy)
    return created


def verify(idea: Idea, *, by) -> Idea:
    """A mentor confirms an idea still holds for this program ("Verified: <date>")."""
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_edit_idea(by, locked):
            raise PermissionDenied("Only the idea's mentors and community managers verify it.")
        locked.verified_at = timezone.localdate()
        locked.save(update_fields=["verified_at", "updated_at"])
        _record(Activity.Verb.VERIFIED, by=by, program=locked.program, idea=locked)
    return locked


# Mentor volunteers


def offer_to_mentor(idea: Idea, *, by, message: str = "") -> MentorOffer:
    """Any signed-in user offers to co-mentor; the idea's mentors are told."""
    with transaction.atomic():
        locked = _lock(idea)
        if not permissions.can_offer_to_mentor(by, locked):
            raise PermissionDenied("You can't offer to mentor this idea.")
        if MentorOffer.objects.filter(
            idea=locked, user=by, status=MentorOffer.Status.PENDING
        ).exists():
            raise ValidationError("Your offer is already waiting for the mentors.")
        offer = MentorOffer.objects.create(
            idea=locked, user=by, message=" ".join((message or "").split())[:500]
        )
        activity = _record(Activity.Verb.MENTOR_OFFERED, by=by, program=locked.program, idea=locked)
        _tell_mentors(
            activity,
            Kind.MENTORING,
            f"{_name(by)} offers to co-mentor “{locked.title}”.",
        )
    return offer


def decide_offer(offer: MentorOffer, *, by, accept: bool) -> MentorOffer:
    """A mentor (or manager) accepts the volunteer as co-mentor, or declines."""
    with transaction.atomic():
        locked_idea = _lock(offer.idea)
        offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
        if not permissions.can_edit_idea(by, locked_idea):
            raise PermissionDenied("Only the idea's mentors and managers answer offers.")
        if offer.status != MentorOffer.Status.PENDING:
            raise ValidationError("This offer has been answered already.")
        offer.status = MentorOffer.Status.ACCEPTED if accept else MentorOffer.Status.DECLINED
        offer.decided_by, offer.decided_at = by, timezone.now()
        offer.save(update_fields=["status", "decided_by", "decided_at"])
        if accept:
            mentors = [link.user for link in locked_idea.mentor_links.select_related("user")]
            if offer.user not in mentors:
                content = IdeaContent(
                    fields={name: getattr(locked_idea, name) for name in CONTENT_FIELDS},
                    skills=[skill.name for skill in locked_idea.skills.all()],
                    mentors=[*mentors, offer.user],
                    summary=f"Added co-mentor {offer.user.get_display_name()}",
                )
                update_idea(locked_idea, content, by=by, expected_version=locked_idea.version)
        verb = Activity.Verb.MENTOR_ACCEPTED if accept else Activity.Verb.MENTOR_DECLINED
        activity = _record(verb, by=by, program=locked_idea.program, idea=locked_idea)
        notify(
            Kind.MENTORING,
            recipients=[offer.user],
            event=f"activity:{activity.pk}",
            message=(
                f"You are now a co-mentor of “{locked_idea.title}”."
                if accept
                else f"Your offer to co-mentor “{locked_idea.title}” was declined, with thanks."
            ),
            url=locked_idea.get_absolute_url(),
            actor=by,
        )
    return offer


# Roles


def set_role(user, group_name: str, *, granted: bool, by) -> None:
    """Grant or revoke the committers or managers role, recorded in the activity log."""
    from django.contrib.auth.models import Group

    if not permissions.can_manage_roles(by):
        raise PermissionDenied("Only community managers grant roles.")
    if group_name not in (permissions.COMMITTERS_GROUP, permissions.MANAGERS_GROUP):
        raise ValidationError("Unknown role.")
    if not granted and user.pk == by.pk and group_name == permissions.MANAGERS_GROUP:
        raise ValidationError("You can't remove your own manager role; ask another manager.")
    with transaction.atomic():
        group, _ = Group.objects.get_or_create(name=group_name)
        has = user.groups.filter(pk=group.pk).exists()
        if has == granted:
            return
        if granted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
        Activity.objects.create(
            verb=Activity.Verb.ROLE_GRANTED if granted else Activity.Verb.ROLE_REVOKED,
            actor=by,
            program=None,
            detail={"user": user.username, "role": group_name},
        )


# History


def restore_revision(idea: Idea, revision: IdeaRevision, *, by, expected_version: int) -> Idea:
    """Save an old revision's content again, as a new revision "Restored revision N".

    Goes through ``update_idea``, so it re-checks permission and ``expected_version``
    (raising PermissionDenied or EditConflict), bumps the version, writes the ``edited``
    activity and makes sign-offs stale when reviewed content changes. Mentors whose
    accounts are gone or inactive are skipped; if none is left, the current mentors stay.
    When the revision matches the current content nothing is saved and the idea comes
    back with its version unchanged.
    """
    from django.contrib.auth import get_user_model

    if revision.idea_id != idea.pk:
        raise ValidationError("That revision belongs to another idea.")
    data = revision.data
    usernames = data.get("mentors") or []
    active = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=usernames, is_active=True)
    }
    mentors = [active[name] for name in usernames if name in active]
    if not mentors:
        mentors = [link.user for link in idea.mentor_links.select_related("user")]
    content = IdeaContent(
        fields={name: data.get(name, getattr(idea, name)) for name in CONTENT_FIELDS},
        skills=list(data.get("skills") or []),
        mentors=mentors,
        summary=f"Restored revision {revision.version}",
    )
    with transaction.atomic():
        saved = update_idea(idea, content, by=by, expected_version=expected_version)
        if saved.version != expected_version:
            _record(
                Activity.Verb.RESTORED,
                by=by,
                program=saved.program,
                idea=saved,
                from_version=revision.version,
                version=saved.version,
            )
    return saved
