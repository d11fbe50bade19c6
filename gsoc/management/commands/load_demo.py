"""Load a demo community: one account per role, an open program, a published one and an
archived one.

Every idea is created through ``gsoc.workflow`` like a mentor would create it, and
reviewed through ``reviews.workflow`` like the community would review it (comments,
replies, rubric answers, sign-offs, approval, withdrawal). Students register interest
through ``students.workflow``, volunteers offer to co-mentor, and the managers take the
programs through their phases (open, publish, archive) and carry an idea forward, so the
demo also exercises the real transitions and leaves a real activity trail. The project,
its people, its ideas and their reviews are invented ("Halyard", a small hypervisor).
"""

from __future__ import annotations

import datetime
import os
import textwrap
import time
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from gsoc import workflow
from gsoc.enums import EDITABLE_PHASES, Difficulty, IdeaState, Phase
from gsoc.models import Idea, Program
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from notifications.models import Notification
from reviews import workflow as review_workflow
from reviews.models import RUBRIC_QUESTIONS, ReviewComment
from students import workflow as student_workflow

DEFAULT_PASSWORD = "demo-pass-2013"
DEFAULT_URL = "http://127.0.0.1:8000"
OWN_PASSWORD = "(own password)"

BASIC, MEDIUM, HARD = Difficulty.BASIC, Difficulty.MEDIUM, Difficulty.HARD


def md(text: str) -> str:
    return textwrap.dedent(text).strip()


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    affiliation: str
    group: str | None = None
    is_superuser: bool = False
    in_banner: bool = True


@dataclass(frozen=True)
class DemoComment:
    """A review comment as its author posts it, and what happens to it afterwards."""

    author: str  # username; never one of the idea's mentors
    body: str
    # Rubric answers in RUBRIC_QUESTIONS order: gets_going, no_assumptions, fits_time,
    # meets_goals.
    rubric: tuple[str, str, str, str] | None = None
    edited: str = ""  # the author's rewrite of the body, posted right after it
    reply: str = ""  # an answer from a mentor of the idea
    reply_by: str = ""  # that mentor's username; the idea's first mentor by default
    addressed: bool = False  # marked addressed (by the mentor who replied), after any edit
    hidden: str = ""  # a manager hides the comment and shows this reason instead


@dataclass(frozen=True)
class DemoEdit:
    """An edit of reviewed content by the idea's first mentor after the committer signed
    it off: the sign-off goes stale and the idea goes back to needs review."""

    summary: str
    description_addition: str  # a paragraph appended to the description


@dataclass(frozen=True)
class DemoInterest:
    """A student's registration of interest, with a note in their own words."""

    student: str  # username
    note: str
    # The student withdraws the registration and later registers again with this note.
    again: str = ""


@dataclass(frozen=True)
class DemoOffer:
    """Someone's offer to co-mentor the idea, and the idea's first mentor's answer."""

    by: str  # username; never one of the idea's mentors
    message: str
    # Accepted by the first mentor (the volunteer becomes a co-mentor); else left pending.
    # Only on ideas nobody signed off: a new mentor would make a sign-off stale.
    accepted: bool = False


@dataclass(frozen=True)
class DemoIdea:
    title: str
    mentors: tuple[str, ...]  # usernames, first one creates the idea
    difficulty: tuple[Difficulty, Difficulty]
    size: int
    skills: tuple[str, ...]
    description: str
    outcomes: str
    steps: str
    references: str
    skills_note: str = ""
    is_program_eligible: bool = True
    # Where the demo leaves the idea. REVIEWED and APPROVED ideas get the committer's
    # sign-off first (then the manager's approval); WITHDRAWN ones are withdrawn by their
    # first mentor after the review comments.
    target: IdeaState = IdeaState.NEEDS_REVIEW
    comments: tuple[DemoComment, ...] = ()
    sign_off_note: str = ""
    # Signed off, then edited: ends in NEEDS_REVIEW with a stale sign-off.
    stale_edit: DemoEdit | None = None
    # After the review: an offer to co-mentor, then students registering interest.
    offer: DemoOffer | None = None
    interests: tuple[DemoInterest, ...] = ()

    @property
    def slug(self) -> str:
        # The slug workflow.create_idea gives a new idea with this title in an empty program.
        return slugify(self.title)[:70].strip("-") or "idea"


@dataclass(frozen=True)
class DemoProgram:
    name: str
    slug: str
    phase: Phase
    intro: str
    ideas_deadline: datetime.date
    org_application_deadline: datetime.date
    ideas: tuple[DemoIdea, ...]
    required_sign_offs: int = 1
    target_list_size: int = 12
    allowed_sizes: tuple[int, ...] = (90, 175, 350)
    # (program slug, idea slug) of ideas of earlier demo programs that the manager carries
    # forward into this one, as unverified drafts.
    carried: tuple[tuple[str, str], ...] = ()


USERS = (
    DemoUser("mentor", "mentor", "Elena Marchetti", "Tideline Systems"),
    DemoUser("mentor2", "mentor (co-mentor)", "Daniel Okoye", "University of Northvale"),
    DemoUser("reviewer", "reviewer", "Sofia Brandt", "Halyard Project"),
    DemoUser("committer", "committer", "Kenji Watanabe", "Brightfold Cloud", COMMITTERS_GROUP),
    DemoUser("student", "student", "Ravi Patel", "Eastmere Technical University"),
    DemoUser("manager", "community manager", "Hannah Becker", "Halyard Project", MANAGERS_GROUP),
    DemoUser("admin", "site admin (superuser)", "Site Admin", "Halyard infra team", None, True),
    # More community members, so the ideas are spread over several mentors.
    DemoUser("priya", "mentor", "Priya Raman", "Brightfold Cloud", in_banner=False),
    DemoUser("tomasz", "mentor", "Tomasz Wilk", "Independent contributor", in_banner=False),
    DemoUser("amara", "mentor", "Amara Okafor", "Tideline Systems", in_banner=False),
    DemoUser("lucas", "mentor", "Lucas Moreau", "Valmont Polytechnic", in_banner=False),
    DemoUser("nadia", "mentor", "Nadia Benali", "Valmont Polytechnic", in_banner=False),
    DemoUser("jonas", "mentor", "Jonas Lindqvist", "Northbeam Hosting", in_banner=False),
    # More students, so ideas draw different amounts of interest.
    DemoUser(
        "aiko", "student", "Aiko Nakamura", "Lakeshore Institute of Technology", in_banner=False
    ),
    DemoUser("mateo", "student", "Mateo Ruiz", "Universidad del Valle Alto", in_banner=False),
    DemoUser("zanele", "student", "Zanele Dlamini", "Highveld University", in_banner=False),
    DemoUser("ilya", "student", "Ilya Sokolov", "University of Northvale", in_banner=False),
    DemoUser("noor", "student", "Noor Haddad", "Cedar Coast University", in_banner=False),
)

DOCS = "https://halyard.example.org/docs"
GIT = "https://git.halyard.example.org"
LIST = "https://lists.halyard.example.org"

