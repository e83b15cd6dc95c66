"""Hosts that are never a source of record: gambling, adult and spam sites.

Many stored copies of official Chinese pages sit on such hosts, with betting or adult
words injected into the text. The list is data (``reference/denied_hosts.csv``): a
``host`` row denies that host and its subdomains, a ``word`` row any address whose host
contains the word.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from urllib.parse import urlparse

from . import paths


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, ...], tuple[str, ...]]:
    hosts, words = [], []
    with open(paths.REFERENCE_DIR / "denied_hosts.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            (hosts if row["match"] == "host" else words).append(row["pattern"].lower())
    return tuple(hosts), tuple(words)


def denied_reason(url: object) -> str | None:
    """Why ``url`` may not be cited (None when it may, or when it is not an address)."""
    if not isinstance(url, str) or "://" not in url:
        return None
    host = (urlparse(url.strip()).hostname or "").lower()
    hosts, words = _rules()
    for h in hosts:
        if host == h or host.endswith("." + h):
            return f"{host} is a denied host ({h})"
    for w in words:
        if w in host:
            return f"{host} contains the denied word {w!r}"
    return None


def is_denied(url: object) -> bool:
    return denied_reason(url) is not None
