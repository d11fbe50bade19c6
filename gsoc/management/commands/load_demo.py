"""Load a demo community from the data files in ``gsoc/demo/`` (see its README.md).

Every step goes through the real workflow functions, as the demo's people would take it
(ideas created and edited, reviewed, signed off, approved, withdrawn, interest registered,
co-mentoring offered, programs opened, published, archived, an idea carried forward), so
the demo leaves a real activity trail. Each step is then dated on its program's timeline.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import operator
import os
import time
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Case, F, Max, Q, Value, When
from django.utils import timezone

from accounts.models import User
from gsoc import workflow
from gsoc.enums import EDITABLE_PHASES, IdeaState, Phase
from gsoc.management.commands._demo_data import (
    DATA_DIR,
    DemoIdea,
    DemoProgram,
    load_data,
    plan_idea,
)
from gsoc.models import Activity, Idea, IdeaRevision, MentorOffer, Program, SignOff
from notifications.models import Notification
from reviews import workflow as review_workflow
from reviews.models import CommentRevision, ReviewComment
from students import workflow as student_workflow
from students.models import Interest

DEFAULT_PASSWORD = "demo-pass-2013"
DEFAULT_URL = "http://127.0.0.1:8000"
OWN_PASSWORD = "(own password)"
MONTH = datetime.timedelta(days=30)  # new accounts joined this long before the first program

# The timestamps a workflow step sets, which ``dated`` moves to the step's demo time.
STAMPS = (
    (Activity, ("created_at",)),
    (ReviewComment, ("created_at", "edited_at", "addressed_at", "hidden_at")),
    (CommentRevision, ("created_at",)),
    (SignOff, ("signed_at", "withdrawn_at")),
    (Interest, ("created_at", "withdrawn_at")),
    (IdeaRevision, ("created_at",)),
    (Idea, ("created_at", "updated_at")),
    (MentorOffer, ("created_at", "decided_at")),
    (Notification, ("created_at",)),
    (Program, ("created_at", "updated_at")),
)


@contextlib.contextmanager
def dated(when: datetime.datetime):
    """Date what the workflow step run in this block wrote at ``when`` instead of now: the
    rows stamped after the block began (every earlier step's rows are in the past)."""
    started = timezone.now()
    yield
    # "Verified today" by create_idea or update_idea means verified on the step's day.
    Idea.objects.filter(updated_at__gte=started, verified_at=timezone.localdate()).update(
        verified_at=timezone.localdate(when)
    )
    for model, names in STAMPS:
        touched = [Q(**{f"{name}__gte": started}) for name in names]
        model.objects.filter(functools.reduce(operator.or_, touched)).update(
            **{
                name: Case(When(q, then=Value(when)), default=F(name))
                for name, q in zip(names, touched, strict=True)
            }
        )


def _demo_password() -> tuple[str, bool]:
    """The password for demo accounts, and whether DEMO_PASSWORD set it explicitly."""
    from_env = os.environ.get("DEMO_PASSWORD", "")
    return (from_env or DEFAULT_PASSWORD), bool(from_env)


def _with_other_password(users: list[User], password: str) -> list[User]:
    """The users whose password is not ``password``, checking each distinct hash once."""
    matches = {stored: check_password(password, stored) for stored in {u.password for u in users}}
    return [user for user in users if not matches[user.password]]


def _current_content(idea: Idea) -> workflow.IdeaContent:
    """The idea as the edit form would show it: what a mentor's edit starts from."""
    return workflow.IdeaContent(
        fields={name: getattr(idea, name) for name in workflow.CONTENT_FIELDS},
        skills=[skill.name for skill in idea.skills.all()],
        mentors=[link.user for link in idea.mentor_links.select_related("user")],
    )


class Command(BaseCommand):
    help = (
        "Load the demo community (development only) from gsoc/demo/. Safe to run on every "
        "start: accounts, programs and ideas that exist (by username, program slug, idea "
        "slug) are kept; only missing ones are created, and only a new idea gets its demo "
        f"review and interest. Password: DEMO_PASSWORD, default {DEFAULT_PASSWORD!r}; when set, "
        "existing demo accounts are changed to it too. Demo notifications are never emailed. "
        "Refuses to run when DEBUG is off unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off. Only for throwaway sites, never production.",
        )
        parser.add_argument(
            "--url",
            default=DEFAULT_URL,
            help=f"Address of the site, shown in the banner (default {DEFAULT_URL}).",
        )
        parser.add_argument("--data", type=Path, default=DATA_DIR, help="Folder of the data files.")

    def handle(self, *args, force=False, url=DEFAULT_URL, data=DATA_DIR, verbosity=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data: DEBUG is off, so these look like production "
                "settings, and the demo accounts have a published password. "
                "Use --force if this really is a throwaway site."
            )
        started = time.monotonic()
        # Nothing is dated later than a minute before the run.
        self.cap = timezone.now() - datetime.timedelta(minutes=1)
        self.data = load_data(data, now=self.cap)
        password, is_explicit = _demo_password()
        self.created = dict.fromkeys(
            ("accounts", "programs", "ideas", "comments", "interests", "passwords"), 0
        )
        self.own_passwords: set[str] = set()
        last_notification = Notification.objects.aggregate(last=Max("pk"))["last"] or 0
        with transaction.atomic():
            users = self._ensure_users(password, update_existing=is_explicit)
            for demo_program in self.data.programs:
                self._ensure_program(demo_program, users)
            # The review above told the demo mentors about every comment and sign-off. Keep
            # that in the app (unread counts), but don't email it: the email tasks queued
            # for after this commit find nothing left to send.
            Notification.objects.filter(
                pk__gt=last_notification, email_wanted=True, email_sent_at=None
            ).update(email_wanted=False)
        elapsed = time.monotonic() - started
        if verbosity >= 1:
            self._print_banner(password, is_explicit, elapsed, url.rstrip("/"))

    def _ensure_users(self, password: str, *, update_existing: bool) -> dict[str, User]:
        demo_users = self.data.users
        existing = {
            user.username: user
            for user in User.objects.filter(username__in=[u.username for u in demo_users])
        }
        stale = _with_other_password(list(existing.values()), password)
        # One hash for all demo accounts: hashing is deliberately slow (~0.2 s each), and a
        # shared salt costs nothing for accounts whose password is printed on every start.
        missing = [demo for demo in demo_users if demo.username not in existing]
        encoded = make_password(password) if missing or (stale and update_existing) else ""
        joined = min([self.cap, *(p.timeline.created for p in self.data.programs)]) - MONTH
        new_users = [
            User(
                username=demo.username,
                email=f"{demo.username}@example.org",
                display_name=demo.display_name,
                affiliation=demo.affiliation,
                is_superuser=demo.is_superuser,
                is_staff=demo.is_superuser,
                password=encoded,
                date_joined=joined,
            )
            for demo in missing
        ]
        for user in new_users:
            user.save()
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in new_users
        )
        self.created["accounts"] = len(new_users)
        if update_existing:
            for user in stale:
                user.password = encoded
            User.objects.bulk_update(stale, ["password"])
            self.created["passwords"] = len(stale)
        else:
            self.own_passwords = {user.username for user in stale}
        users = existing | {user.username: user for user in new_users}
        # Roles are additive, so an account made by hand under a demo name still gets the
        # role the banner promises.
        for demo in demo_users:
            if demo.group:
                group, _ = Group.objects.get_or_create(name=demo.group)
                users[demo.username].groups.add(group)
        return users

    def _ensure_program(self, demo: DemoProgram, users: dict[str, User]) -> None:
        manager, timeline = users["manager"], demo.timeline
        program = Program.objects.filter(slug=demo.slug).first()
        if program is not None:
            # Keep an existing published or archived program exactly as it is; an open one
            # only gets the demo ideas it lacks (e.g. ones added to the data files later).
            if demo.phase == Phase.OPEN and program.phase in EDITABLE_PHASES:
                self._ensure_ideas(program, demo, users)
                self._carry_forward(program, demo, users)
            return
        # Every program lives through its phases like a real one: prepared, opened for
        # ideas and reviews, then (for the older ones) published and archived. Its
        # timeline dates it before the programs after it in programs.yaml, so the home
        # page shows the newest one, also when a program is added to an older database.
        names = ("name", "slug", "intro", "ideas_deadline", "org_application_deadline")
        names += ("required_sign_offs", "target_list_size")
        draft = Program(phase=Phase.PREPARING, allowed_sizes=list(demo.allowed_sizes))
        for name in names:
            setattr(draft, name, getattr(demo, name))
        with dated(timeline.created):
            program = workflow.save_program(draft, by=manager)
        self.created["programs"] += 1
        with dated(timeline.opened):
            program = workflow.open_program(program, by=manager)
        self._ensure_ideas(program, demo, users)
        self._carry_forward(program, demo, users)
        if demo.phase in (Phase.PUBLISHED, Phase.ARCHIVED):
            with dated(timeline.published):
                program = workflow.publish_program(program, by=manager)
        if demo.phase == Phase.ARCHIVED:
            # What never reached the final list is archived as it stood.
            with dated(timeline.archived):
                workflow.archive_program(program, by=manager, confirm_unfinished=True)

    def _carry_forward(self, program: Program, demo: DemoProgram, users: dict[str, User]) -> None:
        """Soon after opening the program, the manager carries the demo's ideas of earlier
        programs into it, unless they are there already."""
        if not demo.carried or program.phase not in (Phase.PREPARING, Phase.OPEN):
            return
        wanted = functools.reduce(
            operator.or_, (Q(program__slug=p, slug=i) for p, i in demo.carried)
        )
        sources = list(
            Idea.objects.filter(wanted)
            .exclude(carried_forward__program=program)
            .select_related("program")
        )
        if sources:
            when = min(demo.timeline.opened + datetime.timedelta(hours=2), self.cap)
            with dated(when):
                carried = workflow.carry_forward(sources, program, by=users["manager"])
            self.created["ideas"] += len(carried)

    def _ensure_ideas(self, program: Program, demo: DemoProgram, users: dict[str, User]) -> None:
        existing = set(Idea.objects.for_program(program).values_list("slug", flat=True))
        for index, demo_idea in enumerate(demo.ideas):
            if demo_idea.slug in existing:
                continue
            mentors = [users[username] for username in demo_idea.mentors]
            names = ("title", "skills_note", "description", "outcomes", "steps", "references")
            fields = {name: getattr(demo_idea, name) for name in names}
            fields |= {
                "difficulty_min": demo_idea.difficulty[0],
                "difficulty_max": demo_idea.difficulty[1],
                "project_size": demo_idea.size,
                "is_program_eligible": demo_idea.is_program_eligible,
            }
            content = workflow.IdeaContent(fields, skills=list(demo_idea.skills), mentors=mentors)
            times = plan_idea(demo, index, self.cap)
            submit = demo_idea.target != IdeaState.DRAFT
            with dated(times["created"]):
                idea = workflow.create_idea(program, content, by=mentors[0], submit=submit)
            self.created["ideas"] += 1
            # Only a newly created idea is reviewed, so a second run adds nothing.
            self._review(idea, demo_idea, users, times)

    def _review(self, idea: Idea, demo: DemoIdea, users: dict[str, User], times: dict) -> None:
        """Play the idea's review: comments and replies, then the sign-off and what follows
        it (a stale-making edit, comments marked addressed or hidden, approval, withdrawal),
        then offers and interest; each step at its time in ``times`` (see plan_idea)."""
        mentor, manager, at = users[demo.mentors[0]], users["manager"], dated
        posted = []
        for k, demo_comment in enumerate(demo.comments):
            author, body = users[demo_comment.author], demo_comment.body
            with at(times[f"comment{k}"]):
                comment = review_workflow.add_comment(
                    idea, by=author, body=body, rubric=demo_comment.rubric
                )
            if demo_comment.edited:
                body = demo_comment.edited
                with at(times[f"edit{k}"]):
                    comment = review_workflow.edit_comment(
                        comment, by=author, body=body, expected_version=1
                    )
            posted.append((demo_comment, comment))
        repliers = [users[c.reply_by or demo.mentors[0]] for c, _ in posted]
        for k, (demo_comment, comment) in enumerate(posted):
            if body := demo_comment.reply:
                with at(times[f"reply{k}"]):
                    review_workflow.add_comment(idea, by=repliers[k], body=body, parent=comment)
        self.created["comments"] += len(posted) + sum(1 for c, _ in posted if c.reply)

        if demo.is_signed:
            with at(times["signed"]):
                workflow.sign_off(idea, by=users["committer"], note=demo.sign_off_note)
        if demo.stale_edit:
            idea.refresh_from_db()
            content = _current_content(idea)
            content.fields["description"] += "\n\n" + demo.stale_edit.description_addition
            content.summary = demo.stale_edit.summary
            with at(times["stale_edit"]):
                idea = workflow.update_idea(idea, content, by=mentor, expected_version=idea.version)

        for k, (demo_comment, comment) in enumerate(posted):
            if demo_comment.addressed:
                with at(times[f"addressed{k}"]):
                    review_workflow.set_addressed(comment, by=repliers[k], addressed=True)
            if reason := demo_comment.hidden:
                with at(times[f"hidden{k}"]):
                    review_workflow.hide_comment(comment, by=manager, reason=reason)

        if demo.target == IdeaState.APPROVED:
            with at(times["decided"]):
                workflow.approve(idea, by=manager)
        elif demo.target == IdeaState.WITHDRAWN:
            with at(times["decided"]):
                workflow.withdraw(idea, by=mentor)

        if offer := demo.offer:
            with at(times["offer"]):
                made = workflow.offer_to_mentor(idea, by=users[offer.by], message=offer.message)
            if offer.accepted:
                with at(times["offer_decided"]):
                    workflow.decide_offer(made, by=mentor, accept=True)
        for k, interest in enumerate(demo.interests):
            student = users[interest.student]
            with at(times[f"interest{k}"]):
                student_workflow.register_interest(idea, by=student, note=interest.note)
            if interest.again:
                with at(times[f"withdrawn{k}"]):
                    student_workflow.withdraw_interest(idea, by=student)
                with at(times[f"again{k}"]):
                    student_workflow.register_interest(idea, by=student, note=interest.again)
        self.created["interests"] += len(demo.interests) + sum(1 for i in demo.interests if i.again)

    def _print_banner(self, password: str, is_explicit: bool, elapsed: float, url: str) -> None:
        created = self.created
        if created["accounts"] or created["programs"] or created["ideas"]:
            summary = (
                f"Demo data loaded: {created['accounts']} accounts, {created['programs']} "
                f"programs, {created['ideas']} ideas, {created['comments']} review comments, "
                f"{created['interests']} registrations of interest created ({elapsed:.1f} s)."
            )
        else:
            summary = f"Demo data already present, nothing to create ({elapsed:.1f} s)."
        if created["passwords"]:
            summary += f" Password changed for {created['passwords']} existing accounts."
        rows = [("username", "role", "name", "password")]
        own = self.own_passwords
        rows += [
            (u.username, u.role, u.display_name, OWN_PASSWORD if u.username in own else password)
            for u in self.data.users
            if u.in_banner
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        rows.insert(1, tuple("-" * w for w in widths))
        more_by_role: dict[str, list[str]] = {}
        for user in self.data.users:
            if not user.in_banner:
                more_by_role.setdefault(f"{user.role}s", []).append(user.username)
        more = "; ".join(f"{role} {', '.join(names)}" for role, names in more_by_role.items())
        source = "from DEMO_PASSWORD" if is_explicit else "the default"

        self.stdout.write(summary)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"GSoC Ideas demo: {url}"))
        self.stdout.write("")
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(f"  {'  '.join(cells).rstrip()}")
        self.stdout.write(f"  More accounts, same password: {more}.")
        self.stdout.write("")
        self.stdout.write(
            f"Password is {source}. Set DEMO_PASSWORD to choose another; existing demo "
            "accounts are then changed to it."
        )
        if self.own_passwords:
            self.stdout.write(
                f"{len(self.own_passwords)} demo accounts keep a password set earlier, marked "
                f"{OWN_PASSWORD}; DEMO_PASSWORD={password} resets them."
            )