OPEN_IDEAS = (
    DemoIdea(
        title="Live migration progress and ETA in hlctl",
        mentors=("mentor", "mentor2"),
        difficulty=(BASIC, MEDIUM),
        size=175,
        skills=("Go", "Networking"),
        target=IdeaState.REVIEWED,
        description=md(
            """
            When an operator runs `hlctl migrate` today, the command prints nothing until
            the guest is running on the destination host or the migration has failed. For a
            guest with 64 GiB of memory that can mean several minutes of silence, and
            operators regularly interrupt migrations that were about to finish because they
            cannot tell them apart from hung ones.

            The migration engine in `hlyd` already knows what a useful progress report
            needs: how many pages it has sent, how many were dirtied again during the last
            pass, and the bandwidth it measured. None of it leaves the daemon. This project
            exposes those counters through the management API, teaches `hlctl` to draw a
            progress line with an estimated time to completion, and adds a `--json` mode so
            that orchestration tools can follow along.

            A good estimate is harder than it looks: a busy guest can dirty memory faster
            than the link copies it, and the estimate has to say so instead of counting down
            forever. Part of the work is choosing a simple model that copes with this and
            checking it against recorded traces of real migrations, which we will provide.
            """
        ),
        outcomes=md(
            """
            - `hlyd` publishes migration counters (pages sent, pages re-dirtied per pass,
              bandwidth) through the management API
            - `hlctl migrate` shows progress and an ETA, and warns when the guest dirties
              memory faster than the link can carry it
            - a documented `--json` progress stream with tests
            - a short write-up of the estimation model in the developer guide
            """
        ),
        steps=md(
            """
            1. **Community bonding:** build Halyard, migrate a guest between two nested
               hosts, read the main loop of the migration engine.
            2. **Phase 1 (weeks 1–4):** add the counters to the API with unit tests and
               get the API change agreed on the mailing list.
            3. **Phase 2 (weeks 5–8):** progress display and ETA in `hlctl`; replay the
               recorded traces to tune the estimate.
            4. **Phase 3 (weeks 9–12):** JSON output, documentation, review follow-ups.
            """
        ),
        references=md(
            f"""
            - [Migration engine overview]({DOCS}/internals/migration)
            - [Management API reference]({DOCS}/api/)
            - [Recorded migration traces](https://files.halyard.example.org/traces/migration/)
            """
        ),
        sign_off_note="Small, useful and well scoped. Happy with the 20% target.",
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "unsure", "yes", "yes"),
                body=md(
                    """
                    Nicely scoped. Two places where I think a newcomer will get stuck:

                    - "pages re-dirtied per pass" assumes the reader knows how pre-copy
                      migration works. One sentence on the passes, or a pointer to the
                      right section of the migration overview, would do.
                    - Does adding the counters need a new management API version? If so,
                      the student should know our compatibility rules before phase 1,
                      not find out in review.
                    """
                ),
                reply=(
                    "Good points. The counters go into the existing `migration` object as "
                    "optional fields, so there is no new API version and old clients keep "
                    "working. The pre-copy passes are explained in the first section of the "
                    "migration overview; I'll point the student there during bonding."
                ),
                addressed=True,
            ),
            DemoComment(
                author="tomasz",
                body=(
                    "How does this interact with `hlctl migrate --detach`? If the command "
                    "returns at once, there is nothing to draw the progress line on."
                ),
                edited=md(
                    """
                    How does this interact with `hlctl migrate --detach`? If the command
                    returns at once, there is nothing to draw the progress line on.

                    Suggestion: an `hlctl migrate-status <guest>` that attaches to a running
                    migration and shows the same line. It would reuse everything from
                    phase 2.

                    *Edit: added the suggestion instead of only asking.*
                    """
                ),
                reply_by="mentor2",
                reply=(
                    "`migrate-status` has been on our wish list for a while. It fits in "
                    "phase 3 if the JSON stream is done early, but I'd keep it a stretch "
                    "goal rather than promise it."
                ),
                addressed=True,
            ),
            DemoComment(
                author="committer",
                rubric=("yes", "yes", "unsure", "yes"),
                body=(
                    "Is 175 hours enough? The counters and the CLI are fine, but tuning an "
                    "estimate against traces can eat any amount of time. Please write down "
                    "what *good enough* means, for example the ETA within 20% of the real "
                    "time after the first pass on the recorded traces, so the student knows "
                    "when to stop."
                ),
                reply=(
                    "Agreed, and that's the bar: within 20% after the first pass on the "
                    'recorded traces, or an explicit "not converging" warning. Anything '
                    "better is a bonus."
                ),
                addressed=True,
            ),
        ),
        interests=(
            DemoInterest(
                "student",
                "We migrate guests between the two lab hosts at my university and I have "
                "stared at that silent prompt more than once. I know Go from two course "
                "projects and would like to try the ETA model.",
            ),
            DemoInterest(
                "mateo",
                "Networking is my major and I once wrote a Go downloader with a progress "
                "bar, so the CLI side feels familiar. Curious how the estimate copes with "
                "guests that never converge.",
            ),
            DemoInterest(
                "ilya",
                "I replayed two of the recorded traces with a quick Python script; the "
                "dirty-page rate drops in steps, not smoothly. Happy to share the notebook.",
            ),
        ),
    ),
    DemoIdea(
        title="A virtio-sound backend for the Rigging device model",
        mentors=("mentor", "lucas"),
        difficulty=(MEDIUM, HARD),
        size=350,
        skills=("Rust", "Virtio", "Linux kernel"),
        skills_note=(
            "Comfort with async Rust and with reading a specification. "
            "No audio background needed; you will pick up what PipeWire needs on the way."
        ),
        description=md(
            """
            More and more people run Halyard on their laptops to keep a Windows or Linux
            desktop guest next to their work, and the most common question on our chat is
            why those guests have no sound. Rigging, our Rust device model, implements
            virtio block, net, console and GPU devices, but not the virtio-sound device that
            recent guest kernels already ship a driver for.

            In this project you will write a virtio-sound backend for Rigging that plays
            and records audio through PipeWire on the host. The device specification is
            short and precise, and Rigging's existing backends give you a template for
            queue handling, feature negotiation and live-migration state.

            The interesting part is timing. Audio that arrives late is worse than no audio,
            so the backend must keep latency low without burning a host CPU on polling. We
            expect you to measure this and to explain the trade-offs you chose.
            """
        ),
        outcomes=md(
            """
            - a virtio-sound device in Rigging with playback and capture of PCM streams
            - a PipeWire host backend, plus a null backend used by the tests
            - latency measurements on at least two guest operating systems, published in
              the developer guide
            - device state saved and restored across live migration
            """
        ),
        steps=md(
            """
            1. **Bonding:** read the virtio-sound chapter of the specification and the
               virtio-console backend in Rigging; play a file through PipeWire from a small
               Rust program.
            2. **Phase 1:** control queue and stream configuration, tested against the
               Linux guest driver with the null backend.
            3. **Phase 2:** playback and capture through PipeWire; latency measurements.
            4. **Phase 3:** migration support, documentation, upstream review.
            """
        ),
        references=md(
            f"""
            - [Rigging device model: how a backend is structured]({DOCS}/rigging/backends)
            - [virtio-sound device notes](https://specs.example.org/virtio/sound)
            - [Earlier discussion on the mailing list]({LIST}/devel/2026-09/msg00112.html)
            """
        ),
        comments=(
            DemoComment(
                author="priya",
                rubric=("yes", "no", "unsure", "yes"),
                body=md(
                    """
                    "Keep latency low" needs a number. Is the goal 20 ms from a guest write
                    to the host speaker, or 100 ms? The student has to measure against
                    something, and so do we when we review the result.

                    Also: PipeWire is the only host backend. What about hosts that still
                    run PulseAudio?
                    """
                ),
                reply=(
                    "PipeWire's PulseAudio compatibility covers those hosts, and the null "
                    "backend covers CI. As a number: under 40 ms on an idle host would be a "
                    "clear success. I'll add it when I next touch the description."
                ),
            ),
            DemoComment(
                author="reviewer",
                body=(
                    "For 350 hours this looks about right, but migration support in phase 3 "
                    "worries me: if the stream state turns out to be messy, it's the first "
                    "thing to slip. Could it be a stretch goal, so that a student with solid "
                    "playback and capture has clearly succeeded?"
                ),
                reply_by="lucas",
                reply=(
                    "Yes, let's make migration a stretch goal. Migration state for the "
                    "console backend took about a week, so it isn't huge, but there is no "
                    "reason to make it pass or fail."
                ),
                addressed=True,
            ),
        ),
        interests=(
            DemoInterest(
                "aiko",
                "I write async Rust in my part-time job and use a Linux desktop guest every "
                "day, with no sound. This one is personal.",
            ),
            DemoInterest(
                "noor",
                "Read the virtio-sound chapter twice so far. Rust is fine for me; PipeWire "
                "is new, but I'm keen to learn it.",
            ),
        ),
    ),
    DemoIdea(
        title="Record and replay guest boots to bisect regressions",
        mentors=("mentor2", "amara"),
        difficulty=(HARD, HARD),
        size=350,
        skills=("C", "x86 assembly", "Testing"),
        skills_note="C throughout; x86 assembly to read the trap and interrupt paths in phase 2.",
        description=md(
            """
            Some of our worst regressions only show up on one guest kernel, on one CPU
            model, one boot in twenty. Bisecting them means rebooting a guest hundreds of
            times per commit and hoping the bug shows up often enough to be sure. A
            recording of one failing boot that could be replayed against every commit in
            the range would turn days of bisecting into an hour.

            Halyard already traps every source of non-determinism a simple guest sees:
            port and MMIO reads, interrupts, the time stamp counter and the random number
            instructions. This project records those events with their position in the
            guest's instruction stream during a boot, and replays them so that the guest
            follows exactly the same path again.

            We don't expect full-system replay of arbitrary guests. A single-vCPU guest
            with a serial console and a virtio block disk, replayed reliably, would already
            be a powerful tool, and a solid base for others to extend.
            """
        ),
        outcomes=md(
            """
            - a record mode that writes a compact log of a single-vCPU guest boot
            - a replay mode that reproduces the boot and detects divergence early
            - a Capstan helper that replays one recording across a commit range
            - a design document describing what is and isn't covered
            """
        ),
        steps=md(
            """
            1. **Bonding:** read the trap handlers in `arch/x86/`; write down every event
               that has to be recorded.
            2. **Phase 1:** recording of port I/O, MMIO and interrupts with instruction
               counts taken from the performance counters.
            3. **Phase 2:** replay, with divergence checks at every recorded event.
            4. **Phase 3:** the bisect helper, documentation and a demonstration on a known,
               already fixed regression.
            """
        ),
        references=md(
            f"""
            - [Trap handling in the hypervisor core]({DOCS}/internals/traps)
            - [Capstan test lab]({DOCS}/capstan/)
            - [Deterministic replay: a survey (example paper)](https://papers.example.org/replay-survey.pdf)
            """
        ),
        comments=(
            DemoComment(
                author="committer",
                rubric=("unsure", "no", "no", "yes"),
                body=md(
                    """
                    I like this a lot, but I doubt it fits in one summer. Instruction counts
                    from the performance counters are notoriously fiddly: they skid, and
                    some CPU models overcount around interrupts. Making that reliable could
                    take the whole project on its own.

                    Could the scope shrink to port I/O and interrupts on one known CPU
                    model, with MMIO left as a follow-up?
                    """
                ),
                reply=(
                    "Fair worry. Amara and I talked it over: interrupts stay (nothing "
                    "interesting replays without them) but MMIO goes, since the reference "
                    "guest only uses port I/O notification for virtio. I'll rewrite phase 1 "
                    "once a second reviewer has weighed in."
                ),
            ),
            DemoComment(
                author="tomasz",
                body=(
                    'What is "divergence" here, concretely? Comparing the instruction '
                    "count at each event, or a hash of the registers too? A newcomer won't "
                    "know, and the answer changes how much work phase 2 is."
                ),
                reply_by="amara",
                reply=(
                    "Instruction count plus the instruction pointer at every recorded event "
                    "to start with; a register hash is optional. You're right that the "
                    "description should say so."
                ),
                addressed=True,
            ),
            DemoComment(
                author="lucas",
                body=(
                    'Is there a reference guest image already? "A single-vCPU guest with a '
                    'serial console and a virtio block disk" is quick to write down, but if '
                    "the student has to build that image first, it's another week gone."
                ),
            ),
        ),
        interests=(
            DemoInterest(
                "ilya",
                "My bachelor thesis is about deterministic execution in emulators, so this "
                "is close to home. I've built Halyard and traced the port I/O exit path.",
            ),
        ),
    ),
    DemoIdea(
        title="A timeline viewer for scheduler traces",
        mentors=("tomasz",),
        difficulty=(MEDIUM, MEDIUM),
        size=175,
        skills=("C", "Scheduling", "JavaScript"),
        description=md(
            """
            The Halyard scheduler can write a trace of every context switch, wake-up and
            migration of a virtual CPU between physical CPUs. The traces are how we debug
            latency complaints, but today they are read as text with `grep` and a lot of
            patience, and only two people in the project are good at it.

            This project builds a viewer that shows a trace as a timeline: one row per
            physical CPU, coloured by the vCPU running on it, with wake-up latencies drawn
            as arrows. It should run in a browser from a static page so that people can
            attach a trace to a bug report and anyone can open it.

            A smaller, C-side part of the work is adding the few events the trace is
            missing today (notably the reason a vCPU was descheduled), so that the viewer
            can explain what it shows.
            """
        ),
        outcomes=md(
            """
            - a static web page that loads a trace file and renders the timeline
            - zoom, search by vCPU, and a latency histogram for a selected range
            - new trace events for deschedule reasons in the scheduler
            - a how-to in the developer guide, using a real latency bug as the example
            """
        ),
        steps=md(
            """
            1. **Phase 1:** a trace parser in JavaScript with tests, and the new trace
               events in the scheduler.
            2. **Phase 2:** the timeline view, working on traces of a few hundred thousand
               events without freezing the browser.
            3. **Phase 3:** latency arrows, histogram, documentation.
            """
        ),
        references=md(
            f"""
            - [Scheduler trace format]({DOCS}/internals/sched-trace)
            - [Sample traces](https://files.halyard.example.org/traces/sched/)
            """
        ),
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "yes", "yes", "yes"),
                body=(
                    "Clear and well sized. One practical question: how big is a typical "
                    "trace? If people attach traces to bug reports, the tracker's 10 MB "
                    "attachment limit may decide the file format for you."
                ),
                reply=(
                    "A minute on a busy 64-core host is about 40 MB as text and 6 MB "
                    "gzipped, so the viewer will read gzipped traces directly. Thanks, that "
                    "would have bitten us."
                ),
                addressed=True,
            ),
            DemoComment(
                author="mentor2",
                body=(
                    "Unrelated to the idea, but half the mentors will be in Lisbon for the "
                    "March meetup: is anyone up for sharing a flat? The hotels near the "
                    "venue are filling up fast."
                ),
                hidden="Off topic for a review comment; moved to the #halyard-social channel.",
            ),
        ),
        offer=DemoOffer(
            by="nadia",
            message=(
                "I teach the operating systems lab at Valmont and read scheduler traces "
                "with students every week. Happy to co-mentor the viewer side and test it "
                "on our traces."
            ),
            accepted=True,
        ),
        interests=(
            DemoInterest(
                "zanele",
                "Front-end developer moving towards systems work. Last year I built a "
                "canvas flame-graph viewer, so drawing a few hundred thousand events "
                "without freezing the tab sounds like a fun problem.",
            ),
        ),
    ),
    DemoIdea(
        title="Coverage-guided fuzzing of the hypercall interface",
        mentors=("amara", "mentor"),
        difficulty=(MEDIUM, HARD),
        size=350,
        skills=("C", "Testing", "x86 assembly", "Security"),
        description=md(
            """
            Hypercalls are the hypervisor's system calls, and its most exposed attack
            surface: any guest can make them with any arguments. We test them with
            hand-written cases, which find the bugs we thought of. A fuzzer finds the ones
            we didn't.

            The plan is to run the hypercall handlers in a small harness guest that takes
            inputs from a fuzzing engine on the host, and to feed coverage collected inside
            the hypervisor back to the engine. Halyard can already be built with coverage
            instrumentation for its unit tests; that build needs to become usable from a
            running hypervisor.

            Bugs found this way may be security issues. You will report them through our
            security process rather than in public, and your mentors will help you write
            those reports.
            """
        ),
        outcomes=md(
            """
            - a harness guest that turns fuzzer input into sequences of hypercalls
            - coverage from the hypervisor exported to the fuzzing engine
            - a nightly fuzzing job in Capstan, with crash triage notes
            - fixes (or reports) for the bugs it finds
            """
        ),
        steps=md(
            """
            1. **Bonding:** build the coverage-instrumented hypervisor; read the security
               process.
            2. **Phase 1:** the harness guest and input format, fuzzing without coverage.
            3. **Phase 2:** coverage export and feedback; first long fuzzing runs.
            4. **Phase 3:** nightly job, triage, fixes and a write-up.
            """
        ),
        references=md(
            f"""
            - [Hypercall reference]({DOCS}/api/hypercalls)
            - [Security process](https://halyard.example.org/security)
            - [Coverage builds]({DOCS}/dev/coverage)
            - [Coverage export branch, rough]({GIT}/halyard/tree/wip/coverage-export)
            """
        ),
        comments=(
            DemoComment(
                author="committer",
                rubric=("yes", "unsure", "yes", "yes"),
                body=(
                    '"That build needs to become usable from a running hypervisor" hides '
                    "a lot. Has anyone done it before, and is there a branch to start from? "
                    "If not, phase 2 is more research than the plan admits."
                ),
                reply=(
                    "Elena has a rough branch from last spring that exports coverage through "
                    "a debug hypercall. It boots, and that's about all we can promise; it's "
                    "linked in the references now."
                ),
                addressed=True,
            ),
            DemoComment(
                author="lucas",
                body=md(
                    """
                    How will the student handle crashes that turn out to be security bugs
                    while the rest of the work is public? GSoC code is normally reviewed in
                    the open.

                    A sentence on what stays private (reproducers, fixes until the
                    advisory) and what doesn't (the harness, the CI job) would reassure
                    both the student and us.
                    """
                ),
                reply_by="mentor",
                reply=(
                    "Exactly that split: harness, engine glue and the nightly job in public; "
                    "reproducers and fixes for security bugs go through the security list "
                    "until the advisory is out."
                ),
                addressed=True,
            ),
        ),
        interests=(
            DemoInterest(
                "student",
                "I play in our university's CTF team and have fuzzed a file-format parser "
                "with a coverage-guided fuzzer. Reporting bugs privately is new to me, so "
                "I'd appreciate the help there.",
            ),
        ),
    ),
    DemoIdea(
        title="Port the Deckhand guest agent to FreeBSD",
        mentors=("lucas",),
        difficulty=(MEDIUM, MEDIUM),
        size=175,
        skills=("Rust", "FreeBSD"),
        description=md(
            """
            Deckhand is the small agent that runs inside guests and lets the host freeze
            file systems before a snapshot, report the guest's IP addresses and shut it
            down cleanly. It is written in Rust and runs on Linux and Windows guests.
            FreeBSD guests are common among our users and get none of this.

            Most of Deckhand is portable already. The work is in the parts that talk to the
            operating system: the virtio-serial transport, freezing and thawing file
            systems (UFS and ZFS behave quite differently here), and listing network
            interfaces. Each needs a FreeBSD implementation behind the existing traits.

            At the end, FreeBSD guests should pass the same agent test suite in Capstan as
            Linux guests do, and Deckhand should be easy to package for the FreeBSD ports
            collection.
            """
        ),
        outcomes=md(
            """
            - Deckhand builds and runs on FreeBSD 14 and later
            - file-system freeze and thaw for UFS and ZFS
            - FreeBSD guests in the Capstan agent test suite
            - notes for the FreeBSD port maintainer
            """
        ),
        steps=md(
            """
            1. **Phase 1:** transport and basic commands (ping, shutdown, network info).
            2. **Phase 2:** freeze and thaw for UFS, then ZFS.
            3. **Phase 3:** Capstan integration, packaging notes, documentation.
            """
        ),
        references=md(
            f"""
            - [Deckhand source]({GIT}/deckhand)
            - [Agent protocol]({DOCS}/deckhand/protocol)
            """
        ),
    ),
    DemoIdea(
        title="A first-steps tutorial track for new users",
        mentors=("mentor2", "priya"),
        difficulty=(BASIC, BASIC),
        size=90,
        skills=("Documentation", "Linux"),
        is_program_eligible=False,
        skills_note=(
            "Clear writing in English matters most. Not eligible for GSoC on its own "
            "(documentation only); we list it for Season of Docs and for volunteers."
        ),
        description=md(
            """
            Our documentation is good reference material for people who already know what
            they are looking for. A newcomer who has just installed Halyard has no path
            through it: the first page they land on explains the domain model, and the
            first guest they can boot is three pages further on.

            This project writes a short tutorial track: install Halyard, boot a first guest
            from a cloud image, give it a disk and a network, take a snapshot, and move it
            to a second host. Each tutorial is tested by a script in CI so it can't quietly
            go out of date.
            """
        ),
        outcomes=md(
            """
            - five tutorials, each finished in under 30 minutes by a new user
            - a CI job that runs every command in the tutorials
            - feedback from at least three people trying them for the first time
            """
        ),
        steps=md(
            """
            1. Interview a few new users on chat; outline the track.
            2. Write and test the first two tutorials; get them reviewed.
            3. Write the remaining three and the CI job.
            """
        ),
        references=md(
            f"""
            - [Current getting-started page]({DOCS}/start)
            - [Documentation style guide]({DOCS}/dev/writing-docs)
            """
        ),
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "yes", "yes", "no"),
                body=(
                    "Well written, and we need this badly. But asked whether it meets the "
                    "program's goals, for GSoC the honest answer is no: it's documentation "
                    "only, as the skills note says. Should it move to the Season of Docs "
                    "list so it doesn't confuse applicants?"
                ),
                reply=(
                    "We list it here so volunteers find it, and the page marks it as not "
                    "eligible for GSoC. If applicants get confused we'll move it after the "
                    "ideas deadline."
                ),
            ),
            DemoComment(
                author="amara",
                body=(
                    '"Each tutorial is tested by a script in CI": which CI? Capstan can '
                    "boot guests and run commands, but it can't check the screenshots or "
                    "the Bridge steps. Please say which tutorials can be tested end to end "
                    "and which are only checked for broken commands."
                ),
            ),
        ),
    ),
    DemoIdea(
        title="Per-guest energy accounting on arm64",
        mentors=("priya", "mentor2"),
        difficulty=(HARD, HARD),
        size=350,
        skills=("C", "ARM", "Scheduling"),
        target=IdeaState.WITHDRAWN,
        description=md(
            """
            Hosting providers running Halyard on arm64 servers want to know how much energy
            each guest uses, both to bill for it and to place guests sensibly. The hardware
            offers energy counters per CPU cluster and, on recent parts, activity monitors
            per core, but nothing relates them to guests.

            The scheduler knows which vCPU runs on which physical CPU at every moment. By
            sampling the counters at each context switch and attributing the difference to
            the vCPU that just ran, Halyard can estimate each guest's share. The estimate
            must stay cheap: a context switch is on the hottest path we have.

            This is a research-flavoured project. A good result includes an honest
            evaluation of how accurate the attribution is, measured against an external
            power meter on a board we will lend you.
            """
        ),
        outcomes=md(
            """
            - energy attribution per vCPU, with a per-guest total in the management API
            - overhead on the context-switch path measured and kept below 1%
            - an accuracy evaluation against external measurements
            """
        ),
        steps=md(
            """
            1. **Bonding:** set up the loaned board; read the activity-monitor and energy
               counter documentation.
            2. **Phase 1:** counter sampling at context switch, with overhead measurements.
            3. **Phase 2:** attribution model, API and `hlctl` output.
            4. **Phase 3:** evaluation and write-up.
            """
        ),
        references=md(
            f"""
            - [arm64 port notes]({DOCS}/arch/arm64)
            - [Scheduler internals]({DOCS}/internals/scheduler)
            """
        ),
        comments=(
            DemoComment(
                author="tomasz",
                rubric=("unsure", "unsure", "no", "yes"),
                body=(
                    "Interesting, but phases 2 and 3 depend on the loaned board and an "
                    "external power meter. What happens if the board arrives late, or the "
                    "student lives on another continent from it?"
                ),
                reply=(
                    "Honest answer: the board loan isn't confirmed yet. If it isn't by the "
                    "ideas deadline I'll withdraw this and bring it back next year."
                ),
            ),
            DemoComment(
                author="committer",
                body=(
                    "Only some recent cores have activity monitors. Which boards do? A "
                    "student reading this can't tell whether their own arm64 laptop is "
                    "enough for phase 1."
                ),
            ),
        ),
    ),
    DemoIdea(
        title="Keyboard and screen-reader support in the Bridge web console",
        mentors=("mentor",),
        difficulty=(BASIC, MEDIUM),
        size=90,
        skills=("JavaScript", "Accessibility", "HTML"),
        description=md(
            """
            Bridge is the web console where people manage their guests. It was built
            quickly and it shows: many actions are only reachable with a mouse, icons have
            no text labels, and a screen reader announces the guest list as a long run of
            unlabelled buttons.

            This project makes Bridge usable with a keyboard alone and with a screen reader.
            That means fixing focus order, adding labels and landmarks, making dialogs trap
            and return focus properly, and adding automated accessibility checks to the test
            suite so that the gains stay.
            """
        ),
        outcomes=md(
            """
            - every action in Bridge reachable and usable from the keyboard
            - no errors from automated accessibility checks on the main pages
            - a short accessibility section in the contributor guide
            """
        ),
        steps=md(
            """
            1. Audit the main pages with a screen reader and an automated checker; file
               issues.
            2. Fix navigation, labels and dialogs page by page.
            3. Add the checks to CI and write the guide section.
            """
        ),
        references=md(
            f"""
            - [Bridge source]({GIT}/bridge)
            - [Accessibility audit from 2025 (partial)]({GIT}/bridge/issues/418)
            """
        ),
        sign_off_note="Right size for 90 hours; the audit first is the right order.",
        stale_edit=DemoEdit(
            summary="Name the screen readers and browsers to test with (review comment)",
            description_addition=(
                "By the end, Bridge should work with NVDA and Firefox on Windows and with "
                "Orca and Firefox on Linux. VoiceOver on macOS is welcome if time allows, "
                "but it is not required."
            ),
        ),
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "no", "yes", "yes"),
                body=(
                    'Good idea, and 90 hours sounds right. "A screen reader" is vague, '
                    "though: NVDA, JAWS, VoiceOver and Orca all behave differently. Which "
                    "ones, with which browsers, must work by the end? Without that the "
                    "student can't tell when they're done."
                ),
                reply=(
                    "You're right. NVDA with Firefox on Windows and Orca with Firefox on "
                    "Linux; VoiceOver if there's time. I'll add that to the description."
                ),
                addressed=True,
            ),
        ),
        offer=DemoOffer(
            by="reviewer",
            message=(
                "I did the partial accessibility audit of Bridge in 2025 and would like to "
                "see it finished. I can co-mentor the testing with NVDA and Orca."
            ),
        ),
        interests=(
            DemoInterest(
                "noor",
                "I use a screen reader part of the time myself, so I can test with NVDA "
                "from the first day. Fixing focus order is something I've done for my "
                "department's website.",
            ),
        ),
    ),
    DemoIdea(
        title="Block-level diff between two disk snapshots",
        mentors=("tomasz", "priya"),
        difficulty=(MEDIUM, MEDIUM),
        size=175,
        skills=("Rust", "Storage"),
        description=md(
            """
            Backups of guest disks are mostly incremental: after the first full copy, only
            changed blocks need to be sent. Halyard records which blocks a guest writes
            while it runs, but that record is lost when the host restarts, and backup tools
            then fall back to copying the whole disk.

            A tool that compares two snapshots of the same disk image and lists the changed
            blocks would close that gap. For our qcow-style images the comparison can use
            the image metadata instead of reading every block, which makes it fast even for
            large disks.

            The result should be both a library in Rigging's storage crate and a small
            command-line tool, `hl-snapdiff`, that writes the changed ranges in a format
            backup tools can consume.
            """
        ),
        outcomes=md(
            """
            - a library function that lists changed ranges between two snapshots
            - `hl-snapdiff` command-line tool with JSON and binary output
            - benchmarks on a 1 TiB sparse image
            """
        ),
        steps=md(
            """
            1. **Phase 1:** read the image format; diff by reading every block (slow but
               obviously right), used as the test oracle.
            2. **Phase 2:** diff from metadata, tested against the oracle.
            3. **Phase 3:** the command-line tool, benchmarks, documentation.
            """
        ),
        references=md(
            f"""
            - [Disk image format]({DOCS}/storage/image-format)
            - [Dirty block tracking]({DOCS}/storage/dirty-tracking)
            """
        ),
        interests=(
            DemoInterest(
                "mateo",
                "I help run backups at the campus IT desk and know the pain of full copies "
                "after a reboot. Already reading the image format page.",
            ),
        ),
    ),
    DemoIdea(
        title="Python bindings for the management API",
        mentors=("mentor2", "jonas"),
        difficulty=(BASIC, MEDIUM),
        size=175,
        skills=("Python", "Go", "Testing"),
        skills_note="Mostly Python; enough Go to read the API definitions.",
        target=IdeaState.APPROVED,
        description=md(
            """
            Many of our users automate Halyard from Python: test harnesses, provisioning
            scripts, notebooks for capacity planning. Today each of them writes their own
            small client for the management API, and each breaks in its own way when the
            API changes.

            The API is described in a machine-readable schema that `hlctl` is generated
            from. This project generates a Python package from the same schema: typed
            request and response classes, a synchronous and an asynchronous client, and
            helpful errors. Because it is generated, it stays in step with the API for free.

            We would like the package published on the Python Package Index under the
            project's name, with its tests running against a real `hlyd` in CI.
            """
        ),
        outcomes=md(
            """
            - a code generator that turns the API schema into a typed Python package
            - sync and async clients, documented with examples
            - tests against a live daemon in CI, and a first release on PyPI
            """
        ),
        steps=md(
            """
            1. **Phase 1:** generator for types and a synchronous client; first examples.
            2. **Phase 2:** async client, error mapping, tests against `hlyd`.
            3. **Phase 3:** documentation, packaging, first release.
            """
        ),
        references=md(
            f"""
            - [API schema]({GIT}/halyard/tree/main/api/schema)
            - [How hlctl is generated]({DOCS}/dev/codegen)
            """
        ),
        sign_off_note="Generated from the schema, so it stays maintained. Good one.",
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "yes", "yes", "yes"),
                body=(
                    "Clear, useful and the right size. One question: is the package name "
                    "free on the Python Package Index? Renaming after a first release is "
                    "painful."
                ),
                reply=(
                    "`halyard` is taken by an unrelated project, but `halyard-api` was "
                    "free and we've reserved it."
                ),
                addressed=True,
            ),
            DemoComment(
                author="lucas",
                body=(
                    "Do we need both a synchronous and an asynchronous client in 175 "
                    "hours? Generation makes the second one cheaper, but the tests double "
                    "too. I'd make the async client a stretch goal."
                ),
                reply=(
                    "Both clients come from the same templates, so the second costs about a "
                    "week. Still, fair: if phase 1 runs late, the async client becomes the "
                    "first stretch goal."
                ),
                addressed=True,
            ),
        ),
        interests=(
            DemoInterest(
                "zanele",
                "Python is my strongest language, and for an internship I wrote a "
                "generator that turned an OpenAPI schema into typed client classes.",
            ),
            DemoInterest(
                "student",
                "Our lab scripts talk to hlyd through a home-made client that breaks with "
                "every release. I would be glad to replace it with something generated.",
            ),
        ),
    ),
    DemoIdea(
        title="Nested virtualization smoke tests in Capstan",
        mentors=("amara",),
        difficulty=(MEDIUM, MEDIUM),
        size=175,
        skills=("Python", "Testing", "Linux kernel"),
        target=IdeaState.APPROVED,
        description=md(
            """
            Running Halyard inside a Halyard guest is how many of our contributors develop,
            and how some users run their CI. It is also something our test lab never
            checks, so nested virtualization breaks a few times a year and we hear about it
            from users.

            Capstan, our test lab, is a Python framework that boots guests, runs commands
            in them and checks the results. This project adds a nested tier: boot a Halyard
            host as a guest, boot a guest inside it, and run a small set of smoke tests on
            both levels, on Intel and AMD hosts.

            Along the way you will likely find real bugs. Reporting them well, with a
            minimal reproduction, is part of the project.
            """
        ),
        outcomes=md(
            """
            - a nested tier in Capstan with smoke tests on both levels
            - runs nightly on Intel and AMD machines in the lab
            - bug reports (or fixes) for the failures it finds
            """
        ),
        steps=md(
            """
            1. **Phase 1:** build a nested host image; boot it by hand, then from Capstan.
            2. **Phase 2:** smoke tests at both levels; nightly job.
            3. **Phase 3:** triage failures, document how to run the tier locally.
            """
        ),
        references=md(
            f"""
            - [Capstan documentation]({DOCS}/capstan/)
            - [Nested virtualization status]({DOCS}/features/nested)
            """
        ),
        comments=(
            DemoComment(
                author="mentor2",
                rubric=("yes", "yes", "yes", "yes"),
                body=(
                    "Looks good. Worth saying that the AMD machines in the lab run the "
                    "nightly storage jobs until 04:00 UTC, so nested runs have to be "
                    "scheduled after that. Otherwise the student will wonder why their jobs "
                    "sit in the queue for hours."
                ),
                reply="Good to know, thanks. I'll go through the lab schedule at bonding time.",
                addressed=True,
            ),
            DemoComment(
                author="committer",
                body=(
                    "Which kernel for the inner guest? Pinning one LTS kernel would make "
                    "failures comparable from one night to the next."
                ),
            ),
        ),
        interests=(
            DemoInterest(
                "ilya",
                "I develop inside a nested Halyard host on my laptop, and it broke twice "
                "this year. A nightly test would save me as much as anyone.",
            ),
        ),
    ),
    DemoIdea(
        title="A memory-balloon policy daemon",
        mentors=("priya",),
        difficulty=(MEDIUM, HARD),
        size=350,
        skills=("Go", "Linux kernel", "Memory management"),
        target=IdeaState.REVIEWED,
        description=md(
            """
            Halyard supports memory ballooning: the host can ask a guest to give memory
            back, and return it later. The mechanism works well, but nobody decides when to
            use it, so most hosts either leave memory idle or overcommit and swap.

            This project writes a policy daemon that watches memory pressure in the guests
            (through the statistics the balloon driver reports) and on the host, and moves
            memory to where it is needed. The core of it is a control loop that reacts
            quickly to pressure without oscillating, with limits operators can set per
            guest.

            You will build a small simulator first, so that policies can be compared on
            recorded workloads before they touch a real host.
            """
        ),
        outcomes=md(
            """
            - a daemon in the toolstack that inflates and deflates balloons by policy
            - per-guest minimum and maximum limits, settable through `hlctl`
            - a simulator and recorded workloads to compare policies
            - an evaluation of the default policy against no ballooning
            """
        ),
        steps=md(
            """
            1. **Phase 1:** the simulator and a first, simple policy.
            2. **Phase 2:** the daemon on a real host; limits and `hlctl` integration.
            3. **Phase 3:** tuning, evaluation, documentation.
            """
        ),
        references=md(
            f"""
            - [Balloon driver statistics]({DOCS}/features/balloon)
            - [Toolstack daemon architecture]({DOCS}/internals/hlyd)
            """
        ),
        comments=(
            DemoComment(
                author="amara",
                rubric=("yes", "unsure", "unsure", "yes"),
                body=md(
                    """
                    "Reacts quickly to pressure without oscillating": does the student need
                    control theory for this? If a simple policy with hysteresis is
                    acceptable, please say so; otherwise it reads like a thesis topic.

                    Also, 350 hours includes building the simulator, which could be a
                    project on its own.
                    """
                ),
                reply=(
                    "A simple policy with hysteresis and rate limits is the goal. The "
                    "simulator is there to show that it doesn't oscillate, not to search "
                    "for the best possible policy. I'll make that clearer."
                ),
            ),
            DemoComment(
                author="reviewer",
                body=(
                    "The balloon statistics page in the references describes the statistics "
                    "of the old driver. Guests with the new driver report different fields. "
                    "Which ones will the daemon use?"
                ),
                reply="Both: the old set is still what older Windows guests send.",
            ),
        ),
    ),
    DemoIdea(
        title="Readable IOMMU fault reports",
        mentors=("lucas", "nadia"),
        difficulty=(MEDIUM, MEDIUM),
        size=90,
        skills=("C", "Linux kernel"),
        description=md(
            """
            When a device passed through to a guest makes a DMA access the IOMMU does not
            allow, Halyard logs a fault: a device address, a fault reason code and a raw
            register dump. Users paste these lines into bug reports, and a maintainer then
            spends half an hour decoding them.

            This small project turns the fault into a report a person can read: which guest
            owns the device, which of its memory regions the address falls into (or that it
            falls into none), and what the reason code means. Rate limiting keeps a
            misbehaving device from flooding the log.
            """
        ),
        outcomes=md(
            """
            - decoded fault messages for Intel and AMD IOMMUs
            - the guest and memory region named in every report
            - rate-limited logging with a counter in the management API
            """
        ),
        steps=md(
            """
            1. Collect real fault logs from old bug reports; write the decoder for one
               vendor.
            2. Second vendor, guest and region lookup.
            3. Rate limiting, tests, documentation.
            """
        ),
        references=md(
            f"""
            - [Device passthrough]({DOCS}/features/passthrough)
            - [IOMMU driver source]({GIT}/halyard/tree/main/drivers/iommu)
            """
        ),
        interests=(
            DemoInterest(
                "aiko",
                "A small, well-defined project suits me: I have exams until mid-June. I "
                "have decoded a few of these faults by hand on my own passthrough setup.",
            ),
        ),
    ),
    DemoIdea(
        title="Rewrite the console multiplexer in Rust",
        mentors=("mentor", "tomasz"),
        difficulty=(MEDIUM, HARD),
        size=175,
        skills=("Rust", "C", "Networking"),
        description=md(
            """
            `hlconsoled` connects guest serial consoles to users: over a local socket, over
            SSH and, since last year, over WebSocket for the Bridge console. It is an old C
            program that has grown one transport at a time, and its buffer handling has
            produced two security advisories.

            We would like it rewritten in Rust, keeping the command-line interface and the
            on-disk log format so that nothing changes for users. The new design should
            handle every transport the same way, so that a slow client can never block the
            guest or the other clients.

            The existing test suite is thin, so the first phase writes tests against the C
            version. They become the safety net for the rewrite.
            """
        ),
        outcomes=md(
            """
            - a black-box test suite that the old and the new program both pass
            - `hlconsoled` in Rust with local, SSH and WebSocket transports
            - a migration note for packagers
            """
        ),
        steps=md(
            """
            1. **Phase 1:** black-box tests against the C program.
            2. **Phase 2:** the Rust program with the local socket transport.
            3. **Phase 3:** SSH and WebSocket transports; switch-over plan.
            """
        ),
        references=md(
            f"""
            - [hlconsoled source]({GIT}/hlconsoled)
            - [Console architecture]({DOCS}/internals/console)
            """
        ),
        comments=(
            DemoComment(
                author="priya",
                rubric=("yes", "yes", "no", "yes"),
                body=(
                    "A rewrite with three transports, the same CLI and log format, and a "
                    "test suite written first, all in 175 hours? I'd like to see this at "
                    "350 hours, or with the WebSocket transport dropped."
                ),
                reply_by="tomasz",
                reply=(
                    "The WebSocket transport is a thin layer over the same stream code, "
                    "but you may be right about the test suite. We'll talk about making it "
                    "350 hours."
                ),
            ),
            DemoComment(
                author="reviewer",
                body=(
                    "Please link the two security advisories. They're the best explanation "
                    "of why the buffer handling has to change, and a student should read "
                    "them before designing the new one."
                ),
                reply="HSA-2024-07 and HSA-2025-02. I'll add both to the references.",
                addressed=True,
            ),
            DemoComment(
                author="mentor2",
                body=(
                    'Is the "on-disk log format" documented anywhere, or is the C code '
                    "the specification? If it's the code, that's an undefined term for a "
                    "newcomer and worth a paragraph."
                ),
            ),
        ),
        interests=(
            DemoInterest(
                "mateo",
                "Interested, but 175 hours for three transports worries me too. I'll "
                "follow the review before deciding.",
                again=(
                    "Back again: I read both advisories and wrote a first black-box test "
                    "against the C version. Count me in, whatever size it ends up."
                ),
            ),
        ),
    ),
    DemoIdea(
        title="Boot-time dashboard for nightly builds",
        mentors=("mentor2",),
        difficulty=(BASIC, BASIC),
        size=90,
        skills=("Python", "JavaScript"),
        target=IdeaState.DRAFT,
        description=md(
            """
            Capstan measures how long each guest takes to boot on every nightly build, and
            throws the numbers away. A slow creep in boot time goes unnoticed until someone
            complains that their tests got slower.

            This project keeps those numbers and shows them on a small dashboard: boot time
            per guest type over the last months, with the commit range highlighted when a
            jump appears.
            """
        ),
        outcomes=md(
            """
            - boot times stored for every nightly run
            - a static dashboard page published with the nightly results
            """
        ),
        steps=md(
            """
            1. Store the measurements.
            2. Build the dashboard.
            3. Add jump detection and link to the commit range.
            """
        ),
        references=md(
            """
            - [Nightly results](https://ci.halyard.example.org/nightly/)
            """
        ),
    ),
    DemoIdea(
        title="Static lock-order checking for the hypervisor core",
        mentors=("mentor", "jonas"),
        difficulty=(HARD, HARD),
        size=350,
        skills=("C", "Python", "Static analysis"),
        target=IdeaState.DRAFT,
        description=md(
            """
            The hypervisor core has about forty spinlocks and a documented order in which
            they may be taken. The documentation is out of date, and deadlocks caused by
            taking two locks in the wrong order are found by users, not by us.

            The idea is a checker that extracts lock acquisitions from the source, builds
            the graph of which locks are taken while holding which others, and reports
            cycles. It could be a compiler plugin or work on the output of an existing
            analysis tool; choosing between them is part of the first phase.

            Still to decide before submitting: whether runtime lock validation would be a
            better first step.
            """
        ),
        outcomes=md(
            """
            - a checker that reports lock-order cycles with the code paths involved
            - the checker running in CI
            - an up-to-date lock order document generated from the graph
            """
        ),
        steps=md(
            """
            1. Survey approaches and pick one with the mentors.
            2. Extract acquisitions and build the graph.
            3. Cycle reports, CI integration, documentation.
            """
        ),
        references=md(
            f"""
            - [Locking rules]({DOCS}/internals/locking)
            """
        ),
    ),
    DemoIdea(
        title="A minimal unikernel guest profile",
        mentors=("nadia",),
        difficulty=(MEDIUM, HARD),
        size=175,
        skills=("C", "x86 assembly"),
        target=IdeaState.DRAFT,
        description=md(
            """
            Unikernels boot in milliseconds, but only if the hypervisor gets out of the
            way: no firmware, no emulated devices, a direct jump to the kernel's entry
            point. Halyard's guest profiles always bring a minimal firmware along.

            This idea adds a "direct" profile that loads an ELF image, sets up the CPU
            state the image expects and starts it, with only a virtio console and network
            device attached.
            """
        ),
        outcomes=md(
            """
            - a direct-boot guest profile
            - boot time measured for two existing unikernels
            """
        ),
        steps=md(
            """
            1. ELF loading and initial CPU state.
            2. Device set-up and a first unikernel booting.
            3. Measurements and documentation.
            """
        ),
        references=md(
            f"""
            - [Guest profiles]({DOCS}/features/profiles)
            """
        ),
    ),
)

