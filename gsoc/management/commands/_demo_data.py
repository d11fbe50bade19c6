"""Reading and checking the demo data files (gsoc/demo/, see its README), and dating them."""

from __future__ import annotations

import dataclasses
import datetime
import random
import re
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from django.core.management.base import CommandError
from django.utils.text import slugify

from gsoc.enums import Difficulty, IdeaState, Phase
from gsoc.permissions import COMMITTERS_GROUP, MANAGERS_GROUP
from reviews.models import RUBRIC_QUESTIONS, Answer

DATA_DIR = Path(__file__).resolve().parents[2] / "demo"
SECTIONS = ("Description", "Outcomes", "Steps", "References")
RUBRIC_FIELDS = tuple(name for name, _ in RUBRIC_QUESTIONS)
TIMELINE = ("created", "opened", "ideas_until", "reviews_until", "published", "archived")


@dataclasses.dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    affiliation: str
    group: str | None = None
    is_superuser: bool = False
    in_banner: bool = True


@dataclasses.dataclass(frozen=True)
class DemoComment:
    """A review comment as its author posts it, and what happens to it afterwards."""

    author: str  # never one of the idea's mentors
    body: str
    rubric: dict[str, str] | None = None  # RUBRIC_QUESTIONS field -> yes / no / unsure
    edited: str = ""  # the author's rewrite of the body, posted after it
    reply: str = ""  # an answer from a mentor of the idea
    reply_by: str = ""  # that mentor; the idea's first mentor by default
    addressed: bool = False  # marked addressed by the mentor who replied
    hidden: str = ""  # a manager hides the comment and shows this reason instead


@dataclasses.dataclass(frozen=True)
class DemoEdit:
    """An edit by the first mentor after the sign-off, which makes it stale."""

    summary: str
    description_addition: str  # a paragraph appended to the description


@dataclasses.dataclass(frozen=True)
class DemoInterest:
    student: str
    note: str
    again: str = ""  # withdrawn, then registered again with this note


@dataclasses.dataclass(frozen=True)
class DemoOffer:
    by: str  # never one of the idea's mentors
    message: str
    accepted: bool = False  # by the first mentor; else left pending


@dataclasses.dataclass(frozen=True)
class DemoIdea:
    slug: str  # the file name; the slug create_idea gives the title in an empty program
    title: str
    mentors: tuple[str, ...]  # the first one creates the idea
    difficulty: tuple[Difficulty, Difficulty]
    size: int
    skills: tuple[str, ...]
    description: str
    outcomes: str
    steps: str
    references: str
    skills_note: str = ""
    is_program_eligible: bool = True
    # REVIEWED and APPROVED ideas are signed off (then approved); WITHDRAWN ones withdrawn.
    target: IdeaState = IdeaState.NEEDS_REVIEW
    comments: tuple[DemoComment, ...] = ()
    sign_off_note: str = ""
    stale_edit: DemoEdit | None = None  # signed off, then edited: back to NEEDS_REVIEW
    offer: DemoOffer | None = None
    interests: tuple[DemoInterest, ...] = ()

    @property
    def is_signed(self) -> bool:
        return self.target in (IdeaState.REVIEWED, IdeaState.APPROVED) or bool(self.stale_edit)


@dataclasses.dataclass(frozen=True)
class Timeline:
    """When a program's steps happen (see gsoc/demo/README.md)."""

    created: datetime.datetime
    opened: datetime.datetime
    ideas_until: datetime.datetime
    reviews_until: datetime.datetime
    published: datetime.datetime | None = None
    archived: datetime.datetime | None = None


@dataclasses.dataclass(frozen=True)
class DemoProgram:
    name: str
    slug: str
    phase: Phase
    intro: str
    ideas_deadline: datetime.date
    org_application_deadline: datetime.date
    timeline: Timeline
    ideas: tuple[DemoIdea, ...]
    required_sign_offs: int = 1
    target_list_size: int = 12
    allowed_sizes: tuple[int, ...] = (90, 175, 350)
    carried: tuple[tuple[str, str], ...] = ()  # (program slug, idea slug) carried forward


@dataclasses.dataclass(frozen=True)
class DemoData:
    users: tuple[DemoUser, ...]
    programs: tuple[DemoProgram, ...]


