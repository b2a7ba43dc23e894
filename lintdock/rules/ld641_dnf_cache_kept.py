"""LD641 dnf-cache-kept: ``dnf``, ``microdnf`` or ``tdnf install`` (or ``upgrade``) in an image
that ships, with no ``clean all`` (or a deletion of the cache) after it in the same RUN and no
cache mount of it: the downloaded packages and metadata stay in the layer."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, CacheCheck, words

INSTRUCTIONS = RUNS
check_instruction = CacheCheck(
    managers=words("dnf microdnf tdnf"),
    verbs=words("install in groupinstall localinstall reinstall update upgrade up"),
    what="its package cache (/var/cache/dnf)",
    directories=("/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum", "/var/cache/tdnf"),
    clean_managers=words("dnf microdnf tdnf yum"),
    clean_verb=words("clean"),
    clean_args=words("all"),
    clean="{manager} clean all",
).findings
