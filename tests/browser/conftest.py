"""Headless Chromium against pytest-django's live server.

Everything under tests/browser is marked ``browser`` and skipped when Debian's Chromium
is missing (Playwright can't download its own browsers here). One browser per xdist
worker; each test gets a fresh context (cookies, storage) and page. The live server runs
in a thread of this process, so the database is transactional (flushed after each test)
and ``django.core.mail.outbox`` holds what the site sent.

Set ``BROWSER_SHOTS_DIR`` (e.g. /tmp/shots) to keep screenshots along the journeys; a
failing test always leaves ``browser-failed-<test>-<n>.png`` there (or in /tmp/shots).
"""

import functools
import os
import re
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from tests.factories import PASSWORD, IdeaFactory, ProgramFactory, UserFactory

CHROMIUM = Path("/usr/bin/chromium")
SKIP_REASON = "Chromium not installed (apt-get install chromium): browser tests skipped"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).parent
FAILING_IMPACTS = {"serious", "critical"}
# Generous for a loaded CI box with two workers, short enough to fail quickly.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    # A conftest hook sees the whole session's items: touch only this folder's.
    skip = None if CHROMIUM.exists() else pytest.mark.skip(reason=SKIP_REASON)
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.browser)
            if skip is not None:
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # Let the ``page`` fixture see whether the test failed, to keep a screenshot.
    setattr(item, f"rep_{report.when}", report)
    return report


class _Chromium:
    """One headless Chromium per worker, started by the first browser test.

    Playwright's sync API keeps an asyncio loop running in this thread while it is
    started, and Django refuses ORM calls from a thread with a running loop unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set. So the variable is set only while Chromium runs,
    and Chromium stops as soon as the next test is not a browser test: other tests keep
    Django's protection, and subprocesses they start (``manage.py check --deploy``, which
    rejects the variable) don't inherit it.
    """

    def __init__(self):
        self.playwright = None
        self.browser = None
        self.saved_env = None

    def get(self):
        if self.browser is None:
            from playwright.sync_api import sync_playwright

            self.saved_env = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
            self.playwright = sync_playwright().start()
            self.browser = self.playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        return self.browser

    def stop(self):
        if self.playwright is None:
            return
        try:
            self.browser.close()
            self.playwright.stop()
        finally:
            self.playwright = self.browser = None
            if self.saved_env is None:
                os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            else:
                os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = self.saved_env


_chromium = _Chromium()


def _is_browser_test(item) -> bool:
    return item is not None and HERE in Path(item.path).parents


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # After this test's fixtures are gone (contexts closed, database flushed).
    result = yield
    if not _is_browser_test(nextitem):
        _chromium.stop()
    return result


def pytest_sessionfinish(session):
    _chromium.stop()


@pytest.fixture
def browser():
    return _chromium.get()


@pytest.fixture
def new_page(browser, live_server, request):
    """new_page(**context_options) -> a page in a fresh context (another person's browser)."""
    contexts = []

    def make(**options):
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        for n, context in enumerate(contexts):
            for page in context.pages:
                name = re.sub(r"[^\w.-]+", "_", request.node.name)
                shot(page, f"failed-{name}-{n}", always=True)
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def shot(page, name: str, *, always: bool = False) -> None:
    """Save a full-page screenshot when BROWSER_SHOTS_DIR is set (or ``always``)."""
    folder = os.environ.get("BROWSER_SHOTS_DIR") or ("/tmp/shots" if always else "")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"browser-{name}.png"), full_page=True)


def make_user(username: str, display_name: str, groups=()):
    """A user who can log in through the real form: password PASSWORD, verified email."""
    user = UserFactory(username=username, display_name=display_name, groups=list(groups))
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


@pytest.fixture
def mentor(transactional_db):
    return make_user("menna", "Menna Tor")


@pytest.fixture
def co_mentor(transactional_db):
    return make_user("cosmo", "Cosmo Mentor")


@pytest.fixture
def reviewer(transactional_db):
    return make_user("rev", "Rev Iewer")


@pytest.fixture
def committer(transactional_db):
    return make_user("comm", "Com Mitter", [COMMITTERS_GROUP])


@pytest.fixture
def manager(transactional_db):
    return make_user("mana", "Mana Ger", [MANAGERS_GROUP])


@pytest.fixture
def student(transactional_db):
    return make_user("stu", "Stu Dent")


def login(page, user, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would, and wait until signed in."""
    page.goto("/accounts/login/")
    page.get_by_label("Username or email").fill(user.username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign In").click()
    # Attached, not visible: on a phone the button sits in the folded menu.
    page.get_by_role("button", name="Sign out", include_hidden=True).wait_for(state="attached")


@functools.cache
def axe_script() -> str:
    """axe-core as shipped inside axe-playwright-python (no download needed)."""
    package = pytest.importorskip(
        "axe_playwright_python", reason="axe-playwright-python not installed"
    )
    return (Path(package.__file__).parent / "axe.min.js").read_text()


def axe_violations(page) -> list[dict]:
    """axe's "serious" and "critical" findings on the page as it is now."""
    # Evaluated rather than added as a <script>: the site's Content-Security-Policy
    # allows no inline script, and the test must see the page under its real policy.
    page.evaluate(axe_script())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v["impact"] in FAILING_IMPACTS]


def describe(path: str, violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{path}: [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:6]:
            # The summary says why, e.g. the colours and the contrast ratio found.
            why = " ".join(node.get("failureSummary", "").split())[:300]
            lines.append(f"    {' '.join(node['target'])}: {why}")
        if len(v["nodes"]) > 6:
            lines.append(f"    ... and {len(v['nodes']) - 6} more")
    return "\n".join(lines)


def region(page, heading: str):
    """A section of the page, found by the start of its heading (counts follow it)."""
    return page.get_by_role("region", name=re.compile(rf"^{re.escape(heading)}"))


@pytest.fixture
def program(transactional_db):
    return ProgramFactory(name="Google Summer of Code 2031", slug="gsoc-2031")


@pytest.fixture
def idea(program, mentor):
    return IdeaFactory(
        program=program, mentors=[mentor], title="Faster widget", slug="faster-widget"
    )
