"""LD638 yum-cache-kept: ``yum install`` (or ``update``) in an image that ships, with no
``yum clean all`` (or ``dnf clean all``, or a deletion of the cache) after it in the same RUN
and no cache mount of ``/var/cache/yum``: the downloaded packages and metadata stay in the
layer."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, CacheCheck, words

INSTRUCTIONS = RUNS
check_instruction = CacheCheck(
    managers=words("yum"),
    verbs=words("install groupinstall localinstall reinstall update upgrade"),
    what="its package cache (/var/cache/yum)",
    directories=("/var/cache/yum", "/var/cache/dnf"),
    clean_managers=words("yum dnf"),
    clean_verb=words("clean"),
    clean_args=words("all"),
    clean="{manager} clean all",
).findings
