"""LD645 zypper-cache-kept: ``zypper install`` (or ``update``, ``patch``) in an image that
ships, with no ``zypper clean`` (``cc``, or a deletion of ``/var/cache/zypp``) after it in the
same RUN and no cache mount of it: downloaded packages and metadata stay in the layer."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, CacheCheck, words

INSTRUCTIONS = RUNS
check_instruction = CacheCheck(
    managers=words("zypper"),
    verbs=words("install in update up patch dist-upgrade dup"),
    what="its package cache (/var/cache/zypp)",
    directories=("/var/cache/zypp",),
    clean_managers=words("zypper"),
    clean_verb=words("clean cc"),
    clean="zypper clean --all",
).findings
