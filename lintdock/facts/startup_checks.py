"""Recognition of start-up dependency checks: what, in a container's start command, probes a
dependency before the app starts (LD109, LD202, LD301-LD304, LD404 and LD504 share it).

Recognised, in the effective start command (compose ``entrypoint``/``command``, else the image's
ENTRYPOINT/CMD), including ``sh -c`` strings:

- ``chain``: any command joined to the app by ``&&`` (``check && app``; a custom utility counts:
  ``dotnet Utilities.HttpCheck.dll -c RngApi:Url -t 900 && dotnet Numbers.Web.dll``), except
  plain set-up commands (``cd``, ``export``, ``mkdir``, ``echo``, ``sleep``, …), and a command
  followed by ``|| exit`` before the app;
- ``loop``: an ``until``/``while`` loop before the app whose condition runs a program
  (``until nc -z db 5432; do sleep 1; done; exec app``), or a ``for``/``while true`` loop that
  ``break``s out once a probe in its body succeeds;
- ``wait-tool``: ``wait-for-it``, ``wait-for`` and ``dockerize -wait`` anywhere before or as
  the app (they run the app themselves after ``--``);
- ``script``: a script from the build context that the start command runs
  (``Project.entrypoint_script``) and that runs a wait tool, a probe (curl, wget, ``nc -z``,
  ``pg_isready``, …) or a polling loop (its condition, or the body of a loop that ``break``s
  out once a probe succeeds).

API::

    startup_checks(project, start, image=None) -> tuple[StartupCheck, ...]
    service_checks(project, service) -> tuple[StartupCheck, ...]
    stage_checks(project, dockerfile, stage) -> tuple[StartupCheck, ...]
    has_startup_check(project, service) -> bool
    start_hidden(project, service) -> bool
    names_a_check(check) -> bool
    runs_hidden_script(project, start, image=None) -> bool
    written_checks(project) -> Iterator[WrittenCheck]   each check once, where it is written
    probed_hosts(command) -> tuple[str, ...]
    probed_variables(script, command) -> tuple[str, ...]
    called_functions(script) -> frozenset[str]
    inside_loop(command, loop) -> bool
    timeout_duration(words) -> Word | None
    wait_limit(command) -> Word | None                  a wait tool's timeout
    waits_forever(check) -> bool                         never gives up (unbounded loop, -t 0)
    loop_bounded(script, loop) -> bool
    is_zero(text) -> bool
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from lintdock.facts.memo import Fact
from lintdock.facts.needs import LOCAL_HOSTS, effective_env, hosts_in, service_names
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.model.shell import Loop, ShellScript, SimpleCommand, Word
from lintdock.model.span import Span
from lintdock.project import EffectiveStart, Project, StartPart
from lintdock.vocabulary import SET_UP_COMMANDS, SHELL_PROGRAMS

if TYPE_CHECKING:
    from lintdock.model.compose import Service

ImageRef = tuple[Dockerfile, Stage]
CheckKind = Literal["chain", "loop", "wait-tool", "script"]

WAIT_TOOLS = frozenset({"wait-for-it", "wait-for-it.sh", "wait-for", "wait-for.sh", "dockerize"})
HTTP_CLIENTS = frozenset({"curl", "wget"})
PROBES = HTTP_CLIENTS | frozenset(
    {"nc", "ncat", "netcat", "pg_isready", "mysqladmin", "redis-cli", "mongosh", "mongo"}
)
CHECK_WORDS = ("check", "wait", "ready", "health", "probe")
"""Parts of a word that say a command checks or waits (``check-db``, ``HttpCheck.dll``)."""
LOOP_EXITS = frozenset({"exit", "break", "return"})
NOT_PROBES = LOOP_EXITS | {"read", "kill"}
"""Commands that probe no dependency: leaving a loop, reading lines (``while read -r line``),
signalling a process of the container itself (``while kill -0 "$pid"``, its own server)."""
DEV_TCP = re.compile(r"/dev/(?:tcp|udp)/([^/\s]+)/")
TESTS = frozenset({"[", "[[", "test"})


@dataclass(frozen=True)
class StartupCheck:
    """A start-up dependency check.

    ``kind`` is ``"chain"``, ``"loop"``, ``"wait-tool"`` or ``"script"``. ``commands`` are the
    commands that probe (for a loop, its condition or, for a ``for`` loop, its body); ``hosts``
    the hosts they visibly probe (empty when not visible, e.g. a custom utility reading the
    app's configuration). ``app`` is the command that starts the app after the check, in the
    same script (None when a wait tool runs it or it is in another part); ``operator`` what
    joins the check to it (``"&&"``, ``";"``, or None). ``part`` is the ENTRYPOINT/CMD/compose
    value the check is written in; ``script_path`` the script file for kind ``"script"``.
    ``variables`` are the environment variables that name the hosts it probes where the hosts
    are not written out (``nc -z "$DB_HOST" 5432``, or ``$1`` of a function called with
    ``$DB_HOST``); ``service_checks`` reads them in the service's environment, and else in
    ``defaults``: the values the script gives them when they are unset (``: ${DB_HOST:=db}``,
    ``DB_HOST=${DB_HOST:-db}``).
    """

    kind: CheckKind
    commands: tuple[SimpleCommand, ...]
    hosts: tuple[str, ...]
    app: SimpleCommand | None
    operator: str | None
    part: StartPart
    loop: Loop | None = None
    script_path: str | None = None
    variables: tuple[str, ...] = ()
    defaults: tuple[tuple[str, str], ...] = ()

    @property
    def host(self) -> str | None:
        return self.hosts[0] if self.hosts else None

    @property
    def in_start_command(self) -> bool:
        """True unless the check is inside a script file the start command runs."""
        return self.script_path is None


# -- entry points -------------------------------------------------------------------------------


def service_checks(project: Project, service: Service) -> tuple[StartupCheck, ...]:
    """The start-up checks of a compose service's container. A check that names its hosts
    through variables (``nc -z "$DB_HOST" 5432``) probes the hosts their values in the
    service's environment (compose, then the image's ENV) point at, when every one is set."""
    return SERVICE_CHECKS(project, service)


def _service_checks(project: Project, service: Service) -> tuple[StartupCheck, ...]:
    link = project.build_of(service)
    image = (link.dockerfile, link.stage) if link is not None else None
    checks = startup_checks(project, project.effective_start(service), image)
    if not any(check.variables for check in checks):
        return checks
    values = {
        pair.key.value: pair.expanded
        for _instruction, pair in (effective_env(*image).values() if image else ())
        if pair.expanded is not None
    }
    values.update(
        (v.name.value, v.value.value) for v in project.environment(service) if v.value is not None
    )
    return tuple(_resolved(check, values) for check in checks)


def _resolved(check: StartupCheck, values: dict[str, str]) -> StartupCheck:
    """The check with the hosts its variables hold, when all of them are set (by the
    environment, or else by the script's own defaults)."""
    values = {**dict(check.defaults), **values}
    if not check.variables or not all(name in values for name in check.variables):
        return check
    held = (h for name in check.variables for h in hosts_in(values[name], name, names_a_host=True))
    hosts = tuple(dict.fromkeys((*check.hosts, *held)))
    return replace(check, hosts=hosts, variables=()) if hosts else check


SERVICE_CHECKS = Fact("start-up checks of a service", _service_checks)


def stage_checks(
    project: Project, dockerfile: Dockerfile, stage: Stage
) -> tuple[StartupCheck, ...]:
    """The start-up checks of an image built from ``stage`` (no compose)."""
    return startup_checks(project, project.stage_start(dockerfile, stage), (dockerfile, stage))


def has_startup_check(project: Project, service: Service) -> bool:
    """Whether the service runs a start-up check that can give up and make the container exit
    (one that waits forever, ``wait-for.sh -t 0``, never does)."""
    return any(not waits_forever(check) for check in service_checks(project, service))


def startup_checks(
    project: Project, start: EffectiveStart, image: ImageRef | None = None
) -> tuple[StartupCheck, ...]:
    """Every start-up check in ``start``; ``image`` (the Dockerfile and stage the container
    runs) lets scripts copied from the build context be read."""
    return STARTUP_CHECKS(project, (start, image))


def _startup_checks(
    project: Project, subject: tuple[EffectiveStart, ImageRef | None]
) -> tuple[StartupCheck, ...]:
    start, image = subject
    checks: list[StartupCheck] = []
    for part in start.parts:
        found = [*PART_CHECKS(project, part)]
        if image is not None:
            found += _script_checks(project, part, image)
        checks += [c for c in (_towards_dependencies(project, c) for c in found) if c]
    return tuple(checks)


def _towards_dependencies(project: Project, check: StartupCheck) -> StartupCheck | None:
    """The check without the commands that visibly connect only to the container itself
    (``wget --spider http://localhost:8123/ping`` while an entrypoint initialises its own
    server) or to hosts outside the project (``curl -sSL https://core.telegram.org/getProxySecret
    > proxy-secret``, a download): neither waits for a dependency. None when nothing is left."""
    kept = tuple(c for c in check.commands if not _aims_elsewhere(project, c))
    if len(kept) == len(check.commands):
        return check
    if not kept:
        return None
    hosts = tuple(h for h in check.hosts if any(h in probed_hosts(c) for c in kept))
    return replace(check, commands=kept, hosts=hosts)


def _aims_elsewhere(project: Project, command: SimpleCommand) -> bool:
    """Every host the command visibly connects to is local or outside the project: a dotted
    name (``core.telegram.org``) that is no service's name or alias."""
    hosts = probed_hosts(command)
    if not hosts:
        return False
    names = service_names(project)
    return all(host in LOCAL_HOSTS or (host not in names and _public_name(host)) for host in hosts)


def _public_name(host: str) -> bool:
    """A dotted DNS name ending in a top-level domain (``api.github.com``), not an address."""
    head, dot, top = host.rpartition(".")
    return bool(head and dot) and top.isalpha()


STARTUP_CHECKS = Fact("start-up checks", _startup_checks)


def start_hidden(project: Project, service: Service) -> bool:
    """True when part of what the service's container runs at start is not visible, so it may
    wait for its dependencies by itself: no start command in the files (a pulled image, or a
    Dockerfile that inherits it from its base), a script lintdock cannot read, or a compose
    ``command`` handed to a pulled image's ENTRYPOINT (``command: worker``), which may be a
    wrapper script that waits."""
    link = project.build_of(service)
    start = project.effective_start(service)
    image = (link.dockerfile, link.stage) if link is not None else None
    if start.state != "known" or runs_hidden_script(project, start, image):
        return True
    return link is None and service.entrypoint is None


def names_a_check(check: StartupCheck) -> bool:
    """Whether a word of the check's commands says it checks or waits (``check-db``,
    ``dotnet Utilities.HttpCheck.dll``): a custom utility that names its purpose."""
    return any(
        marker in word.value.lower()
        for command in check.commands
        for word in command.argv
        for marker in CHECK_WORDS
    )


def runs_hidden_script(
    project: Project, start: EffectiveStart, image: ImageRef | None = None
) -> bool:
    """True when the start command runs a shell script lintdock cannot read (from the base
    image, or not in the run), or hands the container to a process supervisor (its programs
    are configured elsewhere): it may wait for dependencies, so nothing is known."""
    for part in start.parts:
        if _runs_supervisor(part.script):
            return True
        for word in _script_words(part.script):
            if not _looks_like_script(word.value):
                continue
            found = project.entrypoint_script(image[0], image[1], word) if image else None
            if found is None or _runs_supervisor(found.script):
                return True
    return False


SUPERVISORS = frozenset({"supervisord", "s6-svscan", "runsvdir", "circusd", "pm2-runtime"})
"""Process supervisors: what they run (and whether it waits) is in their own configuration."""


def _runs_supervisor(script: ShellScript) -> bool:
    return any(command.program in SUPERVISORS for command in script.commands)


# -- the start command itself -------------------------------------------------------------------


def _checks_in_part(_project: Project, part: StartPart) -> tuple[StartupCheck, ...]:
    return tuple(_part_checks(part))


PART_CHECKS = Fact("start-up checks of a part", _checks_in_part)


def _part_checks(part: StartPart) -> Iterator[StartupCheck]:
    script = part.script
    app = script.last
    if app is None:
        return
    if _is_wait_tool(app):
        yield _check("wait-tool", (app,), None, None, part)
    yield from _chain_checks(script, app, part)
    yield from _loop_checks(script, app, part)
    yield from _waits_before(script, app, part)


def _chain_checks(
    script: ShellScript, app: SimpleCommand, part: StartPart
) -> Iterator[StartupCheck]:
    """``check && app``, and ``check || exit 1; app``."""
    for command in script.chain(app, ("&&",)):
        if command.loop is app.loop and _is_check_command(command):
            yield _command_check(command, app, "&&", part)
    for command in script.before(app):
        follower = script.next(command)
        if (
            command.operator == "||"
            and follower is not None
            and follower.program == "exit"
            and command.loop is None
            and _is_check_command(command)
        ):
            yield _command_check(command, app, ";", part)


def _command_check(
    command: SimpleCommand, app: SimpleCommand, operator: str, part: StartPart
) -> StartupCheck:
    kind: CheckKind = "wait-tool" if _is_wait_tool(command) else "chain"
    return _check(kind, (command,), app, operator, part)


def _check(
    kind: CheckKind,
    commands: tuple[SimpleCommand, ...],
    app: SimpleCommand | None,
    operator: str | None,
    part: StartPart,
    script: ShellScript | None = None,
    loop: Loop | None = None,
    script_path: str | None = None,
) -> StartupCheck:
    """A check of ``commands`` (in ``script``, the start command's unless given), with the hosts
    and the variables they probe."""
    hosts = tuple(dict.fromkeys(h for c in commands for h in probed_hosts(c)))
    within = script or part.script
    variables = tuple(dict.fromkeys(v for c in commands for v in probed_variables(within, c)))
    defaults = tuple(_script_defaults(within, variables).items())
    return StartupCheck(
        kind,
        commands,
        hosts,
        app,
        operator,
        part,
        loop,
        script_path,
        variables=variables,
        defaults=defaults,
    )


def _waits_before(
    script: ShellScript, app: SimpleCommand, part: StartPart
) -> Iterator[StartupCheck]:
    """Wait tools run before the app whatever joins them (``wait-for-it db:5432; app``): they
    wait; ``&&`` chains are already counted."""
    chained = {id(c) for c in script.chain(app, ("&&",))}
    for command in script.before(app):
        if id(command) in chained or command.loop is not None or command.function is not None:
            continue
        if _is_wait_tool(command):
            yield _check("wait-tool", (command,), app, ";", part)


def _loop_checks(
    script: ShellScript, app: SimpleCommand, part: StartPart
) -> Iterator[StartupCheck]:
    """Polling loops that end before the app starts."""
    for loop in script.loops:
        if loop.parent is not None or not _ends_before(script, loop, app):
            continue
        probes = _loop_probes(script, loop)
        if probes:
            yield _check("loop", probes, app, ";", part, loop=loop)


def _loop_probes(script: ShellScript, loop: Loop) -> tuple[SimpleCommand, ...]:
    """The commands a loop polls with: a ``while``/``until`` condition, else (``for`` loops,
    ``while true``) the body of a loop that ``break``s out."""
    if loop.kind in ("while", "until"):
        probes = tuple(c for c in loop.condition if _is_check_command(c))
        if probes:
            return probes
    body = tuple(c for c in script.commands if inside_loop(c, loop))
    if not any(c.program == "break" for c in body):
        return ()
    return tuple(c for c in body if _is_check_command(c))


def _ends_before(script: ShellScript, loop: Loop, command: SimpleCommand) -> bool:
    """Whether the whole of ``loop`` runs before ``command``, in the script's order of commands
    (not by position: the commands of a folded ``sh -c`` string all share the string's span)."""
    rest = script.commands[len(script.before(command)) :]
    return not any(inside_loop(c, loop) for c in rest)


def inside_loop(command: SimpleCommand, loop: Loop) -> bool:
    """Whether ``command`` runs in ``loop``'s body, directly or in a nested loop."""
    enclosing = command.loop
    while enclosing is not None:
        if enclosing is loop:
            return True
        enclosing = enclosing.parent
    return False


# -- scripts from the build context ----------------------------------------------------------


def _script_checks(project: Project, part: StartPart, image: ImageRef) -> Iterator[StartupCheck]:
    for word in _script_words(part.script):
        found = project.entrypoint_script(image[0], image[1], word)
        if found is None:
            continue
        probes = tuple(_script_probes(found.script))
        if probes:
            yield _check("script", probes, None, None, part, found.script, script_path=found.path)


def _script_probes(script: ShellScript) -> Iterator[SimpleCommand]:
    """Commands of an entrypoint script that wait for or probe a dependency: wait tools and
    probe programs anywhere that runs (functions only when called, from the script or from a
    function it calls), and what polling loops poll with, as in a start command (a
    ``while``/``until`` condition, or the body of a loop that ``break``s out: ``while true; do
    psql --host "$DB_HOST" --list && break; sleep 5; done``)."""
    called = called_functions(script)
    polled = {id(c) for loop in script.loops for c in _loop_probes(script, loop)}
    for command in script.commands:
        if command.function is not None and command.function not in called:
            continue
        if _is_wait_tool(command) or command.program in PROBES or id(command) in polled:
            yield command


def called_functions(script: ShellScript) -> frozenset[str]:
    """The functions the script runs: called at its top level, or from a function it runs
    (``waiting_for_redis`` calls ``waiting_for_connection``, which polls with ``nc``)."""
    callers: dict[str | None, set[str]] = {}
    for command in script.commands:
        if command.program is not None:
            callers.setdefault(command.function, set()).add(command.program)
    called: set[str] = set()
    pending = list(callers.get(None, ()))
    while pending:
        name = pending.pop()
        if name not in called:
            called.add(name)
            pending += callers.get(name, ())
    return frozenset(called)


def _script_words(script: ShellScript) -> Iterator[Word]:
    """The words that may name a script the start command runs: each program it runs directly
    (not in functions or substitutions), and the script operand of ``sh file``."""
    for command in script.commands:
        if not command.argv or command.function is not None or command.in_substitution:
            continue
        yield command.argv[0]
        if command.program in SHELL_PROGRAMS and command.option("c") is None:
            operands = command.positionals()
            if operands:
                yield operands[0]


def _looks_like_script(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.endswith((".sh", ".bash")) or "entrypoint" in name


# -- commands -----------------------------------------------------------------------------------


def _is_check_command(command: SimpleCommand) -> bool:
    program = command.program
    if program is None or program in NOT_PROBES:
        return False
    return program not in SET_UP_COMMANDS or bool(_dev_tcp_hosts(command)) or _is_wait_tool(command)


def _dev_tcp_hosts(command: SimpleCommand) -> list[str]:
    """Hosts a command opens a connection to through bash's ``/dev/tcp/HOST/PORT``
    (``echo > /dev/tcp/db/5432``): a probe, whatever the program."""
    return [
        match.group(1).lower()
        for redirect in command.redirects
        if (match := DEV_TCP.search(redirect)) is not None
    ]


def _is_wait_tool(command: SimpleCommand) -> bool:
    """A wait tool; ``wait`` written as a path (``/wait``) is docker-compose-wait, which waits
    for the hosts in ``WAIT_HOSTS``, not the shell's builtin."""
    program = command.program
    if program == "wait":
        return bool(command.argv) and "/" in command.argv[0].value
    if program not in WAIT_TOOLS:
        return False
    return program != "dockerize" or command.option(long="wait") is not None


# Programs whose ``-h`` names the server they probe (``--host`` does for any program but curl;
# elsewhere ``-h`` is as often help or a flag like ``-healthcheck``).
HOST_OPTION_PROGRAMS = frozenset(
    {
        "pg_isready",
        "psql",
        "mysql",
        "mysqladmin",
        "mariadb",
        "mariadb-admin",
        "redis-cli",
        "mongosh",
        "mongo",
        "cqlsh",
        "clickhouse-client",
        "wait-for-it",
        "wait-for-it.sh",
        "wait-for",
        "wait-for.sh",
        "rabbitmqctl",
        "nats",
    }
)


def probed_hosts(command: SimpleCommand) -> tuple[str, ...]:
    """The hosts a probe visibly targets: ``/dev/tcp/HOST/PORT`` redirections, URLs and
    ``host:port`` in its arguments (only the URL arguments of curl and wget), the ``-h`` host
    of database clients and wait tools, the host operand of ``nc``; lower-cased."""
    program = command.program
    if program in ("nc", "ncat", "netcat"):
        operands = command.positionals()
        visible = operands and "$" not in operands[0].value
        return (operands[0].value.lower(),) if visible else ()
    hosts = _dev_tcp_hosts(command)
    short = "h" if program in HOST_OPTION_PROGRAMS else ""
    host_option = command.option_value(short, "host") if program != "curl" else None
    if host_option is not None:
        hosts.append(host_option.value.lower())
    for word in _probe_arguments(command):
        hosts += hosts_in(word.value)
    if program in HTTP_CLIENTS and not hosts:
        hosts += _schemeless_url_hosts(command)
    return tuple(dict.fromkeys(h for h in hosts if "$" not in h))


_VARIABLE = r"\$\{?([A-Za-z_][A-Za-z0-9_]*|[1-9])(?:[:?+=-][^}]*)?\}?"
BARE_VARIABLE = re.compile(_VARIABLE)
"""A word that is one variable: ``$DB_HOST``, ``${DB_HOST}``, ``${DB_HOST:-db}``, ``$1``."""
VARIABLE_HOST = re.compile(rf"(?:^|://|@|/dev/(?:tcp|udp)/){_VARIABLE}(?=[:/]|$)")
"""A variable where an argument names a host: ``$DB_HOST:5432``, ``http://${API}/x``."""
CALLS_DEPTH = 4
"""How many function calls a positional parameter (``$1``) is followed back through."""


_ASSIGNED_DEFAULT = re.compile(r"\$\{(\w+):?=([^}]*)\}")
"""``${NAME:=value}``: ``value`` is assigned to ``NAME`` when it is unset (or empty)."""
_USED_DEFAULT = re.compile(r"\$\{(\w+):?-([^}]*)\}")
"""``${NAME:-value}``: ``value`` stands in for ``NAME`` when it is unset (or empty)."""


def _script_defaults(script: ShellScript, names: Iterable[str]) -> dict[str, str]:
    """The values a script gives the variables ``names`` when the environment leaves them
    unset: ``: ${DB_HOST:=db}`` (zabbix's entrypoints), ``DB_HOST=${DB_HOST:-db}``."""
    wanted = set(names)
    found: dict[str, str] = {}
    for command in script.commands:
        words = command.args if command.program == ":" else ()
        for word in words:
            match = _ASSIGNED_DEFAULT.fullmatch(word.value)
            if match is not None and match.group(1) in wanted:
                found.setdefault(match.group(1), _unquoted(match.group(2)))
        for assignment in command.assignments:
            name, _, value = assignment.value.partition("=")
            match = _USED_DEFAULT.fullmatch(value) or _ASSIGNED_DEFAULT.fullmatch(value)
            if name in wanted and match is not None and match.group(1) == name:
                found.setdefault(name, _unquoted(match.group(2)))
    return found


def _unquoted(value: str) -> str:
    """A default as the shell gives it: ``"postgres-server"`` without its quotes."""
    if len(value) > 1 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def probed_variables(script: ShellScript, command: SimpleCommand) -> tuple[str, ...]:
    """The variables whose values name the hosts a probe targets (``nc -z "$DB_HOST" 5432``,
    ``wait-for-it $DB_HOST:5432``, ``curl http://${API_HOST}/ready``); ``$1`` in a function is
    followed to what its callers pass (``waiting_for_connection ${REDIS_SERVER_HOST}``). A
    parameter no caller fills with a variable stays as its number, which no environment has."""
    found: list[str] = []
    for word, bare in _target_words(command):
        match = (BARE_VARIABLE.fullmatch if bare else VARIABLE_HOST.search)(word.value)
        if match is not None:
            found += _followed(script, command, match.group(1), CALLS_DEPTH)
    return tuple(dict.fromkeys(found))


def _target_words(command: SimpleCommand) -> Iterator[tuple[Word, bool]]:
    """The words that may name a probe's host, each with whether a lone variable there is the
    host (``nc``'s operand, a ``-h``/``--host`` value) or only one written as a host."""
    if command.program in ("nc", "ncat", "netcat"):
        operands = command.positionals()
        if operands:
            yield operands[0], True
        return
    short = "h" if command.program in HOST_OPTION_PROGRAMS else ""
    host_option = command.option_value(short, "host") if command.program != "curl" else None
    if host_option is not None:
        yield host_option, True
        if short:
            return  # a database client's other options are its port, user, database...
    for word in _probe_arguments(command):
        yield word, False
    for redirect in command.redirects:
        yield Word(redirect, redirect, command.span), False


def _followed(script: ShellScript, command: SimpleCommand, name: str, depth: int) -> list[str]:
    """``name``, or for a positional parameter of the function ``command`` is in, the variables
    its callers pass in that place."""
    if not name.isdigit() or command.function is None or depth == 0:
        return [name]
    found: list[str] = []
    for caller in script.runs(command.function):
        passed = caller.argv[int(name)] if len(caller.argv) > int(name) else None
        match = BARE_VARIABLE.fullmatch(passed.value) if passed is not None else None
        found += _followed(script, caller, match.group(1), depth - 1) if match else [name]
    return found or [name]


def _probe_arguments(command: SimpleCommand) -> tuple[Word, ...]:
    """The words that may name what a probe targets: for curl and wget their URLs (operands
    and curl's ``--url``), not the values of other options (a header ``-H "X-Upstream-Url:
    https://tiles.example.com"``, a referer, a body); for other probes every argument."""
    if command.program not in HTTP_CLIENTS:
        return command.args
    url = command.option_value(long="url") if command.program == "curl" else None
    return (*command.positionals(), *((url,) if url is not None else ()))


def _schemeless_url_hosts(command: SimpleCommand) -> list[str]:
    """``curl numbers-api/rng``: curl and wget default to http://."""
    for word in command.positionals():
        host = word.value.split("/", 1)[0].split(":", 1)[0]
        if host:
            return [host.lower()]
    return []


def timeout_duration(words: tuple[Word, ...]) -> Word | None:
    """The DURATION word of a ``timeout [options] DURATION`` launcher among ``words``."""
    for index, word in enumerate(words):
        if word.value.rsplit("/", 1)[-1] != "timeout":
            continue
        rest = iter(words[index + 1 :])
        for candidate in rest:
            if candidate.value in ("-s", "-k", "--signal", "--kill-after"):
                next(rest, None)
            elif not candidate.value.startswith("-"):
                return candidate
    return None


# -- whether a check gives up -----------------------------------------------------------------

_ZERO = re.compile(r"0*(?:\.0*)?(?:ms|s|m|h)?")
WAIT_FOR_IT = frozenset({"wait-for-it", "wait-for-it.sh", "wait-for", "wait-for.sh"})


def is_zero(text: str) -> bool:
    """``0``, ``0s``, ``0.0``: a duration that means "no limit" to these tools."""
    return bool(_ZERO.fullmatch(text)) and any(ch == "0" for ch in text)


WAIT_TIMEOUT_OPTIONS = {
    **{name: ("t", ("timeout",)) for name in WAIT_FOR_IT},
    "dockerize": ("", ("timeout",)),
}
"""The option (short letters, long names) that gives a wait tool its timeout."""


def wait_limit(command: SimpleCommand) -> Word | None:
    """The timeout a wait tool is given (``wait-for-it -t 60``, ``dockerize -timeout 60s``)."""
    option = WAIT_TIMEOUT_OPTIONS.get(command.program or "")
    return command.option_value(*option) if option is not None else None


def waits_forever(check: StartupCheck) -> bool:
    """The check never gives up, so the container never exits because of it: a retry loop with
    no attempt limit or timeout, or a wait tool told to wait forever (``wait-for.sh -t 0``)."""
    if check.loop is not None and not loop_bounded(check.part.script, check.loop):
        return True
    return any(_told_to_wait_forever(command) for command in check.commands)


def _told_to_wait_forever(command: SimpleCommand) -> bool:
    launcher = timeout_duration(command.launched_by)
    if launcher is not None and not is_zero(launcher.value):
        return False
    limit = wait_limit(command)
    return limit is not None and is_zero(limit.value)


def loop_bounded(script: ShellScript, loop: Loop) -> bool:
    """A ``for`` loop over items, a loop under ``timeout N``, a loop whose condition tests a
    counter or deadline, or whose body can leave it another way than success."""
    if loop.kind == "for":
        return True
    body = [c for c in script.commands if inside_loop(c, loop)]
    condition = list(loop.condition)
    launched = [w for c in condition + body for w in c.launched_by]
    limit = timeout_duration(tuple(launched))
    if limit is not None and not is_zero(limit.value):
        return True
    if any(c.program in TESTS for c in condition + body):
        return True
    probing_condition = any(c.program not in ("true", ":") for c in condition)
    exits = {c.program for c in body} & LOOP_EXITS
    return bool(exits - {"break"}) or (probing_condition and "break" in exits)


# -- where checks are written -------------------------------------------------------------------


@dataclass(frozen=True)
class WrittenCheck:
    """A check in a start command, with where to report it: ``service`` when it is written in
    a compose service's ``command``/``entrypoint``, ``image`` the Dockerfile and final stage
    whose ENTRYPOINT/CMD holds it, or that the service builds."""

    check: StartupCheck
    service: str | None
    image: ImageRef | None


def written_checks(project: Project) -> Iterator[WrittenCheck]:
    """Each check written in a start command, once where it is written: in a Dockerfile (the
    ENTRYPOINT/CMD in effect for a final stage) or in a compose service's own
    ``command``/``entrypoint``. Checks inside script files are not included."""
    seen: set[tuple[str, Span, str]] = set()
    for dockerfile in project.dockerfiles:
        for stage in project.final_stages(dockerfile):
            for check in stage_checks(project, dockerfile, stage):
                key = (check.part.path, check.commands[0].span, check.kind)
                if check.in_start_command and key not in seen:
                    seen.add(key)
                    yield WrittenCheck(check, None, (dockerfile, stage))
    for service in project.services:
        link = project.build_of(service)
        image = (link.dockerfile, link.stage) if link is not None else None
        for check in startup_checks(project, project.effective_start(service), image):
            if check.in_start_command and check.part.origin == "compose":
                yield WrittenCheck(check, service.key, image)
