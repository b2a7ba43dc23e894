"""Compose variable interpolation and the ``.env`` file format, as compose-go implements them.

Values come only from the ``.env`` text given to the loader, never from the process
environment, so a run gives the same result on every machine. An unset variable without a
default becomes ``""`` (Compose warns and does the same); ``${VAR:?err}`` / ``${VAR?err}`` with
VAR missing from ``.env`` is Compose's error (``required variable VAR is missing a value: err``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from lintdock.model.compose import ComposeFinding
from lintdock.model.span import Span
from lintdock.parsers.compose_yaml import YamlNode, dotted, key_text, shown
from lintdock.rules.codes import COMPOSE_SCHEMA

Path = tuple["str | int", ...]
"""Where a value sits in a document: mapping keys and sequence indexes."""

_NAME = re.compile(r"[_a-z][_a-z0-9]*", re.IGNORECASE)
_OPERATORS = (":-", "-", ":+", "+", ":?", "?")
"""What may follow ``${NAME``: a default, an alternative or a requirement (two-character
forms first, so that ``:-`` is not read as ``-``)."""

MAX_NESTING = 32
"""Deepest ``${A:-${B:-...}}`` accepted; deeper is reported as malformed."""


class InvalidInterpolation(ValueError):
    """A malformed ``${...}`` (such as ``${VAR`` or ``${}``) in the given template."""

    def __init__(self, template: str) -> None:
        super().__init__(template)
        self.template = template


class MissingRequired(ValueError):
    """``${NAME:?message}`` (or ``${NAME?message}``) with NAME unset (or empty, for ``:?``)."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message
        reason = f": {message}" if message else ""
        super().__init__(f"required variable {name} is missing a value{reason}")


Lookup = Callable[[str], "str | None"]


def interpolate(template: str, variables: Mapping[str, str]) -> str:
    """``template`` with its variables substituted; raises InvalidInterpolation or
    MissingRequired."""
    if "$" not in template:
        return template
    return _substitute(template, variables.get, 0)


def _substitute(template: str, lookup: Lookup, depth: int) -> str:
    """compose-go's substitution, in one left-to-right pass: ``$$`` is a dollar, ``$NAME`` and
    ``${NAME}`` a variable, ``${NAME<op>word}`` a default, alternative or requirement; any other
    ``${`` is malformed, and a ``$`` before anything else stays as written."""
    if depth > MAX_NESTING:
        raise InvalidInterpolation(template)
    pieces: list[str] = []
    braces = _LastBraces(template)
    index = 0
    while (dollar := template.find("$", index)) >= 0:
        pieces.append(template[index:dollar])
        text, index = _expand(template, dollar, lookup, depth, braces)
        pieces.append(text)
    pieces.append(template[index:])
    return "".join(pieces)


def _expand(
    template: str, dollar: int, lookup: Lookup, depth: int, braces: _LastBraces
) -> tuple[str, int]:
    """The text the ``$`` at ``dollar`` stands for, and the index after what it consumed."""
    after = dollar + 1
    if template.startswith("$", after):
        return "$", after + 1
    if not template.startswith("{", after):
        name = _NAME.match(template, after)
        return (lookup(name.group()) or "", name.end()) if name else ("$", after)
    name = _NAME.match(template, after + 1)
    if name is None:
        raise InvalidInterpolation(template)
    if template.startswith("}", name.end()):
        return lookup(name.group()) or "", name.end() + 1
    operator = next((op for op in _OPERATORS if template.startswith(op, name.end())), None)
    last = braces.last_on_line(name.end())
    if operator is None or last < 0:
        raise InvalidInterpolation(template)
    end = _closing_brace(template, dollar, last)
    argument = template[name.end() + len(operator) : end]
    return _apply(name.group(), operator, argument, lookup, depth), end + 1


def _apply(name: str, operator: str, argument: str, lookup: Lookup, depth: int) -> str:
    value = lookup(name)
    is_set, is_non_empty = value is not None, bool(value)
    if operator in (":-", "-"):
        use_argument = not is_non_empty if operator == ":-" else not is_set
    elif operator in (":+", "+"):
        use_argument = is_non_empty if operator == ":+" else is_set
    else:  # a requirement: its message is read (so it must be well formed) when it applies
        missing = not is_non_empty if operator == ":?" else not is_set
        if missing:
            raise MissingRequired(name, _substitute(argument, lookup, depth + 1))
        return value or ""
    return _substitute(argument, lookup, depth + 1) if use_argument else value or ""


class _LastBraces:
    """The last ``}`` of each line of a text (compose-go's pattern reaches it greedily)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.by_line_end: dict[int, int] = {}

    def last_on_line(self, index: int) -> int:
        """The index of the last ``}`` at or after ``index`` on its line, or -1."""
        line_end = self.text.find("\n", index)
        line_end = len(self.text) if line_end < 0 else line_end
        if line_end not in self.by_line_end:
            self.by_line_end[line_end] = self.text.rfind("}", 0, line_end)
        last = self.by_line_end[line_end]
        return last if last >= index else -1


def _closing_brace(text: str, start: int, last: int) -> int:
    """The ``}`` closing the ``${`` at ``start`` (braces counted, and the character after each
    ``{`` skipped, as compose-go counts them), looking no further than ``last``; ``last`` when
    they never balance."""
    depth = 0
    index = start
    while index <= last:
        if text[index] == "}":
            depth -= 1
            if depth == 0:
                return index
        if text[index] == "{":
            depth += 1
            index += 1
        index += 1
    return last


_EXPORT = re.compile(r"export\s+")
_ESCAPE = re.compile(r"\\(?:[abcfnrtv$\"\\]|0[0-7]{0,3})")
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_KEY_END = re.compile(r"[=:\n]")
_INLINE_SPACE = " \t\v\f\r\x85\xa0"


def parse_env_file(text: str) -> dict[str, str]:
    """The variables of a ``.env`` text (compose-go's dotenv format: ``KEY=value``, ``export``,
    quotes, ``#`` comments, ``${VAR}`` expansion from earlier lines). Reading stops at the first
    malformed statement; what came before is kept. One pass over the text (positions, never the
    rest of the text sliced off per line)."""
    variables: dict[str, str] = {}
    text = text.removeprefix("\ufeff")
    position = 0
    while True:
        position = _statement_start(text, position)
        match = _KEY_END.search(text, position)
        if match is None:
            return variables
        key = _EXPORT.sub("", text[position : match.start()], count=1).strip()
        position = match.end()
        if not _valid_key(key):
            return variables
        if match.group() == "\n":
            continue  # a bare name inherits from the environment, which we never read
        position = _INLINE_SPACES.match(text, position).end()  # type: ignore[union-attr]
        try:
            value, position = _env_value(text, position, variables)
        except (InvalidInterpolation, ValueError):
            return variables
        variables[key] = value


_SPACE = re.compile(r"\s*")
_INLINE_SPACES = re.compile(f"[{_INLINE_SPACE}]*")


def _statement_start(text: str, position: int) -> int:
    """Where the next statement starts: blank space and ``#`` comment lines skipped."""
    while True:
        position = _SPACE.match(text, position).end()  # type: ignore[union-attr]
        if not text.startswith("#", position):
            return position
        newline = text.find("\n", position)
        if newline < 0:
            return len(text)
        position = newline


_KEY = re.compile(r"[\w.\-\[\]]+")


def _valid_key(key: str) -> bool:
    return _KEY.fullmatch(key) is not None


def _env_value(text: str, start: int, variables: dict[str, str]) -> tuple[str, int]:
    """The value at ``start`` and the position after it."""
    if start >= len(text) or text[start] not in "'\"":
        newline = text.find("\n", start)
        end = len(text) if newline < 0 else newline
        value = text[start:end].split(" #", 1)[0].rstrip()
        return interpolate(value, variables), end + 1
    quote = text[start]
    chars: list[str] = []
    escaped = False
    for index in range(start + 1, len(text)):
        char = text[index]
        if char == quote and not escaped:
            value = "".join(chars)
            if quote == '"':
                value = interpolate(_expand_escapes(value), variables)
            return value, index + 1
        if char == "\\" and not escaped:
            escaped = True
            continue
        if escaped and char != quote:
            chars.append("\\")
        escaped = False
        chars.append(char)
    raise ValueError("unterminated quoted value")


def _expand_escapes(text: str) -> str:
    def expand(match: re.Match[str]) -> str:
        body = match.group()[1:]
        if body == "$":
            return "$$"
        if body.startswith("0"):
            return chr(int(body[1:] or "0", 8))
        return _ESCAPES.get(body, body)

    return _ESCAPE.sub(expand, text)


_ANY = "*"
_ITEM = "[]"

_CASTS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(pattern.split(".")), kind)
    for kind, patterns in {
        "integer": (
            "services.*.cpu_count services.*.cpu_period services.*.cpu_quota "
            "services.*.cpu_rt_period services.*.cpu_rt_runtime services.*.cpu_shares "
            "services.*.deploy.replicas services.*.deploy.update_config.parallelism "
            "services.*.deploy.rollback_config.parallelism "
            "services.*.deploy.restart_policy.max_attempts "
            "services.*.deploy.placement.max_replicas_per_node services.*.healthcheck.retries "
            "services.*.oom_score_adj services.*.pids_limit services.*.ports.[].target "
            "services.*.scale services.*.ulimits.* services.*.ulimits.*.hard "
            "services.*.ulimits.*.soft"
        ),
        "number": (
            "services.*.cpu_percent services.*.cpus "
            "services.*.deploy.update_config.max_failure_ratio "
            "services.*.deploy.rollback_config.max_failure_ratio"
        ),
        "boolean": (
            "services.*.init services.*.depends_on.*.required services.*.depends_on.*.restart "
            "services.*.healthcheck.disable services.*.oom_kill_disable services.*.privileged "
            "services.*.read_only services.*.stdin_open services.*.tty "
            "services.*.volumes.[].read_only services.*.volumes.[].volume.nocopy "
            "networks.*.external networks.*.internal networks.*.attachable "
            "networks.*.enable_ipv4 networks.*.enable_ipv6 volumes.*.external "
            "secrets.*.external configs.*.external"
        ),
    }.items()
    for pattern in patterns.split()
)
"""compose-go converts the strings at these paths (after interpolation) to these types."""

_CASTS_BY_LAST: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    last: tuple(cast for cast in _CASTS if cast[0][-1] == last)
    for last in {pattern[-1] for pattern, _ in _CASTS} | {_ANY}
}
"""The casts indexed by the last part of their path, so that most values need one lookup."""

