"""What a final stage runs, as far as the files show: a service, or only an interactive shell
or REPL (a base or toolbox image, which LD101 and LD201 leave alone)."""

from __future__ import annotations

from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import ShellScript
from lintdock.project import Project, StartPart

INTERACTIVE = frozenset(
    {
        *("sh", "bash", "ash", "dash", "zsh", "ksh", "fish", "busybox", "pwsh", "powershell"),
        *("cmd", "python", "python2", "python3", "ipython", "node", "irb", "pry", "ruby"),
        *("php", "jshell", "ghci", "iex", "erl", "lua", "r", "julia", "scala", "groovysh"),
        *("clojure", "swipl", "perl", "deno", "bun"),
    }
)
"""Programs that, run with no arguments, are an interactive shell or REPL (a base image)."""
INTERACTIVE_FLAGS = frozenset({"-i", "-l", "--login", "-il", "-li", "-", "-a"})
MAX_QUOTE = 60


def service_process(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """What the stage runs, for the message; None when it runs nothing of its own or only an
    interactive shell (alone, or behind an entrypoint wrapper script as in the official
    language images: ``ENTRYPOINT ["docker-entrypoint.sh"]`` with ``CMD ["node"]``)."""
    start = project.stage_start(dockerfile, stage)
    if start.state == "known":
        wrapped = start.entrypoint is None or _entrypoint_wrapper(start.entrypoint.script)
        if wrapped and start.command and _interactive(start.command.script):
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


def _entrypoint_wrapper(script: ShellScript) -> bool:
    """An ENTRYPOINT that only prepares the container and runs its CMD: a lone script whose
    name says so (``docker-entrypoint.sh``, ``docker-php-entrypoint``)."""
    program = script.commands[0].program if len(script.commands) == 1 else None
    return program is not None and "entrypoint" in program.lower()


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
