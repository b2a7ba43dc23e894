"""LD661 container-unfit-command: a RUN runs a program that makes no sense while an image builds
(an editor, ``service``, ``shutdown``, ``ps``, ``ssh``, ...).

``service NAME start`` is left alone when it is build-time setup: the same RUN then uses the
service (``service postgresql start && psql -c …``, ``service mysql start && mysql -e …``) or
stops it again, and ``service ssh start`` when the image runs ``sshd`` (the init script creates
``/run/sshd``, which ``sshd -D`` needs). ``service NAME stop`` or ``status`` is never reported:
it ends or queries what the RUN (or a package's install script) started. Nor is ``kill`` of a
process the RUN started in the background (``server & pid=$!; …; kill $pid``).
"""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import SimpleCommand
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")

WHY = {
    "ssh": "it logs into another machine while the image builds (for private sources, use "
    "RUN --mount=type=ssh with git, or COPY them)",
    "vim": "nobody can type into an editor during a build (use sed, or COPY the file)",
    "shutdown": "a build container has no system to shut down",
    "service": "a build container has no init system, and whatever a RUN starts stops when "
    "the RUN ends (start services in CMD or ENTRYPOINT)",
    "ps": "it shows the build container's processes, which end with the RUN",
    "top": "it shows the build container's processes, which end with the RUN",
    "free": "it shows the build machine's memory, nothing the image keeps",
    "kill": "the processes of a RUN end with it anyway",
    "mount": "a build has no privilege to mount (use RUN --mount)",
    "ifconfig": "the build container's network is not the one the container gets at run time",
}

MYSQL_CLIENTS = frozenset(
    {"mysql", "mysqladmin", "mysql_upgrade", "mysql_tzinfo_to_sql", "mariadb", "mariadb-admin"}
)
CLIENTS = {
    "postgresql": frozenset(
        {"psql", "createdb", "createuser", "dropdb", "dropuser", "pg_restore", "pg_isready"}
    ),
    "mysql": MYSQL_CLIENTS,
    "mariadb": MYSQL_CLIENTS,
    "redis": frozenset({"redis-cli"}),
    "rabbitmq": frozenset({"rabbitmqctl", "rabbitmq-plugins"}),
    "mongo": frozenset({"mongo", "mongosh", "mongorestore", "mongoimport"}),
    "slapd": frozenset({"ldapadd", "ldapmodify", "ldapsearch"}),
}
"""Programs that talk to a service, by the start of the service's name (``postgresql-16``,
``mysqld``, ``redis-server``): a RUN that starts the service and then runs one sets it up."""
STARTS = frozenset({"start", "restart", "reload", "force-reload"})
SSH_SERVICES = frozenset({"ssh", "sshd"})


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    commands = script.commands if script is not None else ()
    for index, command in enumerate(commands):
        why = WHY.get(command.program or "")
        if why is None:
            continue
        later = commands[index + 1 :]
        if command.program == "service" and _setup(context, dockerfile, stage, command, later):
            continue
        if command.program == "kill" and _ends_own_job(command, commands[:index]):
            continue
        message = f"RUN runs '{command.program}', which makes no sense in a container: {why}"
        yield context.report(message, dockerfile.path, command.argv[0].span)


def _setup(
    context: Context,
    dockerfile: Dockerfile,
    stage: Stage | None,
    command: SimpleCommand,
    later: tuple[SimpleCommand, ...],
) -> bool:
    """Whether ``service NAME ACTION`` does build-time work: it stops or queries a service, or
    starts one that the rest of the RUN uses or stops, or that creates what the image's
    ``sshd`` needs."""
    words = _words(command)
    if len(words) < 2:
        return False
    name, action = words[0], words[1]
    if action not in STARTS:
        return True
    clients = next((c for key, c in CLIENTS.items() if name.startswith(key)), frozenset())
    for other in later:
        if other.program in clients:
            return True
        if other.program == "service" and _words(other)[:2] == [name, "stop"]:
            return True
    return name in SSH_SERVICES and stage is not None and _runs_sshd(context, dockerfile, stage)


def _runs_sshd(context: Context, dockerfile: Dockerfile, stage: Stage) -> bool:
    start = context.project.stage_start(dockerfile, stage)
    return any(c.program == "sshd" for part in start.parts for c in part.script.commands)


LAST_JOB = frozenset({"$!", "${!}"})
"""The process id of the last command the shell started in the background."""


def _ends_own_job(kill: SimpleCommand, earlier: tuple[SimpleCommand, ...]) -> bool:
    """Whether ``kill`` only stops processes the RUN itself started in the background, by job
    (``kill %1``), by ``$!`` or by a variable set from it (``server & pid=$!; …; kill $pid``):
    cleaning up after itself, for a step that needs the process only for a while."""
    if not any(command.operator == "&" for command in earlier):
        return False
    pids = set(LAST_JOB)
    for command in earlier:
        for assignment in command.assignments:
            name, _, value = assignment.value.partition("=")
            if value in LAST_JOB:
                pids |= {f"${name}", f"${{{name}}}"}
    targets = [word.value for word in kill.positionals("sn")]
    return bool(targets) and all(t in pids or t.startswith("%") for t in targets)


def _words(command: SimpleCommand) -> list[str]:
    return [w.value for w in command.positionals()]
