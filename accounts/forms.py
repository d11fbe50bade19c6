from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms

from accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "affiliation"]
        labels = {"display_name": "Display name"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", "Save profile"))

    def clean_display_name(self):
        return " ".join(self.cleaned_data["display_name"].split())

    def clean_affiliation(self):
        return " ".join(self.cleaned_data["affiliation"].split())
