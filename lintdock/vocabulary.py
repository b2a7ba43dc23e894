"""Words lintdock knows about containers, written once: shells, the default PATH, Windows
markers, the images of well-known backends. Parsers, facts and rules all read them from here."""

from __future__ import annotations

POSIX_SHELLS = frozenset({"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "yash"})
"""Programs that run a script file given as an operand, or a string given with ``-c``."""
SHELL_PROGRAMS = POSIX_SHELLS | {"busybox"}
"""POSIX shells and BusyBox, whose ``busybox sh`` runs one (matched by program name)."""
WINDOWS_SHELLS = frozenset({"cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh"})
"""Shells of Windows images (no ``exec``, no POSIX syntax)."""

PLATFORM_ARGS = frozenset(
    {
        *("BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT"),
        *("TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT"),
        "TARGETSTAGE",
    }
)
"""The ARGs BuildKit defines before the first FROM without any ARG instruction (a stage sees them
only after ``ARG NAME``)."""

BACKEND_IMAGES = (
    *("postgres", "postgresql", "postgis", "timescaledb", "mysql", "mariadb", "percona", "mssql"),
    "azure-sql-edge",
    *("redis", "valkey", "keydb", "memcached", "mongo", "mongodb", "cassandra", "couchdb"),
    *("rabbitmq", "kafka", "zookeeper", "nats", "elasticsearch", "opensearch", "clickhouse"),
    *("influxdb", "neo4j", "etcd", "cockroach", "rethinkdb", "scylla", "dragonfly"),
)
"""Image names of databases, caches, brokers and search engines: servers an app's services
reach over their network (matched as words of an image's repository path)."""

PATH_DIRS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
"""Docker's default PATH, in lookup order."""

WINDOWS_REPOSITORIES = ("mcr.microsoft.com/windows", "microsoft/windows", "microsoft/nanoserver")
WINDOWS_TAG_MARKERS = ("nanoserver", "servercore", "windows", "ltsc")
"""Image repositories and tag words of Windows images (their shell form runs ``cmd``)."""


def is_windows_image(repository: str, tag: str) -> bool:
    """Whether an image (its repository, lower case and without Docker Hub prefixes, and its
    tag) is a Windows image."""
    return repository.startswith(WINDOWS_REPOSITORIES) or any(
        marker in tag for marker in WINDOWS_TAG_MARKERS
    )


SET_UP_COMMANDS = frozenset(
    {
        *("cd", "export", "set", "unset", "echo", "printf", "mkdir", "chmod", "chown", "chgrp"),
        *("cp", "mv", "rm", "ln", "touch", "sleep", "true", "false", ":", "umask", "ulimit"),
        *("source", ".", "test", "[", "[[", "cat", "envsubst", "sed", "trap", "shift", "alias"),
        *("unalias", "update-ca-certificates", "ldconfig", "sync", "tee", "readonly", "local"),
        *("declare", "typeset", "hash", "wait"),
    }
)
"""Programs that prepare the environment and connect to nothing: in ``x && app`` they are no
start-up check, and a start command made of them needs no other service."""
