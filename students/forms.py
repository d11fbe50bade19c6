from django import forms

from students.models import Interest


class InterestForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["note"]
        labels = {"note": "A short note to the mentors (optional)"}
        widgets = {"note": forms.Textarea(attrs={"rows": 2, "maxlength": 500})}
