from django import forms
from markdownx.fields import MarkdownxFormField

from gsoc.forms import normalise_newlines
from reviews.models import RUBRIC_QUESTIONS, Answer

RUBRIC_CHOICES = [("", "Not answered"), *Answer.choices]


class CommentForm(forms.Form):
    """A review comment (or reply) with the optional rubric."""

    body = MarkdownxFormField(
        label="Your review comment",
        max_length=20000,
        error_messages={"required": "Write something before posting."},
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, with_rubric: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "body"
        ].help_text = "Markdown. Signed with your display name and the date and time."
        self.with_rubric = with_rubric
        if with_rubric:
            for field, question in RUBRIC_QUESTIONS:
                self.fields[field] = forms.ChoiceField(
                    label=question,
                    choices=RUBRIC_CHOICES,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    initial="",
                )

    def rubric_fields(self):
        return [self[field] for field, _ in RUBRIC_QUESTIONS] if self.with_rubric else []

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("Write something before posting.")
        return normalise_newlines(body)

    def clean(self):
        cleaned = super().clean()
        if self.with_rubric and not cleaned.get("parent"):
            answered = [field for field, _ in RUBRIC_QUESTIONS if cleaned.get(field)]
            if answered and len(answered) != len(RUBRIC_QUESTIONS):
                raise forms.ValidationError("Answer all four rubric questions, or none of them.")
        return cleaned

    def rubric(self) -> dict | None:
        if not self.with_rubric or self.cleaned_data.get("parent"):
            return None
        answers = {field: self.cleaned_data.get(field) for field, _ in RUBRIC_QUESTIONS}
        return answers if all(answers.values()) else None


class CommentEditForm(forms.Form):
    body = MarkdownxFormField(
        label="Comment",
        max_length=20000,
        error_messages={"required": "A comment can't be empty. Ask a manager to hide it."},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_body(self):
        body = self.cleaned_data["body"]
        if not body.strip():
            raise forms.ValidationError("A comment can't be empty. Ask a manager to hide it.")
        return normalise_newlines(body)


class HideForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        label="Reason shown in its place",
        help_text="e.g. 'Off topic' or 'Personal attack: see the code of conduct'.",
    )
