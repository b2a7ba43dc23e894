"""LD631 apt-lists-kept: ``apt-get update`` in an image that ships, and the RUN neither deletes
``/var/lib/apt/lists`` after it (``rm -rf /var/lib/apt/lists/*``, apt 2.7's ``apt-get
dist-clean``) nor keeps it on a cache or tmpfs mount: the package lists (tens
of megabytes) stay in the layer. Build stages that only others COPY from are not reported:
their layers do not ship."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, CacheCheck, words

INSTRUCTIONS = RUNS
check_instruction = CacheCheck(
    managers=words("apt-get apt aptitude"),
    verbs=words("update"),
    what="the package lists (/var/lib/apt/lists)",
    directories=("/var/lib/apt/lists",),
    clean_managers=words("apt-get apt"),
    clean_verb=words("dist-clean"),
    clean="rm -rf /var/lib/apt/lists/*",
    unsafe_fix=True,
).findings
