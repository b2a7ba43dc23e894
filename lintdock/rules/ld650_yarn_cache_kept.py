"""LD650 yarn-cache-kept: ``yarn install`` (or ``yarn add``) in an image that ships, with no
``yarn cache clean`` (or a deletion of the cache) after it in the same RUN and no cache mount of
it: yarn's copy of every package it fetched stays in the layer."""

from __future__ import annotations

from lintdock.rules.package_practice import RUNS, CacheCheck, words

INSTRUCTIONS = RUNS
check_instruction = CacheCheck(
    managers=words("yarn"),
    verbs=words("install add"),
    what="its package cache",
    directories=("/usr/local/share/.cache/yarn", ".cache/yarn", ".yarn/berry/cache"),
    clean_managers=words("yarn"),
    clean_verb=words("cache"),
    clean_args=words("clean"),
    clean="yarn cache clean",
).findings
