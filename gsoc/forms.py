import re

from allauth.account.models import EmailAddress
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from gsoc import schema
from gsoc.enums import Difficulty
from gsoc.models import Idea, Program, Skill
from gsoc.permissions import MAX_MENTORS
from gsoc.validators import MAX_MARKDOWN_LENGTH
from gsoc.workflow import IdeaContent

MAX_SKILLS = 12
_SPLIT = re.compile(r"[,\n;]+")
# C0 controls but tab and line breaks, DEL and C1 controls: pasted terminal colours and the
# like, which nobody means in a title and XML (the feeds) can't carry.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_controls(value: str) -> str:
    return _CONTROL.sub("", value) if isinstance(value, str) else value


def normalise_newlines(value: str) -> str:
    """Browsers send textarea line breaks as CRLF; store LF, so an untouched field stays
    unchanged (and a sign-off stays current)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def split_list(value: str) -> list[str]:
    """'a, b;\nc' -> ['a', 'b', 'c'], keeping order and dropping repeats (case-blind)."""
    seen, items = set(), []
    for item in _SPLIT.split(value or ""):
        item = " ".join(item.split())
        if item and item.lower() not in seen:
            seen.add(item.lower())
            items.append(item)
    return items


class IdeaForm(forms.ModelForm):
    """The idea template as a form. Never saves: views hand ``content()`` to the workflow.

    Mentors: the idea's current mentors are kept (in the order typed, or removed when left
    out); anyone else named by username or email address is invited and joins on
    accepting. The answer is the same whether or not an address has an account.
    """

    skills = forms.CharField(
        required=False,
        max_length=600,
        help_text="Comma-separated, e.g. C, Python, networking. Existing skills are suggested.",
        widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off"}),
    )
    mentors = forms.CharField(required=False, max_length=600)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # New skill names the mentor confirmed after being offered an existing one.
    skills_confirmed = forms.CharField(required=False, widget=forms.HiddenInput)
    summary = forms.CharField(
        required=False,
        max_length=200,
        label="Edit summary (optional)",
        help_text="Briefly, what you changed and why. Shown in the idea's history.",
    )

    class Meta:
        model = Idea
        fields = list(schema.CONTENT_FIELDS)
        help_texts = {
            "title": "Short and specific, e.g. 'Live migration progress reporting in the CLI'.",
            "description": "What the problem is and why it matters; enough for a student to get "
            "going. Markdown.",
            "outcomes": "What exists at the end: code, tests, documentation. Markdown.",
            "steps": "Phases or milestones a student works through. Markdown.",
            "references": "Links to code, documentation, mailing-list threads. Markdown.",
        }

    def __init__(self, *args, program: Program, creating: bool, submitter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        self.creating = creating
        # On create the submitter becomes the first mentor and counts towards the limit.
        self.submitter = submitter
        self.invited: list = []
        for name in schema.MARKDOWN_FIELDS:
            # Leading spaces mean something in Markdown (an indented code block).
            self.fields[name].strip = False
            self.fields[name].max_length = MAX_MARKDOWN_LENGTH
            self.fields[name].widget.attrs["maxlength"] = MAX_MARKDOWN_LENGTH
        sizes = program.size_choices()
        if self.instance.pk and self.instance.project_size not in dict(sizes):
            sizes.append((self.instance.project_size, f"~{self.instance.project_size} hours"))
        self.fields["project_size"] = forms.TypedChoiceField(
            choices=[("", "Choose a size")] + sizes,
            coerce=int,
            label="Project size",
            help_text="Expected student time, as the program counts it.",
            initial=self.instance.project_size if self.instance.pk else None,
        )
        self.fields["difficulty_max"].help_text = "The same as 'from' for a single level."
        mentors = self.fields["mentors"]
        if creating:
            del self.fields["summary"]
            mentors.label = "Co-mentors"
            mentors.help_text = (
                "You are the first mentor. Invite co-mentors by username or email address, "
                "comma-separated: they join when they accept."
            )
        else:
            mentors.label = "Mentors"
            mentors.required = True
            mentors.help_text = (
                "In order, comma-separated. Remove a mentor by deleting the name; add one by "
                "username or email address: they are invited and join when they accept."
            )
            if not self.is_bound:
                self.initial["mentors"] = ", ".join(
                    link.user.username for link in self.instance.mentor_links.all()
                )
                self.initial["skills"] = ", ".join(s.name for s in self.instance.skills.all())
                self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        size_row = ("difficulty_min", "difficulty_max", "project_size")
        idea_fields: list = []
        for name in schema.fieldset("idea"):
            if name == size_row[0]:
                idea_fields.append(
                    Div(*(Div(n, css_class="col-sm-4") for n in size_row), css_class="row")
                )
            elif name not in size_row:
                idea_fields.append(name)
        self.helper.layout = Layout(
            Fieldset("The idea", *idea_fields),
            Fieldset("Write-up", *schema.fieldset("write-up")),
            *([] if creating else ["summary"]),
            Field("version"),
            Field("skills_confirmed"),
        )

    def clean_title(self):
        title = " ".join(strip_controls(self.cleaned_data["title"]).split())
        if not title:
            raise forms.ValidationError("Give the idea a title.")
        return title

    def clean_skills_note(self):
        return strip_controls(self.cleaned_data["skills_note"])

    def clean_description(self):
        description = self.cleaned_data["description"]
        if not description.strip():
            raise forms.ValidationError("This field is required.")
        return description

    def clean_skills(self):
        names = [
            Skill.normalise(name)
            for name in split_list(strip_controls(self.cleaned_data["skills"]))
        ]
        if len(names) > MAX_SKILLS:
            raise forms.ValidationError(
                f"At most {MAX_SKILLS} skills; move the rest to the detail."
            )
        if any(len(name) > 40 for name in names):
            raise forms.ValidationError("Keep each skill under 40 characters.")
        self._offer_existing_skills(names)
        return names

    def _offer_existing_skills(self, names: list[str]) -> None:
        """A new skill that contains an existing one ("C programming" and "C") is refused
        once, with the existing one offered; submitting again keeps it as typed."""
        confirmed = {name.lower() for name in split_list(self.data.get("skills_confirmed", ""))}
        existing = {
            name.lower()
            for name in Skill.objects.filter(name__in=names).values_list("name", flat=True)
        }
        offers = []
        for name in names:
            if name.lower() in existing or name.lower() in confirmed:
                continue
            known = Skill.contained_in(name)
            known = [
                skill for skill in known if skill.name.lower() not in {n.lower() for n in names}
            ]
            if known:
                offers.append((name, known))
        if not offers:
            return
        self.data = self.data.copy()
        self.data["skills_confirmed"] = ", ".join(name for name, _ in offers)
        raise forms.ValidationError(
            " ".join(
                f"“{name}” would be a new skill; the existing "
                + " or ".join(f"“{skill.name}”" for skill in known)
                + " may be what you mean."
                for name, known in offers
            )
            + " Use the existing one, or save again to add the new one as typed."
        )

    def clean_mentors(self):
        wanted = split_list(self.cleaned_data["mentors"])
        current = [] if self.creating else [link.user for link in self.instance.mentor_links.all()]
        by_name = {user.username.lower(): user for user in current}
        by_email = {}
        if current:
            for address in EmailAddress.objects.filter(user__in=current, verified=True):
                by_email[address.email.lower()] = address.user
        keep, invite, unknown = [], [], []
        for item in wanted:
            key = item.lower()
            user = by_name.get(key) or by_email.get(key)
            if user is None and "@" in item:
                try:
                    validate_email(item)
                except ValidationError:
                    unknown.append(item)
                else:
                    invite.append(item)
                continue
            if user is None:
                user = (
                    get_user_model().objects.filter(username__iexact=item, is_active=True).first()
                )
                if user is None:
                    unknown.append(item)
                    continue
            is_submitter = self.submitter is not None and user.pk == self.submitter.pk
            if user in current:
                if user not in keep:
                    keep.append(user)
            elif not is_submitter and user not in invite:
                invite.append(user)
        if unknown:
            raise forms.ValidationError(
                "No user with this username, and not an email address: %(names)s. "
                "Invite people without an account by their email address.",
                params={"names": ", ".join(unknown)},
                code="unknown_mentor",
            )
        total = len(keep) + len(invite) + (1 if self.creating else 0)
        if total > MAX_MENTORS:
            if self.creating:
                raise forms.ValidationError(
                    f"At most {MAX_MENTORS} mentors, you included: "
                    f"add up to {MAX_MENTORS - 1} co-mentors."
                )
            raise forms.ValidationError(f"At most {MAX_MENTORS} mentors.")
        if not self.creating and not keep:
            raise forms.ValidationError(
                "An idea needs at least one mentor who has accepted; keep at least one of "
                "the current mentors."
                if invite
                else "An idea needs at least one mentor."
            )
        self.invited = invite
        return keep

    def clean(self):
        cleaned = super().clean()
        for name in (*schema.MARKDOWN_FIELDS, "skills_note"):
            if name in cleaned:
                cleaned[name] = normalise_newlines(cleaned[name])
        low, high = cleaned.get("difficulty_min"), cleaned.get("difficulty_max")
        if low and high and low > high:
            self.add_error(
                "difficulty_max",
                f"Can't be easier than '{Difficulty(low).label}'. Pick the same level or harder.",
            )
        return cleaned

    def _post_clean(self):
        # The model's own clean runs in the workflow, on the locked row.
        pass

    def content(self) -> IdeaContent:
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        return IdeaContent(
            fields=fields,
            skills=self.cleaned_data["skills"],
            mentors=self.cleaned_data["mentors"],
            summary=" ".join(self.cleaned_data.get("summary", "").split()),
            invite=list(self.invited),
        )

    def invitation_message(self) -> str:
        """What the editor is told about the invitations, the same for every address."""
        names = ", ".join(
            item if isinstance(item, str) else item.get_display_name() for item in self.invited
        )
        return f"Invited to co-mentor: {names}. They join the idea when they accept."


class ProgramForm(forms.ModelForm):
    allowed_sizes = forms.CharField(
        max_length=100,
        initial="90, 175, 350",
        label="Allowed project sizes",
        help_text="Hours, comma-separated, e.g. 90, 175, 350.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Program
        fields = [
            "name",
            "slug",
            "intro",
            "phase",
            "ideas_deadline",
            "org_application_deadline",
            "required_sign_offs",
            "target_list_size",
        ]
        widgets = {
            "ideas_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "org_application_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"name": "e.g. Google Summer of Code 2026, Outreachy round 32."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # An existing program changes phase through its buttons (open, publish,
            # archive), which check and record the change.
            del self.fields["phase"]
        else:
            self.fields["phase"].choices = [
                (value, label)
                for value, label in self.fields["phase"].choices
                if value in ("preparing", "open")
            ]
        if self.instance.pk and not self.is_bound:
            self.initial["allowed_sizes"] = ", ".join(str(h) for h in self.instance.allowed_sizes)
            self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "name",
            "slug",
            *([] if self.instance.pk else ["phase"]),
            Div(
                Div("ideas_deadline", css_class="col-sm-6"),
                Div("org_application_deadline", css_class="col-sm-6"),
                css_class="row",
            ),
            Div(
                Div("required_sign_offs", css_class="col-sm-4"),
                Div("target_list_size", css_class="col-sm-4"),
                Div("allowed_sizes", css_class="col-sm-4"),
                css_class="row",
            ),
            "intro",
            Field("version"),
        )

    def clean_intro(self):
        return normalise_newlines(self.cleaned_data["intro"])

    def clean_allowed_sizes(self):
        sizes = []
        for item in split_list(self.cleaned_data["allowed_sizes"].replace(" ", ",")):
            try:
                hours = int(item)
            except ValueError:
                raise forms.ValidationError(f"'{item}' is not a whole number of hours.") from None
            if not 10 <= hours <= 1000:
                raise forms.ValidationError("Each size must be between 10 and 1000 hours.")
            sizes.append(hours)
        if not sizes:
            raise forms.ValidationError("Give at least one size.")
        return sorted(set(sizes))

    def save(self, commit=True):
        self.instance.allowed_sizes = self.cleaned_data["allowed_sizes"]
        return super().save(commit=commit)


class SignOffForm(forms.Form):
    note = forms.CharField(
        max_length=500,
        required=False,
        label="Note (optional)",
        widget=forms.TextInput(attrs={"placeholder": "e.g. Good scope for 175 hours"}),
    )
