"""What PULS reads from an HTTP request for its records: the client's address."""

import ipaddress

from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, or None when the request has no valid one.

    Views pass it to services (``ip=client_ip(request)``) so that services never take the request.
    """
    # Only REMOTE_ADDR: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    address = request.META.get("REMOTE_ADDR", "")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