class _Fields:
    """A mapping read from a data file, whose errors name the file and the place in it."""

    def __init__(self, path: Path, data: Any, where: str = "") -> None:
        self.path, self.where = path, where
        if not isinstance(data, dict):
            self.fail(f"expected a mapping, got {data!r}")
        self.data = data

    def fail(self, problem: str):
        raise CommandError(f"{self.path}: {self.where}{problem}")

    def get(self, key: str, kind: type | tuple[type, ...] = str, default: Any = None) -> Any:
        value = self.data.get(key, default)
        if kind is str and isinstance(value, bool):  # YAML reads an unquoted yes as True
            value = "yes" if value else "no"
        if value is not default and not isinstance(value, kind):
            self.fail(f"{key} should be {getattr(kind, '__name__', kind)}, got {value!r}")
        return value

    def choice(self, key: str, choices: type, default: Any = None) -> Any:
        value = self.get(key, default=default)
        if value not in choices.values:
            self.fail(f"unknown {key} {value!r}; one of {', '.join(choices.values)}")
        return choices(value)

    def user(self, key: str, usernames: set[str]) -> str:
        username = self.get(key, default="")
        if username and username not in usernames:
            self.fail(f"unknown username {username!r} in {key}")
        return username

    def child(self, key: str, index: int | None = None) -> _Fields:
        value = self.data[key] if index is None else self.data[key][index]
        where = f"{self.where}{key}{'' if index is None else f' {index + 1}'}: "
        return _Fields(self.path, value, where)

    def children(self, key: str) -> list[_Fields]:
        return [self.child(key, i) for i in range(len(self.get(key, list, [])))]

    def build(self, cls: type, rename: dict[str, str] | None = None, **given: Any) -> Any:
        """A ``cls`` from this mapping: its keys are the dataclass's fields (or their
        ``rename``), those without a default are required; plain values are type-checked,
        the rest come in ``given``."""
        keys = {(rename or {}).get(f.name, f.name): f for f in dataclasses.fields(cls)}
        required = {k for k, f in keys.items() if f.default is dataclasses.MISSING}
        if missing := required - set(self.data) - {k for k, f in keys.items() if f.name in given}:
            self.fail(f"missing {', '.join(sorted(missing))}")
        if unknown := set(self.data) - set(keys):
            self.fail(f"unknown key {', '.join(sorted(map(str, unknown)))}")
        kinds = {"str": str, "bool": bool, "int": int, "str | None": str}
        values = {
            f.name: self.get(key, kinds.get(f.type, object))
            for key, f in keys.items()
            if key in self.data and f.name not in given
        }
        return cls(**values, **given)


def _read(path: Path, parse=yaml.safe_load) -> Any:
    try:
        return parse(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise CommandError(f"{path}: can't read it ({error.strerror})") from error
    except yaml.YAMLError as error:
        raise CommandError(f"{path}: not valid YAML: {error}") from error


def _rows(path: Path, what: str) -> list[_Fields]:
    if not isinstance(rows := _read(path), list):
        raise CommandError(f"{path}: expected a list of {what}s")
    return [_Fields(path, row, f"{what} {index + 1}: ") for index, row in enumerate(rows)]


def _moment(fields: _Fields, key: str, now: datetime.datetime) -> datetime.datetime:
    """A timeline entry: a date (noon UTC that day) or "N days ago" / "N hours ago"; never
    later than ``now``."""
    value = fields.data[key]
    if match := re.fullmatch(r"(\d+) (day|hour)s? ago", str(value)):
        return now - datetime.timedelta(**{f"{match[2]}s": int(match[1])})
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        fields.fail(f"{key} {value!r} is neither a date nor 'N days ago'")
    return min(now, datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC))


def _sections(path: Path, body: str) -> dict[str, str]:
    parts = re.split(rf"^## ({'|'.join(SECTIONS)})[ \t]*$", body, flags=re.MULTILINE)
    if parts[0].strip():
        raise CommandError(f"{path}: text before the first section: {parts[0].strip()[:40]!r}")
    names, texts = parts[1::2], parts[2::2]
    for name in SECTIONS:
        if names.count(name) != 1:
            problem = "missing section" if name not in names else "more than one section"
            raise CommandError(f"{path}: {problem} '## {name}'")
    return {name.lower(): text.strip() for name, text in zip(names, texts, strict=True)}


