"""LD618 undefined-var: a ``$NAME`` in an instruction BuildKit expands (COPY, ENV, WORKDIR, ...)
that no ARG or ENV defines before it, so it expands to nothing.

The environment of an external base image is not known without pulling it, and an undefined
name there is most often the image's own (``$JAVA_HOME``, ``$NGINX_VERSION``). So on such a base
only the names that cannot come from it are reported: an ARG before the first FROM that the
stage does not declare again, a platform ARG (``$TARGETARCH``) the stage does not declare, and a
near miss of a name the Dockerfile defines. On ``scratch`` and the plain distribution images
(whose environment is only ``PATH``) every undefined name is reported."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from lintdock.facts.images import external_base
from lintdock.facts.instructions import global_args
from lintdock.facts.official_images import official_name
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import (
    Dockerfile,
    Instruction,
    KeyValue,
    Stage,
    VariableReference,
)
from lintdock.rules.base import Context
from lintdock.vocabulary import PLATFORM_ARGS

# Images whose configuration sets no variable but PATH.
_PATH_ONLY = frozenset({"alpine", "debian", "ubuntu", "busybox"})
_DEFAULTING = (":-", "-")


def check(context: Context) -> Iterator[Diagnostic]:
    for dockerfile in context.project.dockerfiles:
        meta = set(global_args(dockerfile))
        inherited = _inherited(dockerfile)
        for stage in dockerfile.stages:
            for reference, why in _undefined(dockerfile, stage, meta, inherited[stage.index]):
                yield context.report(_message(reference, why), dockerfile.path, reference.span)


def _undefined(
    dockerfile: Dockerfile, stage: Stage, meta: set[str], inherited: frozenset[str]
) -> Iterator[tuple[VariableReference, str]]:
    """Each reference of the stage to a name undefined where it is used, and why it is
    reported (``""``: the base image's environment is known)."""
    defined = set(inherited) | {"PATH"}
    root = external_base(dockerfile, stage)
    known_base = _environment_known(root.base_image)
    naming_base = {r.name for r in root.from_instruction.references}

    def judged(references: Iterable[VariableReference]) -> Iterator[tuple[VariableReference, str]]:
        for reference in references:
            why = _why(reference.name, defined, meta, known_base, naming_base)
            if why is not None:
                yield reference, why

    for instruction in stage.instructions:
        if instruction.keyword == "FROM":
            continue  # LD613's
        if instruction.keyword != "ARG":
            yield from judged(instruction.references)
        for pair in instruction.pairs if instruction.keyword == "ARG" else ():
            yield from judged(_in_default(instruction, pair))
            defined.add(pair.key.value)
        if instruction.keyword == "ENV":
            defined.update(pair.key.value for pair in instruction.pairs)


def _in_default(instruction: Instruction, pair: KeyValue) -> list[VariableReference]:
    """The references in an ARG's default, but for ``ARG V=${V:-x}``, the idiom of a default."""
    inside = pair.value.span if pair.value is not None else None
    return [
        reference
        for reference in instruction.references
        if inside is not None
        and inside.cover(reference.span) == inside
        and not (reference.name == pair.key.value and reference.modifier in _DEFAULTING)
    ]


def _why(
    name: str, defined: set[str], meta: set[str], known_base: bool, naming_base: set[str]
) -> str | None:
    """Why ``name`` is reported, None when it is (or may be) defined."""
    if name in defined:
        return None
    if name in meta and name not in naming_base:
        return "meta"
    if name in PLATFORM_ARGS:
        return "platform"
    close = _near_miss(name, defined)
    if close is not None:
        return f"near:{close}"
    return "" if known_base else None


def _message(reference: VariableReference, why: str) -> str:
    name = reference.name
    outcome = "it always takes its default" if reference.modifier in _DEFAULTING else "it is empty"
    if why == "meta":
        return (
            f"${name} is an ARG of the FROM lines only: a stage sees it after its own "
            f"'ARG {name}', so here {outcome}"
        )
    if why == "platform":
        return (
            f"${name} is set by the build only in stages that declare 'ARG {name}': here {outcome}"
        )
    message = f"${name} is not defined by any ARG or ENV before this line: {outcome}"
    if why.startswith("near:"):
        message += f" (did you mean ${why[5:]}?)"
    return message


def _inherited(dockerfile: Dockerfile) -> list[frozenset[str]]:
    """For each stage, the names the stages it is built FROM define (their ENVs and, to be safe,
    their ARGs): a stage's from its parent's, which comes earlier in the file, so a long FROM
    chain costs one pass."""
    inherited: list[frozenset[str]] = []
    for stage in dockerfile.stages:
        if stage.parent is None:
            inherited.append(frozenset())
        else:
            parent = dockerfile.stages[stage.parent]
            inherited.append(inherited[stage.parent] | _defined_in(parent))
    return inherited


def _defined_in(stage: Stage) -> frozenset[str]:
    """The names a stage's own ARG and ENV instructions define."""
    return frozenset(
        pair.key.value
        for instruction in stage.instructions
        if instruction.keyword in ("ARG", "ENV")
        for pair in instruction.pairs
    )


def _environment_known(image: str) -> bool:
    """Whether the image's configured environment is known: ``scratch``, or a plain
    distribution image."""
    return image.lower() == "scratch" or official_name(image) in _PATH_ONLY


def _near_miss(name: str, defined: set[str]) -> str | None:
    """A defined name ``name`` is probably a typo of."""
    candidates = sorted(defined)
    for candidate in candidates:
        if candidate.lower() == name.lower():
            return candidate
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=0.9)
    return found[0] if found else None
