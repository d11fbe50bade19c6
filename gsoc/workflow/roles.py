"""Granting and revoking the committer and manager roles."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from gsoc import permissions
from gsoc.models import Activity


def set_role(user, group_name: str, *, granted: bool, by) -> None:
    """Grant or revoke the committers or managers role, recorded in the activity log."""
    permissions.can_manage_roles(by).enforce()
    if group_name not in (permissions.COMMITTERS_GROUP, permissions.MANAGERS_GROUP):
        raise ValidationError("Unknown role.")
    if not granted and user.pk == by.pk and group_name == permissions.MANAGERS_GROUP:
        raise ValidationError("You can't remove your own manager role; ask another manager.")
    with transaction.atomic():
        group, _ = Group.objects.get_or_create(name=group_name)
        if user.groups.filter(pk=group.pk).exists() == granted:
            return
        if granted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
        Activity.objects.create(
            verb=Activity.Verb.ROLE_GRANTED if granted else Activity.Verb.ROLE_REVOKED,
            actor=by,
            program=None,
            detail={"user": user.username, "role": group_name},
        )
