"""The shell a stage's shell-form instructions run, and whether its image is a Windows one."""

from __future__ import annotations

from lintdock.facts.images import WINDOWS, base_family
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
