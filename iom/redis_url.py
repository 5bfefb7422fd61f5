def redis_py_url(url: str) -> str:
    """redis-py spells a socket URL unix://; Celery's kombu spells it redis+socket://."""
    if url.startswith("redis+socket://"):
        return "unix://" + url.removeprefix("redis+socket://")
    return url
