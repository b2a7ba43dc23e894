"""What a stage's RUN instructions run, as the shell model sees it, for the rules that read
RUN commands the way hadolint does (sudo, cd, wget, pipes, ...).

``posix_script`` is the script of a RUN (or of an ``ONBUILD RUN``) when a POSIX shell runs it:
None for exec-form words no shell reads, and for stages whose shell is PowerShell or ``cmd``
(a Windows image, a Windows SHELL, or a file whose ``# escape=`` is a backtick, the Windows
convention), where sh-only checks make no sense.
"""

from __future__ import annotations

from lintdock.facts.instructions import triggered
from lintdock.facts.stage_shell import runs_windows
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript, SimpleCommand
from lintdock.project import Project


def windows_stage(dockerfile: Dockerfile, stage: Stage | None) -> bool:
    """Whether shell-form instructions of ``stage`` run ``cmd`` or PowerShell."""
    if dockerfile.escape == "`":
        return True
    return stage is not None and runs_windows(dockerfile, stage)


def posix_script(
    project: Project, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> ShellScript | None:
    """The shell model of a RUN (``ONBUILD RUN`` included) that a POSIX shell runs, else None."""
    run = triggered(instruction)
    if run.keyword != "RUN" or run.command is None or windows_stage(dockerfile, stage):
        return None
    return project.script(run.command)


def outside_the_shell_process(command: SimpleCommand) -> bool:
    """Whether ``command`` runs where a ``cd`` or a shell option no longer reaches the RUN's own
    shell: in a subshell, a ``sh -c`` string, a function body or a substitution."""
    return command.depth > 0 or command.host is not None or command.function is not None
