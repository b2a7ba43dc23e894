"""What a final stage runs, as far as the files show: a service, or no service of its own (an
interactive shell or REPL, a container kept idle for ``docker exec``, a command-line tool that
prints its help, a one-shot command, an entrypoint wrapper with no CMD to run: a base,
development, toolbox or job image, which LD101 and LD201 leave alone)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lintdock.facts.images import external_base
from lintdock.facts.official_images import official_server
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import ShellScript, SimpleCommand, Word
from lintdock.project import EffectiveStart, Project, StartPart
from lintdock.vocabulary import SET_UP_COMMANDS, SHELL_PROGRAMS, WINDOWS_SHELLS

if TYPE_CHECKING:
    from lintdock.model.compose import Service

INTERACTIVE = frozenset(
    {
        *SHELL_PROGRAMS,
        *WINDOWS_SHELLS,
        *("fish", "python", "python2", "python3", "ipython", "node", "irb", "pry", "ruby"),
        *("php", "jshell", "ghci", "iex", "erl", "lua", "r", "julia", "scala", "groovysh"),
        *("clojure", "swipl", "perl", "deno", "bun", "R"),
    }
)
"""Programs that, run with no arguments, are an interactive shell or REPL (a base image)."""
INTERACTIVE_FLAGS = frozenset({"-i", "-l", "--login", "-il", "-li", "-", "-a"})
IDLE = frozenset({("sleep", "infinity"), ("sleep", "inf"), ("tail", "-f", "/dev/null")})
"""Commands that keep a container running with nothing to do (development containers)."""
HELP_ARGUMENTS = frozenset({"--help", "-h", "help", "--version", "version", "--info"})
ONE_SHOT_PROGRAMS = frozenset(
    {
        *("hostname", "cp", "mv", "rm", "ln", "mkdir", "chmod", "chown", "echo", "printf"),
        *("true", "false", "env", "printenv", "id", "whoami", "uname", "date", "ls"),
    }
)
"""Programs that do their work and exit: file operations and queries (``ENTRYPOINT
["hostname"]``, ``ENTRYPOINT cp /pki/ca.pem /out/``)."""
TEST_RUNNERS = frozenset(
    {
        *("pytest", "py.test", "tox", "nox", "jest", "mocha", "vitest", "phpunit", "rspec"),
        *("behave", "cypress", "playwright", "newman", "k6"),
    }
)
"""Test runners: they run the tests and exit (``cypress run``, ``python -m pytest``)."""
TASK_RUNNERS = frozenset(
    {"npm", "yarn", "pnpm", "bun", "npx", "go", "cargo", "dotnet", "mvn", "gradle", "make", "rake"}
)
"""Programs whose ``test`` task runs once (``npm test``, ``npx playwright test``)."""
HELLO_WORLD = re.compile(r"hello(?:[-_.].*)?", re.IGNORECASE)
"""A hello-world program (``./hello``, ``hello.py``, ``hello-world-distroless``): it prints a
greeting and exits. One that serves (``hello_express.js``) is told by its EXPOSE."""
ONE_SHOT_FLAGS = frozenset({"--run-once", "--once"})
MIGRATION_WORDS = frozenset({"migrate", "migrations", "db:migrate", "migration"})
"""Subcommands that migrate a database schema and exit (``kong migrations up``, ``python
manage.py migrate``, ``rails db:migrate``, ``flyway migrate``)."""
INITS = frozenset({"init", "tini", "tini-static", "dumb-init", "catatonit"})
"""Init programs (s6-overlay's ``/init``, tini, …): they run a CMD, and nothing without one."""
MAX_QUOTE = 60


def service_process(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """What the stage runs or exposes, for the message; None when it exposes no port and runs
    nothing of its own or only an interactive shell (alone, or behind an entrypoint wrapper
    script as in the official language images: ``ENTRYPOINT ["docker-entrypoint.sh"]`` with
    ``CMD ["node"]``), an idle command, a tool's help, a one-shot command, an init or an
    entrypoint wrapper with no CMD. A stage that adds only files to an official server image
    (``FROM mysql:8`` and a COPY) runs that server."""
    start = project.stage_start(dockerfile, stage)
    if start.state == "known":
        entrypoint_file = _entrypoint_file(project, dockerfile, stage, start.entrypoint)
        if not _no_service(start.entrypoint, start.command, entrypoint_file):
            return "runs " + " and ".join(_quoted(part) for part in start.parts)
    expose = dockerfile.inherited(stage, "EXPOSE")
    if expose is not None:
        return f"exposes {' '.join(w.value for w in expose[1].words)}"
    base = external_base(dockerfile, stage).base_image
    if start.state == "none" and official_server(base):
        return f"runs the server of its base image {base}"
    return None


def lone_program(project: Project, dockerfile: Dockerfile, stage: Stage) -> str | None:
    """The program of a stage whose whole start command is an ENTRYPOINT naming one program,
    with no arguments, no CMD and no EXPOSE (``ENTRYPOINT ["pandoc"]``): the image is run with
    arguments, as a command-line tool is (``docker run img input.md``), or is a daemon that
    needs none; the files do not say which. None otherwise, and for a shell script (``.sh``),
    whose contents decide."""
    start = project.stage_start(dockerfile, stage)
    entrypoint = start.entrypoint
    if start.state != "known" or entrypoint is None or start.command is not None:
        return None
    argv = _argv(entrypoint.script)
    if len(argv) != 1 or argv[0].endswith(".sh") or "$" in argv[0]:
        return None
    if dockerfile.inherited(stage, "EXPOSE") is not None:
        return None
    return argv[0]


def _entrypoint_file(
    project: Project, dockerfile: Dockerfile, stage: Stage, entrypoint: StartPart | None
) -> ShellScript | None:
    """The script an exec-form ENTRYPOINT runs, when the build context holds it."""
    if entrypoint is None or entrypoint.script.shell or not entrypoint.script.exec_words:
        return None
    found = project.entrypoint_script(dockerfile, stage, entrypoint.script.exec_words[0])
    return found.script if found is not None else None


def _quoted(part: StartPart) -> str:
    """``CMD dotnet Numbers.Api.dll``, shortened."""
    instruction = part.instruction
    if instruction is None:
        return "a start command"
    text = " ".join(instruction.arguments.text.split())
    if len(text) > MAX_QUOTE:
        text = text[: MAX_QUOTE - 1] + "…"
    return f"`{instruction.keyword} {text}`"


def _no_service(
    entrypoint: StartPart | None, command: StartPart | None, entrypoint_file: ShellScript | None
) -> bool:
    """The start command runs no service: an interactive shell (the CMD an entrypoint wrapper
    runs, or the whole start command: ``ENTRYPOINT ["bash"]`` with no CMD), an idle command
    (the CMD an entrypoint runs, or the whole start command, or the last command of its
    script), a program asked only for its help (or given a CMD of help flags only), a one-shot
    command, an init given nothing to run, an entrypoint script with no CMD that ends in
    ``exec "$@"`` (so runs nothing) or runs a one-shot command last."""
    wrapped = entrypoint is None or _entrypoint_wrapper(entrypoint.script, entrypoint_file)
    command_argv = _argv(command.script) if command is not None else []
    if entrypoint is not None and command is None:
        if _bare_init(_argv(entrypoint.script)):
            return True
        last = _last_argv(entrypoint_file) if entrypoint_file is not None else []
        if last in (["$@"], ["${@}"]) or _finishes(last):
            return True
    argv = (
        command_argv if entrypoint is None or wrapped else _argv(entrypoint.script) + command_argv
    )
    if _interactive(argv):
        return True
    last = _last_argv(command.script) if command is not None else []
    if _finishes(argv) or _finishes(last):
        return True
    if len(argv) > 1 and _only_help(argv[1:]):
        return True
    return not wrapped and _only_help(command_argv)  # ENTRYPOINT ["sslsplit", "-D"], CMD ["-h"]


def _only_help(arguments: list[str]) -> bool:
    """Help or version flags, and nothing else: the program prints and exits."""
    return bool(arguments) and all(argument in HELP_ARGUMENTS for argument in arguments)


TEST_RUNNER_IMAGES = (
    "mcr.microsoft.com/playwright",
    "cypress/included",
    "cypress/base",
    "cypress/browsers",
    "postman/newman",
    "grafana/k6",
)
"""Images made to run a test suite and exit (their services are started with ``compose run``)."""


def service_runs_once(project: Project, service: Service) -> bool:
    """The service's container does its work and exits: it is Docker Hub's test service
    (``sut``, the "system under test" runner of ``docker-compose.test.yml``), its start command
    runs once, or, with no start command in the files, its image is a test runner's
    (Playwright, Cypress)."""
    start = project.effective_start(service)
    if service.key == "sut" or runs_once(start):
        return True
    if start.state == "known":
        return False
    link = project.build_of(service)
    if link is not None:
        reference = external_base(link.dockerfile, link.stage).base_image
    elif service.image is not None:
        reference = service.image.value
    else:
        return False
    repository = reference.split("@", 1)[0].lower()
    return repository.startswith(TEST_RUNNER_IMAGES)


def service_idles(project: Project, service: Service) -> bool:
    """The service's container is kept up with nothing to do, for ``docker exec`` (a development
    container): its start command ends idle (``sleep infinity``, ``tail -f /dev/null``, ``while
    sleep 1000; do :; done``) and runs nothing before that but set-up commands (``chown -R``,
    ``mkdir``), so nothing in it connects to another service at start."""
    start = project.effective_start(service)
    if start.state != "known" or not start.parts:
        return False
    commands = start.commands
    if not all(_prepares_only(command) for command in commands):
        return False
    script = start.parts[-1].script
    last = script.last
    if last is None:
        return False
    return tuple(w.value for w in last.argv) in IDLE or _idle_loop(script, last)


def _prepares_only(command: SimpleCommand) -> bool:
    """A set-up command or file operation, or an idle command: it connects to nothing."""
    program = command.program
    if program is None or program in SET_UP_COMMANDS or program in ONE_SHOT_PROGRAMS:
        return True
    return tuple(w.value for w in command.argv) in IDLE


def _idle_loop(script: ShellScript, last: SimpleCommand) -> bool:
    """The last command is in an endless ``while`` loop that only sleeps (``while sleep 1000; do
    :; done``, ``while true; do sleep 3600; done``): nothing in it ever ends the loop."""
    loop = last.loop
    if loop is None or loop.parent is not None or loop.kind != "while":
        return False
    body = [c for c in script.commands if c.loop is loop and not c.in_condition]
    programs = {c.program for c in (*loop.condition, *body)}
    return "sleep" in programs and programs <= {"sleep", "true", ":"}


def runs_once(start: EffectiveStart) -> bool:
    """The container does its work and exits: its start command (the CMD an entrypoint
    wrapper runs, or the whole command line, or the last command of a shell script) is a test
    runner, a file operation or query, or asks to run once (``npx playwright test``, ``pytest``,
    ``watchtower --run-once``)."""
    entrypoint, command = start.entrypoint, start.command
    argv = _argv(command.script) if command is not None else []
    if entrypoint is not None and not _entrypoint_wrapper(entrypoint.script):
        argv = _argv(entrypoint.script) + argv
    last = _last_argv(start.parts[-1].script) if start.parts else []
    return _runs_once(argv) or _runs_once(last)


def start_command_exits(
    project: Project, dockerfile: Dockerfile, stage: Stage, script: ShellScript
) -> bool:
    """Whether the start command ``script`` does its work and exits: it is a one-shot command
    (``cp /pki/ca.pem /out/``: ``runs_once``), or runs a script of the build context (``bash
    /docker-entrypoint.sh``, ``/setup.sh``) whose last command is one (following a call to a
    function the script defines: ``main`` ending in ``chmod``)."""
    if _runs_once(_argv(script)) or _runs_once(_last_argv(script)):
        return True
    operand = _script_operand(script)
    found = project.entrypoint_script(dockerfile, stage, operand) if operand else None
    return found is not None and _runs_once(_last_called(found.script))


def _script_operand(script: ShellScript) -> Word | None:
    """The script file a start command runs: ``./x.sh``, or ``bash x.sh`` (no shell flags)."""
    if not script.shell:
        words = script.exec_words
    elif len(script.commands) == 1:
        words = script.commands[0].argv
    else:
        return None
    if len(words) == 2 and words[0].value.rsplit("/", 1)[-1] in SHELL_PROGRAMS:
        return words[1]
    return words[0] if len(words) == 1 and words[0].value.endswith(".sh") else None


def _last_called(script: ShellScript) -> list[str]:
    """The words of the command a script file runs last; when that calls a function the script
    defines (``main``), the last command of the function's body."""
    last = _last_argv(script)
    if len(last) == 1:
        body = [c for c in script.commands if c.function == last[0] and not c.in_substitution]
        if body:
            return [word.value for word in body[-1].argv]
    return last


def _finishes(argv: list[str]) -> bool:
    """An idle command, or one that runs once and exits."""
    return tuple(argv) in IDLE or _runs_once(argv)


def _runs_once(argv: list[str]) -> bool:
    """``hostname``, ``cp a b``, ``pytest``, ``python -m pytest``, ``cypress run``, ``npm test``,
    ``npx playwright test``, ``watchtower --run-once``, ``kong migrations up``: a command that
    does its work and exits."""
    if not argv:
        return False
    names = [word.rsplit("/", 1)[-1] for word in argv[:3]]
    if names[0] in ONE_SHOT_PROGRAMS or any(name in TEST_RUNNERS for name in names):
        return True
    if any(HELLO_WORLD.fullmatch(name) for name in names):
        return True
    if any(word in ONE_SHOT_FLAGS for word in argv[1:]):
        return True
    if any(word in MIGRATION_WORDS for word in argv[1:4]):
        return True
    return names[0] in TASK_RUNNERS and "test" in argv[1:3]


def _last_argv(script: ShellScript) -> list[str]:
    """The words of the command a shell script runs last (``sh -c "…; tail -f /dev/null"``)."""
    last = script.last
    return [word.value for word in last.argv] if last is not None else []


def _bare_init(argv: list[str]) -> bool:
    """``ENTRYPOINT ["/init"]``, ``ENTRYPOINT ["tini", "--"]``: an init and its own flags."""
    return (
        bool(argv)
        and argv[0].rsplit("/", 1)[-1] in INITS
        and all(argument.startswith("-") for argument in argv[1:])
    )


def _entrypoint_wrapper(script: ShellScript, entrypoint_file: ShellScript | None = None) -> bool:
    """An ENTRYPOINT that only prepares the container and runs its CMD: a lone script whose
    name says so (``docker-entrypoint.sh``, ``docker-php-entrypoint``), or one that ends in
    ``exec "$@"``."""
    program = script.commands[0].program if len(script.commands) == 1 else None
    if program is not None and "entrypoint" in program.lower():
        return True
    return entrypoint_file is not None and _last_argv(entrypoint_file) in (["$@"], ["${@}"])


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