ARCHIVED_IDEAS = (
    DemoIdea(
        title="Serial console in the browser over WebSocket",
        mentors=("mentor",),
        difficulty=(MEDIUM, MEDIUM),
        size=175,
        skills=("JavaScript", "Go"),
        target=IdeaState.APPROVED,
        description=md(
            """
            Getting to a guest's serial console means logging in to its host and running
            `hlctl console`. Users of the Bridge web console have asked for years to open it
            from the browser.

            This project adds a WebSocket transport to the console service and a terminal
            view in Bridge, with the same access rules as the rest of the console.
            """
        ),
        outcomes=md(
            """
            - a WebSocket endpoint for guest consoles
            - a terminal view in Bridge
            """
        ),
        steps=md(
            """
            1. WebSocket transport with authentication.
            2. Terminal view in Bridge.
            3. Tests and documentation.
            """
        ),
        references=md(
            f"""
            - [Console architecture]({DOCS}/internals/console)
            """
        ),
        comments=(
            DemoComment(
                author="tomasz",
                body=(
                    "Does the WebSocket endpoint reuse the Bridge session, or do people "
                    "log in again? The access rules are the hard part of this one."
                ),
                reply=(
                    "It reuses the Bridge session and checks the console access list on "
                    "every connection, exactly like `hlctl console` does."
                ),
                addressed=True,
            ),
        ),
        interests=(
            DemoInterest(
                "ilya",
                "I use hlctl console every day in our lab; having it in Bridge would help "
                "the first-year students a lot. Go and a bit of TypeScript here.",
            ),
        ),
    ),
    DemoIdea(
        title="Discard support for thin-provisioned disks",
        mentors=("tomasz",),
        difficulty=(MEDIUM, HARD),
        size=350,
        skills=("Rust", "Storage"),
        target=IdeaState.APPROVED,
        description=md(
            """
            When a guest deletes files, its thin-provisioned disk image does not shrink:
            Rigging ignores the guest's discard requests. Hosts slowly fill up with blocks
            no guest uses.

            This project implements discard in the virtio block backend and teaches the
            image layer to free the clusters concerned, safely with respect to snapshots.
            """
        ),
        outcomes=md(
            """
            - discard requests honoured by the virtio block backend
            - freed clusters returned to the host file system
            """
        ),
        steps=md(
            """
            1. Discard in the block backend.
            2. Cluster freeing in the image layer, snapshot-safe.
            3. Benchmarks and documentation.
            """
        ),
        references=md(
            f"""
            - [Disk image format]({DOCS}/storage/image-format)
            """
        ),
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "yes", "unsure", "yes"),
                body=(
                    "Snapshot safety is the whole difficulty here: a cluster that an older "
                    "snapshot still references must never be freed. A short section on how "
                    "the image layer counts references would help a student a lot."
                ),
                reply=(
                    "Agreed. I'll walk the student through the reference counts in the "
                    "first week; they're under-documented, and fixing that can be part of "
                    "the project."
                ),
            ),
        ),
        interests=(
            DemoInterest(
                "mateo",
                "Our lab's thin images only ever grow, so I'd like to understand why. "
                "Rust is newer to me than C, but I'm working through the book.",
            ),
        ),
    ),
    DemoIdea(
        title="Generate man pages from hlctl command definitions",
        mentors=("mentor2",),
        difficulty=(BASIC, BASIC),
        size=90,
        skills=("Go", "Documentation"),
        description=md(
            """
            `hlctl` has more than sixty subcommands and a hand-written man page that covers
            about half of them. The command definitions already carry a description of
            every flag.

            This project generates one man page per subcommand from those definitions at
            build time, and installs them with the packages.
            """
        ),
        outcomes=md(
            """
            - a man page for every `hlctl` subcommand, generated at build time
            """
        ),
        steps=md(
            """
            1. Generator for one subcommand.
            2. All subcommands, packaging.
            """
        ),
        references=md(
            f"""
            - [hlctl source]({GIT}/halyard/tree/main/cmd/hlctl)
            """
        ),
    ),
    DemoIdea(
        title="CPU feature masking presets for mixed clusters",
        mentors=("jonas",),
        difficulty=(MEDIUM, MEDIUM),
        size=175,
        skills=("C", "x86 assembly"),
        target=IdeaState.APPROVED,
        sign_off_note="Operators ask for this every month. Clear plan.",
        description=md(
            """
            A guest can only migrate to a host whose CPU offers every feature the guest
            saw when it booted. Clusters that grew over several years mix three or four
            CPU generations, so operators hide newer features from their guests by hand,
            one flag at a time, and regularly find out at migration time that they missed
            one.

            This project adds named presets: each one is the common feature set of a
            family of CPU generations, maintained in the source tree next to the CPU
            feature tables. A guest configuration names a preset instead of a list of
            flags, and `hlctl cluster check` tells an operator which presets every host
            of a cluster can run.
            """
        ),
        outcomes=md(
            """
            - presets for the Intel and AMD server generations of the last eight years
            - guest configurations that name a preset, applied when the guest starts
            - `hlctl cluster check`, listing the presets every host of a cluster supports
            """
        ),
        steps=md(
            """
            1. Collect the feature sets of each generation from the lab hosts and define
               the presets.
            2. Apply a preset at guest start; refuse to start on a host that lacks one of
               its features.
            3. The cluster check in `hlctl`, tests and documentation.
            """
        ),
        references=md(
            f"""
            - [CPU features and migration]({DOCS}/features/cpuid)
            - [CPU feature tables]({GIT}/halyard/tree/main/arch/x86/cpufeatures)
            """
        ),
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "yes", "yes", "yes"),
                body=(
                    "Who keeps the presets up to date when a new CPU generation ships? If "
                    "it's nobody, the tables will be stale within two years."
                ),
                reply=(
                    "The presets live next to the feature tables, and adding a generation "
                    "is part of the checklist for enabling a new CPU, so it stays with "
                    "whoever does that work."
                ),
                addressed=True,
            ),
        ),
    ),
)

