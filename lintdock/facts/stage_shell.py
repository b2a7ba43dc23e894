"""The shell a stage's shell-form instructions run, which shell an image's ``/bin/sh`` is, and
whether its image is a Windows one."""

from __future__ import annotations

import re

from lintdock.facts.images import (
    ALPINE,
    BUILDPACK,
    BUSYBOX,
    DEBIAN,
    WINDOWS,
    base_family,
    external_base,
    image_family,
)
from lintdock.facts.presence import has_tool
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.project import Project
from lintdock.vocabulary import WINDOWS_SHELLS


def shell_of(dockerfile: Dockerfile, stage: Stage) -> str:
    """The program shell-form instructions run in ``stage``: the SHELL in effect, else
    ``/bin/sh``."""
    found = dockerfile.inherited(stage, "SHELL")
    if found is not None:
        command = found[1].command
        if command is not None and command.exec_form:
            return command.exec_form[0].value
    return "/bin/sh"


def has_shell(project: Project, dockerfile: Dockerfile, stage: Stage) -> bool | None:
    """Whether the shell that shell-form instructions run is in the image of ``stage``."""
    return has_tool(project, dockerfile, stage, shell_of(dockerfile, stage))


def runs_windows(dockerfile: Dockerfile, stage: Stage) -> bool:
    """A Windows image, or a SHELL of ``cmd``/PowerShell: no POSIX shell, no ``exec``."""
    shell = shell_of(dockerfile, stage).rsplit("\\", 1)[-1].lower()
    return shell in WINDOWS_SHELLS or base_family(dockerfile, stage) is WINDOWS


SH_OF_FAMILY = {
    ALPINE.name: "busybox",
    BUSYBOX.name: "busybox",
    DEBIAN.name: "dash",
    BUILDPACK.name: "dash",
}
"""Which shell ``/bin/sh`` is, by image family."""
BUSYBOX_WORDS = frozenset({"alpine", "busybox"})
DASH_WORDS = frozenset(
    {
        *("debian", "ubuntu", "buster", "bullseye", "bookworm", "trixie", "stretch"),
        *("bionic", "focal", "jammy", "noble"),
    }
)
"""Words of an image's name or tag that name the distribution it is built on
(``easypi/alpine-arm``, ``php:8.3-apache-bookworm``, ``ubuntu/nginx``)."""
_WORD = re.compile(r"[a-z0-9]+")


def bin_sh(reference: str) -> str | None:
    """The shell ``/bin/sh`` is in the image ``reference``: by its family (``alpine:3.20``,
    ``debian:12``, ``python:3.12``), else by a word of its name or tag that names the
    distribution (``alpine``, ``bookworm``, ``ubuntu``); None when nothing says."""
    known = SH_OF_FAMILY.get(image_family(reference).name)
    if known is not None or "$" in reference:
        return known
    words = set(_WORD.findall(reference.lower().split("@", 1)[0]))
    if words & BUSYBOX_WORDS:
        return "busybox"
    return "dash" if words & DASH_WORDS else None


def stage_bin_sh(dockerfile: Dockerfile, stage: Stage) -> str | None:
    """The shell ``/bin/sh`` is in the image ``stage`` builds: its external base image's."""
    return bin_sh(external_base(dockerfile, stage).base_image)
