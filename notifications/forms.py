from django import forms
from django.db import transaction

from notifications.models import Channel, Kind, Mute


class PreferencesForm(forms.Form):
    """One checkbox per kind and channel; ticked means 'tell me'."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        muted = set(Mute.objects.filter(user=user).values_list("kind", "channel"))
        for kind in Kind:
            for channel in Channel:
                self.fields[f"{kind.value}__{channel.value}"] = forms.BooleanField(
                    required=False,
                    initial=(kind.value, channel.value) not in muted,
                    label=f"{kind.label}: {channel.label.lower()}",
                )

    def rows(self):
        """(kind label, app field, email field) for the table template."""
        return [
            (kind.label, self[f"{kind.value}__app"], self[f"{kind.value}__email"]) for kind in Kind
        ]

    def save(self) -> None:
        with transaction.atomic():
            self._save()

    def _save(self) -> None:
        Mute.objects.filter(user=self.user).delete()
        Mute.objects.bulk_create(
            Mute(user=self.user, kind=kind, channel=channel)
            for kind in Kind
            for channel in Channel
            if not self.cleaned_data[f"{kind.value}__{channel.value}"]
        )
