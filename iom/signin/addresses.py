from django.conf import settings


def client_ip(request):
    """The address sign-in attempts are counted against (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT reverse proxies REMOTE_ADDR is the nearest proxy, so every user
    would share one address; each proxy appends the address it saw to X-Forwarded-For, so the
    client is that many entries from the right. Entries further left are the client's own
    claims and are never trusted.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