_GO_INT = re.compile(r"[-+]?[0-9]+")
_GO_FLOAT = re.compile(
    r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?(inf|infinity|nan)", re.IGNORECASE
)
_MAX_DIGITS = 20
"""Longer integers overflow Go's int64 (and Compose fails to convert them)."""
_BOOLEANS = {
    "true": True,
    "false": False,
    "y": True,
    "yes": True,
    "on": True,
    "n": False,
    "no": False,
    "off": False,
}


Unset = dict[tuple[str, Span], tuple[str, ...]]
"""The values interpolation read variables ``.env`` does not set in, by file and position:
the names of those variables (each read as empty)."""

_PLAIN_VARIABLE = re.compile(r"\$\$|\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}|\$([_a-zA-Z][_a-zA-Z0-9]*)")


def unset_names(template: str, variables: Mapping[str, str]) -> tuple[str, ...]:
    """The variables ``template`` reads without a default (``$NAME``, ``${NAME}``, also inside
    another's default) that ``variables`` does not set, each once."""
    found = (m.group(1) or m.group(2) for m in _PLAIN_VARIABLE.finditer(template))
    return tuple(dict.fromkeys(name for name in found if name and name not in variables))


_ANY_VARIABLE = re.compile(r"\$\$|\$\{([_a-zA-Z][_a-zA-Z0-9]*)|\$([_a-zA-Z][_a-zA-Z0-9]*)")


