"""LD101 missing-healthcheck: the final stage of a Dockerfile runs a process but has no
HEALTHCHECK, so Docker only sees that the process runs, not that the app works (seed 8.1)."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import ShellScript
from lintdock.project import Project, StartPart
from lintdock.rules.base import Options, Rule
from lintdock.rules.healthchecks import stage_label

INTERACTIVE = frozenset(
    {
        *("sh", "bash", "ash", "dash", "zsh", "ksh", "fish", "busybox", "pwsh", "powershell"),
        *("cmd", "python", "python2", "python3", "ipython", "node", "irb", "pry", "ruby"),
        *("php", "jshell", "ghci", "iex", "erl", "lua", "r", "julia", "scala", "groovysh"),
        *("clojure", "swipl", "perl", "deno", "bun"),
    }
)
"""Programs that, run with no arguments, are an interactive shell or REPL (a base image)."""
INTERACTIVE_FLAGS = frozenset({"-i", "-l", "--login", "-il", "-li", "-"})
MAX_QUOTE = 60


def check(project: Project, options: Options) -> Iterator[Diagnostic]:
    one_shots = project.one_shot_services()
    for dockerfile in project.dockerfiles:
        for stage in project.final_stages(dockerfile):
            if _exempt_by_compose(project, dockerfile, stage, one_shots):
                continue
            process = _process(project, dockerfile, stage)
            if process is not None and dockerfile.inherited(stage, "HEALTHCHECK") is None:
                yield _finding(dockerfile, stage, process)


def _exempt_by_compose(
    project: Project, dockerfile: Dockerfile, stage: Stage, one_shots: frozenset[str]
) -> bool:
    """Every compose service running this stage gives it a health check of its own (or turns
    it off), or runs once and exits."""
    services = [link.service for link in project.builds_of(dockerfile) if link.stage is stage]
    return bool(services) and all(
        service.key in one_shots
        or (service.healthcheck is not None and service.healthcheck.test is not None)
        for service in services
    )


def _process(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """What the stage runs, for the message; None when it runs nothing of its own or only an
    interactive shell."""
    start = project.stage_start(dockerfile, stage)
    if start.state == "known":
        if start.entrypoint is None and start.command and _interactive(start.command.script):
            return None
        return "runs " + " and ".join(_quoted(part) for part in start.parts)
    for ancestor in dockerfile.lineage(stage):
        expose = ancestor.last("EXPOSE")
        if expose is not None:
            return f"exposes {' '.join(w.value for w in expose.words)}"
    return None


def _quoted(part: StartPart) -> str:
    """``CMD dotnet Numbers.Api.dll``, shortened."""
    instruction = part.instruction
    if instruction is None:
        return "a start command"
    text = " ".join(instruction.arguments.text.split())
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1] + "…"
    return f"`{instruction.keyword} {text}`"


def _interactive(script: ShellScript) -> bool:
    """``CMD ["bash"]``, ``CMD python3``: a shell or REPL with no script to run."""
    if script.shell:
        if len(script.commands) != 1:
            return False
        argv = [w.value for w in script.commands[0].argv]
    else:
        argv = [w.value for w in script.exec_words]
    if not argv:
        return False
    program = argv[0].rsplit("/", 1)[-1]
    return program in INTERACTIVE and all(a in INTERACTIVE_FLAGS for a in argv[1:])


def _finding(dockerfile: Dockerfile, stage: Stage, process: str) -> Diagnostic:
    message = (
        f"{stage_label(dockerfile, stage).capitalize()} {process} but has no HEALTHCHECK: "
        "Docker only sees that the process is running, not whether the app works. Add a "
        "HEALTHCHECK that probes the app (e.g. an exec-form check utility)"
    )
    return Diagnostic("LD101", message, dockerfile.path, stage.from_instruction.span)


RULES = (
    Rule(
        code="LD101",
        name="missing-healthcheck",
        severity=Severity.WARNING,
        summary="The final stage runs a process but has no HEALTHCHECK.",
        check=check,
    ),
)