OUTREACHY_IDEAS = (
    DemoIdea(
        title="Reference pages for every host configuration key",
        mentors=("priya", "mentor2"),
        difficulty=(BASIC, MEDIUM),
        size=350,
        skills=("Documentation", "Go"),
        target=IdeaState.APPROVED,
        description=md(
            """
            The host configuration file of `hlyd` has more than two hundred keys. The
            administrator guide explains about seventy of them; the rest are documented
            only in comments next to the Go structures that read them, and operators find
            them by searching the source.

            In this internship you will write a small generator that reads those Go
            structures (names, types, defaults and the comments above them) and produces
            one reference page per configuration section. Then comes the larger and more
            interesting half: working with the maintainers of each area to turn terse
            source comments into explanations an operator can act on, with an example
            for every key that needs one.
            """
        ),
        outcomes=md(
            """
            - a generator that builds the configuration reference from the source
            - a written explanation, default and example for every key
            - a CI check that fails when a new key arrives without documentation
            """
        ),
        steps=md(
            """
            1. **Weeks 1–3:** the generator, producing pages for one section.
            2. **Weeks 4–9:** all sections, reviewed section by section with their
               maintainers.
            3. **Weeks 10–13:** the CI check, cross-links from the administrator guide,
               a blog post about the work.
            """
        ),
        references=md(
            f"""
            - [Administrator guide]({DOCS}/admin/)
            - [Where the configuration is parsed]({GIT}/halyard/tree/main/hlyd/config)
            - [Documentation style guide]({DOCS}/dev/writing-docs)
            """
        ),
        comments=(
            DemoComment(
                author="amara",
                rubric=("yes", "yes", "yes", "yes"),
                body=(
                    "Nice. Will the generated pages replace the hand-written tables in the "
                    "administrator guide, or sit next to them? Two sources for the same "
                    "default will disagree sooner or later."
                ),
                reply=(
                    "Replace them: the guide keeps its explanations and links to the "
                    "generated reference for the details."
                ),
                addressed=True,
            ),
        ),
        interests=(
            DemoInterest(
                "zanele",
                "Writing documentation that people actually use is what got me into open "
                "source. I can read Go and have contributed docs to two projects.",
            ),
        ),
    ),
    DemoIdea(
        title="Unit tests for Rigging's virtqueue handling",
        mentors=("lucas", "amara"),
        difficulty=(MEDIUM, MEDIUM),
        size=350,
        skills=("Rust", "Testing", "Virtio"),
        target=IdeaState.APPROVED,
        description=md(
            """
            Every device in Rigging, our Rust device model, moves data through virtqueues,
            and the code that walks them is shared by all devices. It is tested mostly
            from the outside, by booting guests, which means that an off-by-one in
            descriptor chaining shows up as a corrupted disk three layers away.

            This internship builds a proper unit-test suite for the virtqueue code: a
            small in-memory model of guest memory, helpers to lay out descriptor chains
            the way a guest driver would, and tests for the awkward cases (chains that
            wrap around the ring, indirect descriptors, malformed lengths). Where the tests
            find bugs, you will fix them with the maintainers.
            """
        ),
        outcomes=md(
            """
            - an in-memory guest-memory model and chain-building helpers for tests
            - unit tests covering split and packed rings, including malformed input
            - a coverage report for the virtqueue module in CI
            """
        ),
        steps=md(
            """
            1. **Weeks 1–4:** the test helpers and the first tests for split rings.
            2. **Weeks 5–9:** packed rings, indirect descriptors, malformed input.
            3. **Weeks 10–13:** coverage in CI, fixes, a short testing guide.
            """
        ),
        references=md(
            f"""
            - [Rigging device model: how a backend is structured]({DOCS}/rigging/backends)
            - [Virtqueue module]({GIT}/rigging/tree/main/src/virtqueue)
            """
        ),
        comments=(
            DemoComment(
                author="reviewer",
                rubric=("yes", "unsure", "yes", "yes"),
                body=(
                    '"Packed rings" will mean nothing to most applicants. A pointer to the '
                    "section of the specification that explains split and packed layouts "
                    "would help them during the contribution period."
                ),
                reply=(
                    "Good point; the first starter task now walks through both layouts "
                    "with a diagram."
                ),
                addressed=True,
            ),
        ),
        interests=(
            DemoInterest(
                "noor",
                "Testing is my favourite part of programming, and I have started learning "
                "Rust with small CLI tools. Tests are a gentle way into a device model.",
            ),
        ),
    ),
    DemoIdea(
        title="A checker for guest configuration files",
        mentors=("tomasz", "mentor"),
        difficulty=(BASIC, MEDIUM),
        size=350,
        skills=("Go", "Testing"),
        target=IdeaState.APPROVED,
        description=md(
            """
            Guest configurations are small TOML files, and most support questions on our
            chat start with one that is subtly wrong: a disk path that does not exist, two
            network interfaces with the same MAC address, a memory size given in the wrong
            unit. `hlyd` notices these problems only when the guest starts, often with a
            message that names the symptom rather than the mistake.

            The goal is `hlctl config check`, a command that reads a configuration file
            and explains every problem it finds, pointing at the line and suggesting a fix.
            It should run without a daemon, so that people can use it in their own CI
            before deploying a configuration.
            """
        ),
        outcomes=md(
            """
            - `hlctl config check` with at least twenty documented checks
            - messages that name the line and suggest a fix
            - a test for every check, built from real support questions
            """
        ),
        steps=md(
            """
            1. **Weeks 1–3:** go through the support channel archive and list the common
               mistakes.
            2. **Weeks 4–10:** the checker and its checks, one at a time with tests.
            3. **Weeks 11–13:** documentation and an example CI job.
            """
        ),
        references=md(
            f"""
            - [Guest configuration reference]({DOCS}/guests/config)
            - [hlctl source]({GIT}/halyard/tree/main/cmd/hlctl)
            """
        ),
        interests=(
            DemoInterest(
                "aiko",
                "I answer questions on a few support forums and keep seeing broken config "
                "files. A checker that explains the mistake sounds really useful.",
            ),
        ),
    ),
    DemoIdea(
        title="A tested quick start for new contributors",
        mentors=("amara", "nadia"),
        difficulty=(BASIC, BASIC),
        size=350,
        skills=("Documentation", "Linux", "Shell"),
        target=IdeaState.APPROVED,
        description=md(
            """
            New contributors spend their first evening getting Halyard to build, and
            many give up before their first patch. The contributor guide describes a
            build environment that no longer matches what the maintainers use, and it
            never mentions how to run a single test.

            In this internship you will rewrite the first steps of the contributor guide
            on three common Linux distributions: get the sources, build, boot a test guest,
            run one test, send a patch. Every command in the guide is then run by a
            nightly job, so that the guide fails loudly instead of silently going stale.
            """
        ),
        outcomes=md(
            """
            - a contributor quick start that takes under an hour on a fresh machine
            - a nightly job that runs every command of it on three distributions
            - feedback from five first-time contributors, and the fixes it led to
            """
        ),
        steps=md(
            """
            1. **Weeks 1–4:** follow the old guide on fresh machines and record every
               problem.
            2. **Weeks 5–9:** write the new quick start; watch newcomers use it.
            3. **Weeks 10–13:** the nightly job and the last fixes.
            """
        ),
        references=md(
            f"""
            - [Contributor guide]({DOCS}/dev/contributing)
            - [Capstan documentation]({DOCS}/capstan/)
            """
        ),
    ),
    DemoIdea(
        title="Reproducible release tarballs",
        mentors=("jonas", "priya"),
        difficulty=(MEDIUM, MEDIUM),
        size=350,
        skills=("Python", "Build systems", "Linux"),
        target=IdeaState.APPROVED,
        description=md(
            """
            Distributions that package Halyard want to check that our release tarballs
            contain exactly what the tagged commit contains. Today they can't: two builds
            of the same tag produce different tarballs, because of timestamps, file order
            and a generated version file that records the build host.

            This internship makes the release script reproducible and proves it: build
            the same tag on two different machines, compare the results, and explain every
            difference until there are none. A small checker that anyone can run against a
            published release completes the work.
            """
        ),
        outcomes=md(
            """
            - byte-identical tarballs from the same tag on different machines
            - a CI job that builds every release twice and compares the results
            - `check-release`, a script that rebuilds a published release and compares it
            """
        ),
        steps=md(
            """
            1. **Weeks 1–3:** build one tag twice and list every difference.
            2. **Weeks 4–9:** remove the differences one by one in the release script.
            3. **Weeks 10–13:** the CI job, the checker and release notes for packagers.
            """
        ),
        references=md(
            f"""
            - [Release process]({DOCS}/dev/releases)
            - [Release script]({GIT}/halyard/tree/main/scripts/release)
            """
        ),
        comments=(
            DemoComment(
                author="committer",
                body=(
                    "The signed checksums we publish next to each tarball will change once "
                    "the tarballs do. Please make sure the switch-over is announced to "
                    "packagers before the first reproducible release."
                ),
                reply=(
                    "Yes: the release notes for that version will say so, and we'll post "
                    "to the packagers' list a month before."
                ),
                addressed=True,
            ),
        ),
    ),
)