def variable_names(template: str) -> tuple[str, ...]:
    """Every variable ``template`` reads (``$NAME``, ``${NAME}``, ``${NAME:-default}``, also
    inside another's default), each once; ``$$`` is no variable."""
    found = (m.group(1) or m.group(2) for m in _ANY_VARIABLE.finditer(template))
    return tuple(dict.fromkeys(name for name in found if name))


def interpolate_tree(
    root: YamlNode,
    variables: Mapping[str, str],
    findings: list[ComposeFinding],
    unset: Unset | None = None,
) -> YamlNode:
    """A copy of the document with every string value interpolated (keys stay as written)
    and converted where Compose converts it; problems are appended to ``findings`` as LD003,
    and the values that read unset variables to ``unset``."""
    start = len(findings)
    tree = _interpolate_node(root, (), variables, findings, {} if unset is None else unset)
    findings[start:] = _once_per_guard(findings[start:])
    return tree


def _once_per_guard(findings: list[ComposeFinding]) -> list[ComposeFinding]:
    """The findings with each required variable (``${VAR:?message}``) told once, at its first
    use, with the lines of the others: one thing to do (set VAR), however often VAR is read."""
    uses: dict[str, list[ComposeFinding]] = {}
    for finding in findings:
        if finding.guard:
            uses.setdefault(finding.guard, []).append(finding)
    kept: list[ComposeFinding] = []
    for finding in findings:
        if not finding.guard:
            kept.append(finding)
            continue
        first, *others = uses[finding.guard]
        if finding is not first:
            continue
        cause = (
            f" (the .env file does not set {finding.guard}: docker compose refuses the project "
            "unless the environment does"
        )
        lines = list(dict.fromkeys(o.span.line for o in others if o.span.line != first.span.line))
        if lines:
            listed = ", ".join(map(str, lines))
            cause += f"; also required at line{'s' if len(lines) > 1 else ''} {listed}"
        kept.append(replace(finding, message=f"{finding.message}{cause})"))
    return kept


