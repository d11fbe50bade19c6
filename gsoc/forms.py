import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Fieldset, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from gsoc.enums import Difficulty
from gsoc.models import Idea, Program, Skill
from gsoc.workflow import CONTENT_FIELDS, IdeaContent

MAX_MENTORS = 5
MAX_SKILLS = 12
_SPLIT = re.compile(r"[,\n;]+")


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
    """The idea template as a form. Never saves: views hand ``content()`` to the workflow."""

    skills = forms.CharField(
        required=False,
        max_length=600,
        help_text="Comma-separated, e.g. C, Python, networking. Existing skills are suggested.",
        widget=forms.TextInput(attrs={"list": "skill-suggestions", "autocomplete": "off"}),
    )
    mentors = forms.CharField(
        required=False,
        max_length=600,
        help_text="Usernames or email addresses of registered users, comma-separated.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    summary = forms.CharField(
        required=False,
        max_length=200,
        label="Edit summary (optional)",
        help_text="Briefly, what you changed and why. Shown in the idea's history.",
    )

    class Meta:
        model = Idea
        fields = list(CONTENT_FIELDS)
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
        if creating:
            del self.fields["summary"]
            self.fields["mentors"].label = "Co-mentors"
            self.fields[
                "mentors"
            ].help_text = (
                "You are the first mentor. Add co-mentors by username or email, comma-separated."
            )
        else:
            self.fields["mentors"].label = "Mentors"
            self.fields["mentors"].required = True
            self.fields[
                "mentors"
            ].help_text = "In order, by username or email, comma-separated. At least one."
            if not self.is_bound:
                self.initial["mentors"] = ", ".join(
                    link.user.username for link in self.instance.mentor_links.all()
                )
                self.initial["skills"] = ", ".join(s.name for s in self.instance.skills.all())
                self.initial["version"] = self.instance.version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(
                "The idea",
                "title",
                Div(
                    Div("difficulty_min", css_class="col-sm-4"),
                    Div("difficulty_max", css_class="col-sm-4"),
                    Div("project_size", css_class="col-sm-4"),
                    css_class="row",
                ),
                "skills",
                "skills_note",
                "mentors",
                "is_program_eligible",
            ),
            Fieldset("Write-up", "description", "outcomes", "steps", "references"),
            *([] if creating else ["summary"]),
            Field("version"),
        )

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError("Give the idea a title.")
        return title

    def clean_skills(self):
        names = [Skill.normalise(name) for name in split_list(self.cleaned_data["skills"])]
        if len(names) > MAX_SKILLS:
            raise forms.ValidationError(
                f"At most {MAX_SKILLS} skills; move the rest to the detail."
            )
        too_long = [name for name in names if len(name) > 40]
        if too_long:
            raise forms.ValidationError("Keep each skill under 40 characters.")
        return names

    def clean_mentors(self):
        wanted = split_list(self.cleaned_data["mentors"])
        if len(wanted) > MAX_MENTORS:
            raise forms.ValidationError(f"At most {MAX_MENTORS} mentors.")
        users, unknown = [], []
        model = get_user_model()
        for item in wanted:
            # Only confirmed addresses: an unconfirmed one may not belong to that person.
            user = (
                model.objects.filter(
                    Q(username__iexact=item)
                    | Q(emailaddress__email__iexact=item, emailaddress__verified=True),
                    is_active=True,
                )
                .distinct()
                .first()
            )
            if user is None:
                unknown.append(item)
            elif user not in users:
                users.append(user)
        if unknown:
            raise forms.ValidationError(
                "No registered user with this username or email: %(names)s. "
                "Ask them to sign up first.",
                params={"names": ", ".join(unknown)},
                code="unknown_mentor",
            )
        if self.creating and self.submitter is not None:
            co_mentors = [user for user in users if user.pk != self.submitter.pk]
            if len(co_mentors) + 1 > MAX_MENTORS:
                raise forms.ValidationError(
                    f"At most {MAX_MENTORS} mentors, you included: "
                    f"add up to {MAX_MENTORS - 1} co-mentors."
                )
        if not self.creating and not users:
            raise forms.ValidationError("An idea needs at least one mentor.")
        return users

    def clean(self):
        cleaned = super().clean()
        for name in ("description", "outcomes", "steps", "references", "skills_note"):
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
        )


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
