"""Time the main pages on a generated program, in a throwaway test database.

    python manage.py benchmark --ideas 200 --runs 20

Creates a test database (SQLite file or PostgreSQL, as DATABASE_URL says), fills a
program with ideas, mentors, skills, comments, sign-offs and interest, then requests each
page with Django's test client and prints median and 95th-percentile times and the query
count. Nothing touches the real database.
"""

import statistics
import time

from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import setup_test_environment, teardown_test_environment
from django.urls import reverse

from accounts.models import User
from gsoc.enums import IdeaState, Phase
from gsoc.models import Idea, IdeaMentor, IdeaRevision, Program, SignOff, Skill
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from gsoc.workflow import snapshot
from reviews.models import ReviewComment
from students.models import Interest


class Command(BaseCommand):
    help = "Time the main pages on generated data in a throwaway test database."

    def add_arguments(self, parser):
        parser.add_argument("--ideas", type=int, default=200, help="ideas in the program")
        parser.add_argument("--runs", type=int, default=20, help="requests per page")

    def handle(self, *args, ideas: int, runs: int, **options):
        setup_test_environment()
        old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
        try:
            with override_settings(
                DEBUG=True,  # to count queries
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
                TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
                ALLOWED_HOSTS=["testserver"],
                SECURE_SSL_REDIRECT=False,
            ):
                pages = self._build(ideas)
                self.stdout.write(f"{ideas} ideas, {runs} runs per page, {connection.vendor}\n")
                self.stdout.write(f"{'page':<28} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
                for label, client, url in pages:
                    self._time(label, client, url, runs)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
            teardown_test_environment()

    def _time(self, label, client, url, runs):
        client.get(url)  # warm caches and the session
        times = []
        for _ in range(runs):
            reset_queries()
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
        queries = len(connection.queries)
        p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        self.stdout.write(f"{label:<28} {statistics.median(times):>10.1f} {p95:>8.1f} {queries:>8}")

    def _build(self, count):
        program = Program.objects.create(name="Benchmark program", slug="bench", phase=Phase.OPEN)
        users = User.objects.bulk_create(
            User(username=f"user{n}", email=f"user{n}@example.org", display_name=f"User {n}")
            for n in range(40)
        )
        manager, committer = users[0], users[1]
        manager.groups.add(Group.objects.get_or_create(name=MANAGERS_GROUP)[0])
        committer.groups.add(Group.objects.get_or_create(name=COMMITTERS_GROUP)[0])
        skills = Skill.objects.bulk_create(
            Skill(name=f"Skill {n}", slug=f"skill-{n}") for n in range(30)
        )
        states = [IdeaState.NEEDS_REVIEW, IdeaState.REVIEWED, IdeaState.APPROVED, IdeaState.DRAFT]
        ideas = Idea.objects.bulk_create(
            Idea(
                program=program,
                slug=f"idea-{n}",
                title=f"Benchmark idea {n}",
                project_size=175,
                difficulty_min=1 + n % 3,
                difficulty_max=3,
                description=("A paragraph of **Markdown** describing the idea. " * 12),
                outcomes="- one\n- two",
                steps="1. first\n2. second",
                references="[docs](https://example.org/)",
                state=states[n % 4],
            )
            for n in range(count)
        )
        IdeaMentor.objects.bulk_create(
            IdeaMentor(idea=idea, user=users[2 + (idea.pk + k) % 30], position=k)
            for idea in ideas
            for k in range(3)
        )
        Idea.skills.through.objects.bulk_create(
            Idea.skills.through(idea_id=idea.pk, skill_id=skills[(idea.pk + k) % 30].pk)
            for idea in ideas
            for k in range(5)
        )
        IdeaRevision.objects.bulk_create(
            IdeaRevision(idea=idea, version=1, data=snapshot(idea)) for idea in ideas[:50]
        )
        target = ideas[0]
        comments = ReviewComment.objects.bulk_create(
            ReviewComment(idea=target, author=users[32 + n % 8], body=f"Comment {n}")
            for n in range(50)
        )
        ReviewComment.objects.bulk_create(
            ReviewComment(idea=target, author=users[2], body="Reply", parent=c) for c in comments
        )
        SignOff.objects.create(
            idea=target, committer=committer, version=1, signed_at=target.created_at
        )
        Interest.objects.bulk_create(
            Interest(idea=idea, student=users[35 + idea.pk % 5]) for idea in ideas[::2]
        )
        visitor = Client()
        as_manager = Client()
        as_manager.force_login(manager)
        as_mentor = Client()
        as_mentor.force_login(users[2])
        idea_url = target.get_absolute_url()
        return [
            ("program page (visitor)", visitor, program.get_absolute_url()),
            ("program page (manager)", as_manager, program.get_absolute_url()),
            ("idea page, 100 comments", as_mentor, idea_url),
            ("readiness dashboard", as_manager, reverse("gsoc:dashboard", args=["bench"])),
            ("my work (mentor)", as_mentor, reverse("reviews:my_work")),
        ]