def _interpolate_node(
    node: YamlNode,
    path: Path,
    variables: Mapping[str, str],
    findings: list[ComposeFinding],
    unset: Unset,
) -> YamlNode:
    """The node with its strings interpolated; the very same node when nothing changed."""
    if node.is_mapping:
        entries = tuple(
            (key, _interpolate_node(value, (*path, key_text(key)), variables, findings, unset))
            for key, value in node.value
        )
        changed = any(
            new is not old for (_, new), (_, old) in zip(entries, node.value, strict=True)
        )
        return node.with_value(entries) if changed else node
    if node.is_sequence:
        items = tuple(
            _interpolate_node(item, (*path, index), variables, findings, unset)
            for index, item in enumerate(node.value)
        )
        changed = any(new is not old for new, old in zip(items, node.value, strict=True))
        return node.with_value(items) if changed else node
    if not isinstance(node.value, str):
        return node
    try:
        text = interpolate(node.value, variables)
    except InvalidInterpolation:
        message = (
            f"invalid interpolation format for {dotted(path)}: {shown(node.value)} "
            "(you may need to escape any $ with another $)"
        )
        findings.append(_finding(node, message))
        return node
    except MissingRequired as missing:
        message = f"error while interpolating {dotted(path)}: {missing}"
        findings.append(_finding(node, message, depends_on_environment=True, guard=missing.name))
        return node.with_value("")
    names = unset_names(node.value, variables) if text != node.value else ()
    if names:
        unset[(node.file, node.span)] = names
    if _is_short_volume(path):
        _check_volume_spec(text, node, findings, names)
    value = _cast(text, path, node, findings)
    return node if value is node.value else node.with_value(value)


def _cast(text: str, path: Path, node: YamlNode, findings: list[ComposeFinding]) -> object:
    kind = _cast_kind(path)
    if kind is None:
        return text
    value: object = None
    if kind == "integer" and _GO_INT.fullmatch(text) and len(text) <= _MAX_DIGITS:
        value = int(text)
    elif kind == "number" and _GO_FLOAT.fullmatch(text):
        value = float(text)
    elif kind == "boolean":
        value = _BOOLEANS.get(text.lower())
    if value is None and not _emptied_by_variables(node.value, text):
        findings.append(
            _finding(node, f"{dotted(path)}: cannot convert {shown(text)} to {_ARTICLE[kind]}")
        )
    return text if value is None else value


def _emptied_by_variables(template: object, text: str) -> bool:
    """Whether interpolation alone left nothing (``read_only: ${READ_ONLY}`` without the
    variable in ``.env``): the real environment may set it, as for ``${VAR:?}``."""
    return text == "" and template != ""


_ARTICLE = {"integer": "an integer", "number": "a number", "boolean": "a boolean"}


def _cast_kind(path: Path) -> str | None:
    if not path:
        return None
    last = path[-1]
    candidates = (
        _CASTS_BY_LAST.get(_ITEM if isinstance(last, int) else last, ()) + _CASTS_BY_LAST[_ANY]
    )
    for pattern, kind in candidates:
        if len(pattern) == len(path) and all(
            _matches(part, expected) for part, expected in zip(path, pattern, strict=True)
        ):
            return kind
    return None


def _matches(part: str | int, expected: str) -> bool:
    if isinstance(part, int):
        return expected == _ITEM
    return expected in (_ANY, part)


def _finding(
    node: YamlNode, message: str, depends_on_environment: bool = False, guard: str = ""
) -> ComposeFinding:
    return ComposeFinding(
        COMPOSE_SCHEMA, message, node.file, node.span, depends_on_environment, guard
    )


def unless_set(names: tuple[str, ...]) -> str:
    """What a finding about a value read from unset variables adds: their names."""
    listed = ", ".join(names)
    verb, them = ("is", "it") if len(names) == 1 else ("are", "them")
    return f" (unless {listed} {verb} set: .env does not set {them}, so it is read as empty)"


def _is_short_volume(path: Path) -> bool:
    return len(path) == 4 and path[0] == "services" and path[2] == "volumes"


def _check_volume_spec(
    text: str, node: YamlNode, findings: list[ComposeFinding], unset: tuple[str, ...]
) -> None:
    """Compose's ``invalid spec: ...: empty section between colons`` for a short volume entry
    that starts or ends with ``:`` (``${DATA_PATH}:/data`` with DATA_PATH unset)."""
    if len(text) <= 2 or not (text.startswith(":") or text.endswith(":")):
        return
    cause = unless_set(unset) if unset else ""
    message = f"invalid spec: {text}: empty section between colons{cause}"
    findings.append(_finding(node, message, depends_on_environment=bool(unset)))
