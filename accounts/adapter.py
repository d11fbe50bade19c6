"""django-allauth hooks."""

import ipaddress

from allauth.account.adapter import DefaultAccountAdapter


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

        allauth's key is the login name alone, so five wrong passwords from anywhere would
        lock the owner out for five minutes: a lockout anyone can trigger. With the
        address in the key the guesser waits and the owner, elsewhere, still logs in;
        ACCOUNT_RATE_LIMITS["login_failed"] also caps each address across all accounts.
        """
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{client_network(self.get_client_ip(request))}"
