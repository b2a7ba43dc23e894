"""What a final stage runs, as far as the files show: a service, or no service of its own (an
interactive shell or REPL, a container kept idle for ``docker exec``, a command-line tool that
prints its help: a base, development or toolbox image, which LD101 and LD201 leave alone)."""

from __future__ import annotations

from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import ShellScript
from lintdock.project import Project, StartPart
from lintdock.vocabulary import SHELL_PROGRAMS, WINDOWS_SHELLS

INTERACTIVE = frozenset(
    {
        *SHELL_PROGRAMS,
        *WINDOWS_SHELLS,
        *("fish", "python", "python2", "python3", "ipython", "node", "irb", "pry", "ruby"),
        *("php", "jshell", "ghci", "iex", "erl", "lua", "r", "julia", "scala", "groovysh"),
        *("clojure", "swipl", "perl", "deno", "bun"),
    }
)
"""Programs that, run with no arguments, are an interactive shell or REPL (a base image)."""
INTERACTIVE_FLAGS = frozenset({"-i", "-l", "--login", "-il", "-li", "-", "-a"})
IDLE = frozenset({("sleep", "infinity"), ("sleep", "inf"), ("tail", "-f", "/dev/null")})
"""Commands that keep a container running with nothing to do (development containers)."""
HELP_ARGUMENTS = frozenset({"--help", "-h", "help", "--version", "version"})
INITS = frozenset({"init", "tini", "tini-static", "dumb-init", "catatonit"})
"""Init programs (s6-overlay's ``/init``, tini, …): they run a CMD, and nothing without one."""
MAX_QUOTE = 60


def service_process(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """What the stage runs or exposes, for the message; None when it exposes no port and runs
    nothing of its own or only an interactive shell (alone, or behind an entrypoint wrapper
    script as in the official language images: ``ENTRYPOINT ["docker-entrypoint.sh"]`` with
    ``CMD ["node"]``), an idle command, a tool's help or an init with no CMD."""
    start = project.stage_start(dockerfile, stage)
    if start.state == "known" and not _no_service(start.entrypoint, start.command):
        return "runs " + " and ".join(_quoted(part) for part in start.parts)
    expose = dockerfile.inherited(stage, "EXPOSE")
    if expose is not None:
        return f"exposes {' '.join(w.value for w in expose[1].words)}"
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


def _no_service(entrypoint: StartPart | None, command: StartPart | None) -> bool:
    """The start command runs no service: an interactive shell, an idle command (the CMD an
    entrypoint runs, or the whole start command), a program asked only for its help, or an
    init given nothing to run."""
    wrapped = entrypoint is None or _entrypoint_wrapper(entrypoint.script)
    command_argv = _argv(command.script) if command is not None else []
    if entrypoint is not None and command is None and _bare_init(_argv(entrypoint.script)):
        return True
    if wrapped and _interactive(command_argv):
        return True
    argv = (
        command_argv if entrypoint is None or wrapped else _argv(entrypoint.script) + command_argv
    )
    if tuple(command_argv) in IDLE or tuple(argv) in IDLE:
        return True
    return len(argv) > 1 and all(argument in HELP_ARGUMENTS for argument in argv[1:])


def _bare_init(argv: list[str]) -> bool:
    """``ENTRYPOINT ["/init"]``, ``ENTRYPOINT ["tini", "--"]``: an init and its own flags."""
    return (
        bool(argv)
        and argv[0].rsplit("/", 1)[-1] in INITS
        and all(argument.startswith("-") for argument in argv[1:])
    )


def _entrypoint_wrapper(script: ShellScript) -> bool:
    """An ENTRYPOINT that only prepares the container and runs its CMD: a lone script whose
    name says so (``docker-entrypoint.sh``, ``docker-php-entrypoint``)."""
    program = script.commands[0].program if len(script.commands) == 1 else None
    return program is not None and "entrypoint" in program.lower()


def _argv(script: ShellScript) -> list[str]:
    """The words of a start command that is one simple command (exec form, or shell form with
    a single command); empty otherwise."""
    if not script.shell:
        return [w.value for w in script.exec_words]
    if len(script.commands) != 1:
        return []
    return [w.value for w in script.commands[0].argv]


def _interactive(argv: list[str]) -> bool:
    """``CMD ["bash"]``, ``CMD python3``: a shell or REPL with no script to run."""
    if not argv:
        return False
    program = argv[0].rsplit("/", 1)[-1]
    return program in INTERACTIVE and all(a in INTERACTIVE_FLAGS for a in argv[1:])