PROGRAMS = (
    # Oldest first: the newest open-or-published program is the one the home page shows,
    # so gsoc-2027 has to be created last.
    DemoProgram(
        name="Google Summer of Code 2026",
        slug="gsoc-2026",
        phase=Phase.ARCHIVED,
        intro=md(
            """
            The ideas the Halyard Project offered in **Google Summer of Code 2026**, kept for
            reference. Three made the final list; we were given two contributor slots, and
            both projects were completed during the summer (see the
            [2026 results](https://halyard.example.org/blog/gsoc-2026-results)). The CPU
            presets idea found no contributor and returns in 2027.
            """
        ),
        ideas_deadline=datetime.date(2026, 1, 23),
        org_application_deadline=datetime.date(2026, 2, 3),
        ideas=ARCHIVED_IDEAS,
    ),
    DemoProgram(
        name="Outreachy round 33",
        slug="outreachy-33",
        phase=Phase.PUBLISHED,
        intro=md(
            """
            The Halyard Project's internships in **Outreachy round 33**, December 2026 to
            March 2027. Outreachy offers paid, remote internships in open source to people
            who face under-representation and systemic bias in the tech industry.

            This is our final list: documentation, tests and tooling, each with two
            mentors. Make your first contributions during the contribution period and
            record them on the Outreachy site; registering your interest here tells the
            mentors to look out for you.
            """
        ),
        ideas_deadline=datetime.date(2026, 9, 25),
        org_application_deadline=datetime.date(2026, 9, 11),
        ideas=OUTREACHY_IDEAS,
        target_list_size=5,
        allowed_sizes=(350,),
    ),
    DemoProgram(
        name="Google Summer of Code 2027",
        slug="gsoc-2027",
        phase=Phase.OPEN,
        intro=md(
            f"""
            The Halyard Project is applying to **Google Summer of Code 2027**. Halyard is a
            small type-1 hypervisor for x86-64 and arm64, with a Go toolstack (`hlctl`), a
            Rust device model (Rigging) and a test lab (Capstan) that boots a few thousand
            guests every night.

            **Contributors:** read the ideas below and register your interest on the ones
            you like, so their mentors know you are there. Then say hello on the
            [developer list]({LIST}/devel) or in `#halyard-gsoc` on our chat. Fixing one
            bug from the [starter list](https://halyard.example.org/starter-bugs) before you
            apply is the best way to find out whether you enjoy our code base.

            **Mentors:** submit ideas by 22 January 2027 and review each other's. An idea
            needs one committer sign-off to count as community reviewed; we will pick about
            twelve for the final list.
            """
        ),
        ideas_deadline=datetime.date(2027, 1, 22),
        org_application_deadline=datetime.date(2027, 2, 9),
        ideas=OPEN_IDEAS,
        carried=(("gsoc-2026", "cpu-feature-masking-presets-for-mixed-clusters"),),
    ),
)


