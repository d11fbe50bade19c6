"""django-allauth hooks."""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth import get_user_model
from django.db.models import Q


def client_network(ip: str) -> str:
    """The address a rate limit counts: IPv4 as is, IPv6 by its /64 (one subscriber's
    network, as allauth's own per-address limits count it)."""
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return ip
    if address.version == 6:
        return str(ipaddress.IPv6Network(f"{address}/64", strict=False).network_address)
    return str(address)


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed logins per account *and* client address.

        allauth's key is the login as typed, alone: five wrong passwords from anywhere
        would lock the owner out for five minutes, a lockout anyone can trigger, while a
        guesser could double their tries by alternating username and email. Here the key
        is the account, whichever name was typed, plus the address: the guesser waits and
        the owner, elsewhere, still logs in. ACCOUNT_RATE_LIMITS["login_failed"] also
        caps each address across all accounts.
        """
        login = (credentials.get("email") or credentials.get("username") or "").strip()
        account = (
            get_user_model()
            .objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
            .values_list("pk", flat=True)
            .first()
            if login
            else None
        )
        key = (
            f"account-{account}"
            if account is not None
            else super()._get_login_attempts_cache_key(request, **credentials)
        )
        return f"{key}:{client_network(self.get_client_ip(request))}"
