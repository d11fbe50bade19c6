"""What the load_demo tests share: running the command, and the demo's data as the
loader reads it."""

import io

from django.core.management import call_command

from gsoc.management.commands._demo_data import load_data

DEMO = load_data()
USERS = DEMO.users
PROGRAMS = {program.slug: program for program in DEMO.programs}
ARCHIVED_IDEAS = PROGRAMS["gsoc-2026"].ideas
OUTREACHY_IDEAS = PROGRAMS["outreachy-33"].ideas
OPEN_IDEAS = PROGRAMS["gsoc-2027"].ideas
ROLE_USERNAMES = ["mentor", "mentor2", "reviewer", "committer", "student", "manager", "admin"]


def load_demo(*args) -> str:
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()
