"""Django's ``createsuperuser``, with the typed address stored as verified.

Sign-in needs a confirmed address (``ACCOUNT_EMAIL_VERIFICATION = "mandatory"``), and a
superuser made on the server has no allauth ``EmailAddress`` row, so the sign-in form sent
them a confirmation mail first, which fails outright before email is configured. The
operator at the server's shell is trusted with the address they typed.

Overrides django.contrib.auth's command because ``accounts`` comes before it in
``INSTALLED_APPS``.
"""

import os

from allauth.account.models import EmailAddress
from django.contrib.auth.management.commands import createsuperuser


class Command(createsuperuser.Command):
    help = "Create a superuser whose email address counts as confirmed."

    def handle(self, *args, **options):
        username_field = self.UserModel.USERNAME_FIELD
        # Given up front (option or environment), as opposed to typed at a prompt, which
        # Django checks is not taken. Only a user this run created gets an address.
        given = options[username_field] or os.environ.get(
            f"DJANGO_SUPERUSER_{username_field.upper()}"
        )
        manager = self.UserModel._default_manager.db_manager(options["database"])
        existed = bool(given) and manager.filter(**{username_field: given}).exists()
        self._typed = {}
        self._verbosity = options["verbosity"]
        super().handle(*args, **options)
        username = self._typed.get(username_field) or given
        if existed or not username:
            return
        user = manager.filter(**{username_field: username}).first()
        if user is None or not user.email:
            return
        self._store_verified_address(user)

    def get_input_data(self, field, message, default=None):
        value = super().get_input_data(field, message, default)
        self._typed[field.name] = value
        return value

    def _store_verified_address(self, user) -> None:
        addresses = EmailAddress.objects.db_manager(user._state.db)
        if addresses.filter(email__iexact=user.email).exclude(user=user).exists():
            self.stderr.write(
                f"{user.email} already belongs to another account: not marked confirmed. "
                "This account signs in once it confirms an address of its own."
            )
            return
        addresses.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        if self._verbosity >= 1:
            self.stdout.write(f"{user.email} stored as the account's confirmed address.")
