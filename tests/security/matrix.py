"""The site's access policy as a table: who gets what from every URL, GET and POST, as
each role (tests/security/test_permissions_matrix.py checks it).

Read from the views and DOMAIN.md. Statuses: 200 a page, 302 done and redirected, LOGIN
redirected to the login page, 403 refused, 404 not visible to this user, 405 wrong
method. POSTs carry data that would succeed for an allowed user, so 302 means "it
happened".
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.security.conftest import ROLES, World

LOGIN = "login"
Expect = dict[str, int | str]


def everyone(status) -> Expect:
    return dict.fromkeys(ROLES, status)


def members(status, **overrides) -> Expect:
    """Signed-in users get ``status``; visitors are sent to log in."""
    return {**everyone(status), "visitor": LOGIN, **overrides}


def only(status, *roles, others=403) -> Expect:
    """``roles`` get ``status``, other signed-in users ``others``, visitors log in."""
    return {**members(others), **dict.fromkeys(roles, status)}


POST_ONLY = everyone(405)


@dataclass(frozen=True)
class Case:
    name: str
    get: Expect
    post: Expect
    kwargs: Callable[[World], dict] = lambda w: {}
    data: Callable[[World], dict] = lambda w: {}
    query: str = ""
    variant: str = ""

    @property
    def id(self) -> str:
        return f"{self.name}[{self.variant}]" if self.variant else self.name


def program_of(attr="program"):
    return lambda w: {"program_slug": getattr(w, attr).slug}


def idea_of(attr="idea"):
    def kwargs(w):
        idea = getattr(w, attr)
        return {"program_slug": idea.program.slug, "idea_slug": idea.slug}

    return kwargs


def comment_of(attr="comment"):
    return lambda w: {"pk": getattr(w, attr).pk}


def program_data(w, slug="new-program"):
    return {
        "name": "A program",
        "slug": slug,
        "phase": "open",
        "allowed_sizes": "90, 175",
        "required_sign_offs": 1,
        "target_list_size": 12,
        "intro": "",
        "version": w.program.version,
    }


def idea_data(w, **extra):
    return {
        "title": "A sound idea",
        "difficulty_min": 1,
        "difficulty_max": 2,
        "project_size": 175,
        "description": "Enough to get going.",
        "skills": "C",
        "is_program_eligible": "on",
        **extra,
    }


CASES = [
    # Programs and ideas (gsoc)
    Case("gsoc:home", everyone(200), everyone(200)),
    Case("gsoc:program_list", everyone(200), everyone(200)),
    Case(
        "gsoc:program_create",
        only(200, "manager"),
        only(302, "manager"),
        data=program_data,
    ),
    Case("gsoc:program_detail", everyone(200), everyone(200), program_of()),
    Case(
        "gsoc:program_detail",
        members(200, visitor=404),
        members(200, visitor=404),
        program_of("preparing"),
        variant="preparing",
    ),
    Case(
        "gsoc:program_edit",
        only(200, "manager"),
        only(302, "manager"),
        program_of(),
        data=lambda w: program_data(w, slug=w.program.slug),
    ),
    Case(
        "gsoc:idea_create",
        members(200),
        members(302),
        program_of(),
        data=lambda w: idea_data(w, submit="1"),
    ),
    Case("gsoc:idea_detail", everyone(200), everyone(200), idea_of()),
    Case(
        "gsoc:idea_detail",
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        idea_of("draft"),
        variant="draft",
    ),
    Case(
        "gsoc:idea_edit",
        only(200, "mentor", "manager"),
        only(302, "mentor", "manager"),
        idea_of(),
        data=lambda w: idea_data(w, mentors=w.users["mentor"].username, version=w.idea.version),
    ),
    Case(
        "gsoc:idea_submit",
        POST_ONLY,
        only(302, "mentor", "manager", others=404),
        idea_of("draft"),
    ),
    Case("gsoc:idea_withdraw", POST_ONLY, only(302, "mentor", "manager"), idea_of()),
    Case(
        "gsoc:idea_reopen",
        POST_ONLY,
        only(302, "mentor", "manager", others=404),
        idea_of("withdrawn"),
    ),
    Case("gsoc:idea_verify", POST_ONLY, only(302, "mentor", "manager"), idea_of()),
    # History
    Case("gsoc:idea_history", everyone(200), everyone(200), idea_of()),
    Case(
        "gsoc:idea_history",
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        only(200, "mentor", "manager", others=404) | {"visitor": 404},
        idea_of("draft"),
        variant="draft",
    ),
    Case("gsoc:idea_diff", everyone(200), everyone(200), idea_of(), query="?old=1&new=1"),
    Case(
        "gsoc:idea_restore",
        POST_ONLY,
        only(302, "mentor", "manager"),
        lambda w: {**idea_of()(w), "version": 1},
        data=lambda w: {"expected_version": w.idea.version},
    ),
    Case("gsoc:recent_changes", everyone(200), everyone(200)),
    Case("gsoc:recent_changes_feed", everyone(200), everyone(200)),
    # Managers
    Case(
        "gsoc:roles",
        only(200, "manager"),
        only(302, "manager"),
        data=lambda w: {"user": w.users["student"].pk, "role": "committers", "grant": "1"},
    ),
    Case("gsoc:dashboard", only(200, "manager"), only(200, "manager"), program_of()),
    Case(
        "gsoc:final_list",
        POST_ONLY,
        only(302, "manager"),
        program_of(),
        data=lambda w: {"ideas": [w.reviewed.pk], "action": "approve"},
    ),
    Case("gsoc:program_open", POST_ONLY, only(302, "manager"), program_of("preparing")),
    Case("gsoc:program_publish", POST_ONLY, only(302, "manager"), program_of()),
    Case(
        "gsoc:program_archive",
        only(200, "manager"),
        only(302, "manager"),
        program_of(),
        data=lambda w: {"confirm": "yes"},
    ),
    Case(
        "gsoc:carry_forward",
        only(200, "manager"),
        only(302, "manager"),
        program_of(),
        data=lambda w: {"from": w.archived.slug, "ideas": [w.archived_idea.pk]},
    ),
    # Co-mentoring
    Case(
        "gsoc:mentor_offer",
        POST_ONLY,
        members(302, mentor=403),
        idea_of(),
        data=lambda w: {"message": "Happy to help."},
    ),
    Case(
        "gsoc:mentor_offer_decide",
        POST_ONLY,
        only(302, "mentor", "manager"),
        lambda w: {**idea_of()(w), "pk": w.offer.pk},
        data=lambda w: {"accept": "1"},
    ),
    Case(
        "gsoc:mentor_invitation",
        members(200),
        only(302, "student"),
        lambda w: {"token": w.invitation.token},
        data=lambda w: {"accept": "0"},
    ),
    # Reviews
    Case("reviews:my_work", members(200), members(200)),
    Case(
        "reviews:comment_create",
        POST_ONLY,
        members(302),
        idea_of(),
        data=lambda w: {"body": "Looks good."},
    ),
    Case(
        "gsoc:sign_off",
        POST_ONLY,
        only(302, "committer"),
        idea_of(),
        data=lambda w: {"note": "Fits 175 hours."},
    ),
    # Everyone signed in may ask; without a sign-off of their own they get a message.
    Case("gsoc:sign_off_withdraw", POST_ONLY, members(302), idea_of("reviewed")),
    Case(
        "gsoc:changes_since_sign_off",
        only(200, "committer", others=404),
        only(200, "committer", others=404),
        idea_of("reviewed"),
    ),
    Case("gsoc:approve", POST_ONLY, only(302, "manager"), idea_of("reviewed")),
    Case("gsoc:unapprove", POST_ONLY, only(302, "manager"), idea_of("approved")),
    Case(
        "reviews:comment_edit",
        only(200, "reviewer"),
        only(302, "reviewer"),
        comment_of(),
        data=lambda w: {"body": "Better wording.", "version": w.comment.version},
    ),
    Case("reviews:comment_history", everyone(200), everyone(200), comment_of()),
    Case(
        "reviews:comment_history",
        only(200, "reviewer", "manager", others=404) | {"visitor": 404},
        only(200, "reviewer", "manager", others=404) | {"visitor": 404},
        comment_of("hidden_comment"),
        variant="hidden",
    ),
    Case(
        "reviews:comment_address",
        POST_ONLY,
        only(302, "mentor", "reviewer", "manager"),
        comment_of(),
    ),
    Case(
        "reviews:comment_reopen",
        POST_ONLY,
        only(302, "mentor", "reviewer", "manager"),
        comment_of("addressed_comment"),
    ),
    Case(
        "reviews:comment_hide",
        only(200, "manager"),
        only(302, "manager"),
        comment_of(),
        data=lambda w: {"reason": "Off topic"},
    ),
    Case(
        "reviews:comment_unhide",
        POST_ONLY,
        only(302, "manager"),
        comment_of("hidden_comment"),
    ),
    # Students
    Case("students:my_interests", members(200), members(200)),
    Case(
        "students:interest_register",
        POST_ONLY,
        members(302, mentor=403),
        idea_of(),
        data=lambda w: {"note": "I know C."},
    ),
    # Without a registration of one's own: a message, nothing withdrawn.
    Case("students:interest_withdraw", POST_ONLY, members(302), idea_of()),
    Case(
        "students:interested_students",
        only(200, "mentor", "manager"),
        only(200, "mentor", "manager"),
        idea_of(),
    ),
    # Accounts and notifications
    Case(
        "accounts:profile",
        members(200),
        members(302),
        data=lambda w: {"display_name": "Someone", "affiliation": "Somewhere"},
    ),
    Case("notifications:list", members(200), members(200)),
    Case(
        "notifications:preferences",
        members(200),
        members(302),
        data=lambda w: {"comment__app": "on"},
    ),
    Case("notifications:mark_all_read", POST_ONLY, members(302)),
    Case(
        "notifications:open",
        POST_ONLY,
        only(302, "mentor", others=404),
        lambda w: {"pk": w.notification.pk},
    ),
    # markdownx: preview for signed-in users (POST only); image upload switched off.
    Case(
        "markdownx_markdownify",
        members(405),
        members(200),
        data=lambda w: {"content": "*hi*"},
    ),
    Case("markdownx_upload", POST_ONLY, everyone(403)),
    Case("path:favicon.ico", everyone(301), everyone(301)),
]
CASES_BY_ID = {case.id: case for case in CASES}