def _comment(fields: _Fields, usernames: set[str], mentors: tuple[str, ...]) -> DemoComment:
    rubric = None
    if "rubric" in fields.data:
        answers = fields.child("rubric")
        if set(answers.data) != set(RUBRIC_FIELDS):
            answers.fail(f"answer exactly {', '.join(RUBRIC_FIELDS)}")
        rubric = {name: str(answers.choice(name, Answer)) for name in RUBRIC_FIELDS}
    if fields.user("author", usernames) in mentors:
        fields.fail("the author is a mentor of the idea; mentors reply instead")
    if (reply_by := fields.user("reply_by", usernames)) and reply_by not in mentors:
        fields.fail(f"reply_by {reply_by!r} is not a mentor of the idea")
    return fields.build(DemoComment, rubric=rubric)


def _idea(path: Path, usernames: set[str]) -> DemoIdea:
    post = _read(path, frontmatter.loads)
    fields = _Fields(path, post.metadata)
    title = fields.get("title")
    if path.stem != (slug := slugify(title or "")[:70].strip("-") or "idea"):
        fields.fail(f"the file name should be {slug}.md, from the title")
    mentors = tuple(fields.get("mentors", list, []))
    if not mentors or not set(mentors) <= usernames:
        fields.fail(f"unknown username in mentors {list(mentors)!r}")
    levels = fields.get("difficulty", (str, list), "")
    levels = [levels] * 2 if isinstance(levels, str) else levels
    names = {level.name.lower(): level for level in Difficulty}
    if len(levels) != 2 or not set(levels) <= set(names):
        fields.fail(f"difficulty should be one or two of {', '.join(names)}, got {levels!r}")
    offer = stale_edit = None
    if "offer" in fields.data:
        offer = fields.child("offer").build(DemoOffer)
        if fields.child("offer").user("by", usernames) in mentors:
            fields.fail("offer: the volunteer is a mentor of the idea already")
    if "stale_edit" in fields.data:
        stale_edit = fields.child("stale_edit").build(DemoEdit)
    interests = []
    for interest in fields.children("interests"):
        interest.user("student", usernames)
        interests.append(interest.build(DemoInterest))
    return fields.build(
        DemoIdea,
        rename={"is_program_eligible": "program_eligible", "target": "state"},
        slug=slug,
        mentors=mentors,
        difficulty=(names[levels[0]], names[levels[1]]),
        skills=tuple(fields.get("skills", list, [])),
        target=fields.choice("state", IdeaState, IdeaState.NEEDS_REVIEW),
        comments=tuple(_comment(c, usernames, mentors) for c in fields.children("comments")),
        offer=offer,
        stale_edit=stale_edit,
        interests=tuple(interests),
        **_sections(path, post.content),
    )


def _program(fields: _Fields, folder: Path, earlier: list[DemoProgram], now, usernames):
    slug = fields.get("slug")
    phase = fields.choice("phase", Phase)
    times = fields.child("timeline")
    needed = set(TIMELINE[: {Phase.PUBLISHED: 5, Phase.ARCHIVED: 6}.get(phase, 4)])
    if missing := needed - set(times.data):
        times.fail(f"a {phase} program needs {', '.join(sorted(missing))}")
    timeline = times.build(Timeline, **{key: _moment(times, key, now) for key in times.data})
    moments = [m for m in dataclasses.astuple(timeline) if m is not None]
    if moments != sorted(moments) or (earlier and moments[0] <= earlier[-1].timeline.created):
        times.fail(f"should follow the order {', '.join(TIMELINE)}, after the program before")
    listed = fields.get("ideas", list, [])
    on_disk = {file.stem for file in (folder / slug).glob("*.md")}
    if unlisted := on_disk - set(listed):
        fields.fail(f"idea files not listed under ideas: {', '.join(sorted(unlisted))}")
    if absent := [name for name in listed if name not in on_disk]:
        fields.fail(f"ideas: no file {folder / slug / absent[0]}.md")
    carried, known = [], {(p.slug, idea.slug) for p in earlier for idea in p.ideas}
    for entry in fields.children("carried"):
        if (pair := (entry.get("program"), entry.get("idea"))) not in known:
            entry.fail("should name the program and idea slugs of an earlier program's idea")
        carried.append(pair)
    return fields.build(
        DemoProgram,
        phase=phase,
        timeline=timeline,
        ideas_deadline=fields.get("ideas_deadline", datetime.date),
        org_application_deadline=fields.get("org_application_deadline", datetime.date),
        ideas=tuple(_idea(folder / slug / f"{name}.md", usernames) for name in listed),
        allowed_sizes=tuple(fields.get("allowed_sizes", list, [90, 175, 350])),
        carried=tuple(carried),
    )