def _demo_password() -> tuple[str, bool]:
    """The password for demo accounts, and whether DEMO_PASSWORD set it explicitly."""
    from_env = os.environ.get("DEMO_PASSWORD", "")
    return (from_env or DEFAULT_PASSWORD), bool(from_env)


def _with_other_password(users: list[User], password: str) -> list[User]:
    """The users whose password is not ``password``.

    Checks each distinct stored hash once rather than each user: demo accounts share one.
    """
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
        "Load the demo community (development only): one account per role plus more "
        "mentors and students, the open program gsoc-2027 with its ideas, the published "
        "program outreachy-33 and the archived program gsoc-2026. Safe to run on every "
        "start: accounts, programs and ideas that exist (by username, program slug, idea "
        "slug) are kept as they are; only missing ones are created, and only a newly "
        "created idea gets its demo review, co-mentor offer and student interest. "
        f"Passwords: DEMO_PASSWORD, default {DEFAULT_PASSWORD!r}. New accounts get it; "
        "when DEMO_PASSWORD is set explicitly, existing demo accounts whose password "
        "differs are changed to it too. The demo's notifications are listed in the app but "
        "never emailed. Refuses to run when DEBUG is off unless --force."
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

    def handle(
        self,
        *args,
        force: bool = False,
        url: str = DEFAULT_URL,
        verbosity: int = 1,
        **options,
    ):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo data: DEBUG is off, so these look like production "
                "settings, and the demo accounts have a published password. "
                "Use --force if this really is a throwaway site."
            )
        started = time.monotonic()
        started_at = timezone.now()
        password, is_explicit = _demo_password()
        self.created = {
            "accounts": 0,
            "programs": 0,
            "ideas": 0,
            "comments": 0,
            "interests": 0,
            "passwords": 0,
        }
        self.own_passwords: set[str] = set()
        with transaction.atomic():
            users = self._ensure_users(password, update_existing=is_explicit)
            for index, demo_program in enumerate(PROGRAMS):
                newer = [later.slug for later in PROGRAMS[index + 1 :]]
                self._ensure_program(demo_program, users, newer=newer)
            # The review above told the demo mentors about every comment and sign-off. Keep
            # that in the app (unread counts), but don't email it: the email tasks queued
            # for after this commit find nothing left to send.
            Notification.objects.filter(
                recipient__in=users.values(),
                created_at__gte=started_at,
                email_wanted=True,
                email_sent_at=None,
            ).update(email_wanted=False)
        elapsed = time.monotonic() - started
        if verbosity >= 1:
            self._print_banner(password, is_explicit, elapsed, url.rstrip("/"))

    # Accounts

    def _ensure_users(self, password: str, *, update_existing: bool) -> dict[str, User]:
        existing = {
            user.username: user
            for user in User.objects.filter(username__in=[u.username for u in USERS])
        }
        stale = _with_other_password(list(existing.values()), password)
        # One hash for all demo accounts: hashing is deliberately slow (~0.2 s each), and a
        # shared salt costs nothing for accounts whose password is printed on every start.
        missing = [demo for demo in USERS if demo.username not in existing]
        encoded = make_password(password) if missing or (stale and update_existing) else ""
        new_users = [
            User(
                username=demo.username,
                email=f"{demo.username}@example.org",
                display_name=demo.display_name,
                affiliation=demo.affiliation,
                is_superuser=demo.is_superuser,
                is_staff=demo.is_superuser,
                password=encoded,
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
        for demo in USERS:
            if demo.group:
                group, _ = Group.objects.get_or_create(name=demo.group)
                users[demo.username].groups.add(group)
        return users

    # Programs and ideas

    def _ensure_program(
        self, demo: DemoProgram, users: dict[str, User], *, newer: list[str]
    ) -> None:
        manager = users["manager"]
        program = Program.objects.filter(slug=demo.slug).first()
        if program is not None:
            # Keep an existing published or archived program exactly as it is; an open one
            # only gets the demo ideas it lacks (e.g. ones added to this command later).
            if demo.phase == Phase.OPEN and program.phase in EDITABLE_PHASES:
                self._ensure_ideas(program, demo.ideas, users)
                self._carry_forward(program, demo, users)
            return
        # Every program lives through its phases like a real one: prepared, opened for
        # ideas and reviews, then (for the older ones) published and archived.
        program = workflow.save_program(
            Program(
                name=demo.name,
                slug=demo.slug,
                phase=Phase.PREPARING,
                intro=demo.intro,
                ideas_deadline=demo.ideas_deadline,
                org_application_deadline=demo.org_application_deadline,
                required_sign_offs=demo.required_sign_offs,
                target_list_size=demo.target_list_size,
                allowed_sizes=list(demo.allowed_sizes),
            ),
            by=manager,
        )
        self.created["programs"] += 1
        self._keep_older_than(program, newer)
        program = workflow.open_program(program, by=manager)
        self._ensure_ideas(program, demo.ideas, users)
        self._carry_forward(program, demo, users)
        if demo.phase in (Phase.PUBLISHED, Phase.ARCHIVED):
            program = workflow.publish_program(program, by=manager)
        if demo.phase == Phase.ARCHIVED:
            # What never reached the final list is archived as it stood.
            workflow.archive_program(program, by=manager, confirm_unfinished=True)

    @staticmethod
    def _keep_older_than(program: Program, newer: list[str]) -> None:
        """Date a program created after the demo programs listed later in PROGRAMS (a
        database loaded by an older version of this command) just before them, so the
        home page keeps showing the newest one."""
        first = (
            Program.objects.filter(slug__in=newer)
            .order_by("created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        if first is not None:
            program.created_at = first - datetime.timedelta(minutes=1)
            Program.objects.filter(pk=program.pk).update(created_at=program.created_at)

    def _carry_forward(self, program: Program, demo: DemoProgram, users: dict[str, User]) -> None:
        """The manager carries the demo's ideas of earlier programs into this one, unless
        they are there already."""
        if not demo.carried or program.phase not in (Phase.PREPARING, Phase.OPEN):
            return
        wanted = Q()
        for program_slug, idea_slug in demo.carried:
            wanted |= Q(program__slug=program_slug, slug=idea_slug)
        sources = list(
            Idea.objects.filter(wanted)
            .exclude(carried_forward__program=program)
            .select_related("program")
        )
        if sources:
            carried = workflow.carry_forward(sources, program, by=users["manager"])
            self.created["ideas"] += len(carried)

    def _ensure_ideas(
        self, program: Program, ideas: tuple[DemoIdea, ...], users: dict[str, User]
    ) -> None:
        existing = set(Idea.objects.for_program(program).values_list("slug", flat=True))
        for demo in ideas:
            if demo.slug in existing:
                continue
            mentors = [users[username] for username in demo.mentors]
            content = workflow.IdeaContent(
                fields={
                    "title": demo.title,
                    "difficulty_min": demo.difficulty[0],
                    "difficulty_max": demo.difficulty[1],
                    "project_size": demo.size,
                    "skills_note": demo.skills_note,
                    "description": demo.description,
                    "outcomes": demo.outcomes,
                    "steps": demo.steps,
                    "references": demo.references,
                    "is_program_eligible": demo.is_program_eligible,
                },
                skills=list(demo.skills),
                mentors=mentors,
            )
            idea = workflow.create_idea(
                program, content, by=mentors[0], submit=demo.target != IdeaState.DRAFT
            )
            self.created["ideas"] += 1
            # Only a newly created idea is reviewed, so a second run adds nothing.
            self._review(idea, demo, users)

    def _review(self, idea: Idea, demo: DemoIdea, users: dict[str, User]) -> None:
        """Play the idea's review: comments and replies, then the sign-off and what follows
        it (a stale-making edit, comments marked addressed or hidden, approval, withdrawal).
        """
        mentor = users[demo.mentors[0]]
        posted: list[tuple[DemoComment, ReviewComment]] = []
        for demo_comment in demo.comments:
            author = users[demo_comment.author]
            rubric = None
            if demo_comment.rubric:
                fields = (field for field, _ in RUBRIC_QUESTIONS)
                rubric = dict(zip(fields, demo_comment.rubric, strict=True))
            comment = review_workflow.add_comment(
                idea, by=author, body=demo_comment.body, rubric=rubric
            )
            if demo_comment.edited:
                comment = review_workflow.edit_comment(
                    comment, by=author, body=demo_comment.edited, expected_version=1
                )
            posted.append((demo_comment, comment))
        for demo_comment, comment in posted:
            if demo_comment.reply:
                review_workflow.add_comment(
                    idea,
                    by=users[demo_comment.reply_by or demo.mentors[0]],
                    body=demo_comment.reply,
                    parent=comment,
                )
        self.created["comments"] += len(posted) + sum(1 for c, _ in posted if c.reply)

        signed = demo.target in (IdeaState.REVIEWED, IdeaState.APPROVED) or demo.stale_edit
        if signed:
            workflow.sign_off(idea, by=users["committer"], note=demo.sign_off_note)
        if demo.stale_edit:
            idea.refresh_from_db()
            content = _current_content(idea)
            content.fields["description"] += "\n\n" + demo.stale_edit.description_addition
            content.summary = demo.stale_edit.summary
            idea = workflow.update_idea(idea, content, by=mentor, expected_version=idea.version)

        for demo_comment, comment in posted:
            if demo_comment.addressed:
                replier = users[demo_comment.reply_by or demo.mentors[0]]
                review_workflow.set_addressed(comment, by=replier, addressed=True)
            if demo_comment.hidden:
                review_workflow.hide_comment(
                    comment, by=users["manager"], reason=demo_comment.hidden
                )

        if demo.target == IdeaState.APPROVED:
            workflow.approve(idea, by=users["manager"])
        elif demo.target == IdeaState.WITHDRAWN:
            workflow.withdraw(idea, by=mentor)

        if demo.offer:
            offer = workflow.offer_to_mentor(
                idea, by=users[demo.offer.by], message=demo.offer.message
            )
            if demo.offer.accepted:
                workflow.decide_offer(offer, by=mentor, accept=True)
        for interest in demo.interests:
            student = users[interest.student]
            student_workflow.register_interest(idea, by=student, note=interest.note)
            if interest.again:
                student_workflow.withdraw_interest(idea, by=student)
                student_workflow.register_interest(idea, by=student, note=interest.again)
        self.created["interests"] += len(demo.interests) + sum(1 for i in demo.interests if i.again)

    # Output

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
        rows += [
            (
                u.username,
                u.role,
                u.display_name,
                OWN_PASSWORD if u.username in self.own_passwords else password,
            )
            for u in USERS
            if u.in_banner
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        rows.insert(1, tuple("-" * w for w in widths))
        more_by_role: dict[str, list[str]] = {}
        for user in USERS:
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