def load_data(folder: Path = DATA_DIR, *, now: datetime.datetime | None = None) -> DemoData:
    """Read and check the demo's data files; raise CommandError naming the file at fault."""
    now = now or datetime.datetime.now(datetime.UTC)
    users = []
    for fields in _rows(folder / "people.yaml", "account"):
        if fields.get("group") not in (None, COMMITTERS_GROUP, MANAGERS_GROUP):
            fields.fail(f"unknown group; one of {COMMITTERS_GROUP}, {MANAGERS_GROUP}")
        rename = {"display_name": "name", "is_superuser": "superuser", "in_banner": "banner"}
        users.append(fields.build(DemoUser, rename=rename))
    usernames = {user.username for user in users}
    programs: list[DemoProgram] = []
    for fields in _rows(folder / "programs.yaml", "program"):
        programs.append(_program(fields, folder, programs, now, usernames))
    return DemoData(tuple(users), tuple(programs))


def plan_idea(program: DemoProgram, index: int, cap: datetime.datetime) -> dict[str, Any]:
    """When each step of one idea's story happens, by step name ("created", "comment0",
    "reply0", "signed", "interest0", ...). The idea is created in its turn between the
    program's opening and ideas_until; comments follow days later, replies hours or days
    after them, the sign-off after the discussion, approval after that, interest last.
    Seeded by the slugs, and squeezed to end by reviews_until and ``cap``."""
    demo, timeline = program.ideas[index], program.timeline
    rng = random.Random(f"{program.slug}/{demo.slug}")
    window = timeline.ideas_until - timeline.opened
    created = timeline.opened + window * ((index + rng.uniform(0.2, 0.8)) / len(program.ideas))
    created = min(created, cap)
    after = rng.uniform
    hours: dict[str, float] = {}  # offsets after creation, scaled down together to fit
    last = 0.0
    for k, comment in enumerate(demo.comments):
        last += after(10, 100)
        hours[f"comment{k}"] = hours[f"edit{k}"] = hours[f"reply{k}"] = last
        if comment.edited:
            hours[f"edit{k}"] = hours[f"reply{k}"] = last + after(1, 20)
        if comment.reply:
            hours[f"reply{k}"] = hours[f"edit{k}"] + after(3, 60)
        hours[f"addressed{k}"] = hours[f"reply{k}"] + after(1, 30)
        hours[f"hidden{k}"] = last + after(4, 30)
    discussed = max([0.0, *(v for k, v in hours.items() if not k.startswith("addressed"))])
    if demo.is_signed:
        hours["signed"] = discussed + after(12, 72)
    if demo.stale_edit:
        hours["stale_edit"] = hours["signed"] + after(24, 96)
    if demo.target == IdeaState.APPROVED:
        hours["decided"] = max(hours.values()) + after(24, 120)
    elif demo.target == IdeaState.WITHDRAWN:
        hours["decided"] = discussed + after(24, 96)
    if demo.offer:
        hours["offer"] = max([0.0, *hours.values()]) + after(24, 120)
        hours["offer_decided"] = hours["offer"] + after(4, 40)
    settled = max([0.0, *hours.values()])
    for k, interest in enumerate(demo.interests):
        hours[f"interest{k}"] = settled + after(24, 400)
        if interest.again:
            hours[f"withdrawn{k}"] = hours[f"interest{k}"] + after(24, 90)
            hours[f"again{k}"] = hours[f"withdrawn{k}"] + after(24, 90)
    room = (min(timeline.reviews_until, cap) - created).total_seconds() / 3600
    scale = min(1.0, max(room, 0.0) / max([1.0, *hours.values()]))
    times = {name: created + datetime.timedelta(hours=h * scale) for name, h in hours.items()}
    return times | {"created": created}
