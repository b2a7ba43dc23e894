"""The build arguments a project always passes to a Dockerfile: the ``build.args`` that every
compose service building the file sets. Where every build passes an ARG, its default is never
what a build of the project uses, so the rules that judge a FROM's image (LD614, LD664, LD665)
judge the value passed instead.

A value is unknown (None) when a build takes it from the environment (``args: [NAME]``, or
``NAME:`` with no value), when the service's ``build`` reads a variable ``.env`` does not set
(``cypress/factory:${FACTORY_VERSION}`` with no FACTORY_VERSION), or when the builds pass
different values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lintdock.facts.base_images import PulledBase, pulled_base
from lintdock.facts.images import parse_reference
from lintdock.facts.memo import Fact
from lintdock.model.diagnostic import Severity
from lintdock.model.dockerfile import Dockerfile, Stage
from lintdock.parsers.dockerfile_lex import LexError, lex_word
from lintdock.roles import Role

if TYPE_CHECKING:
    from lintdock.model.compose import Service, Setting
    from lintdock.project import Project


Passed = Mapping[str, "str | None"]
"""ARG name -> the value every build passes (None: passed, value unknown)."""


@dataclass(frozen=True)
class PassedImage:
    """The image a FROM names in the project's builds: ``image`` (None: a passed value is
    unknown) and ``names`` the passed ARGs the FROM reads."""

    image: str | None
    names: tuple[str, ...]

    @property
    def via(self) -> str:
        """For messages: " (build argument X of every compose build)"."""
        plural = "s" if len(self.names) > 1 else ""
        return f" (build argument{plural} {', '.join(self.names)} of every compose build)"


def passed_args(project: Project, dockerfile: Dockerfile) -> Passed:
    """The build arguments every compose build of ``dockerfile`` in ``project`` passes (empty
    when no service builds it)."""
    return _PASSED(project, dockerfile)


def passed_base(project: Project, dockerfile: Dockerfile, stage: Stage) -> PassedImage | None:
    """The image ``stage``'s FROM names when the project's builds pass an ARG it reads; None when
    the FROM reads no passed ARG (its defaults decide) or names an earlier stage."""
    passed = passed_args(project, dockerfile)
    base = stage.base.span
    read = [r.name for r in stage.from_instruction.references if base.cover(r.span) == base]
    names = tuple(dict.fromkeys(name for name in read if name in passed))
    if not names or stage.parent is not None:
        return None
    if any(passed[name] is None for name in names):
        return PassedImage(None, names)
    values = {**_defaults(dockerfile), **{k: v for k, v in passed.items() if v is not None}}
    try:
        image = lex_word(stage.base.value, dockerfile.escape, values).strip()
    except LexError:
        return PassedImage(None, names)
    return PassedImage(image if "$" not in image else None, names)


def built_base(project: Project, dockerfile: Dockerfile, stage: Stage | None) -> PulledBase | None:
    """The external image ``stage`` is built FROM in the project's builds: with the values
    every compose build passes where it passes an ARG the FROM reads (None when one of them
    is unknown, or names an image the repository builds itself), else with the ARG defaults
    (``pulled_base``)."""
    passed = passed_base(project, dockerfile, stage) if stage is not None else None
    if passed is None:
        return pulled_base(dockerfile, stage)
    image = passed.image
    if stage is None or not image or image.lower() == "scratch":
        return None
    if dockerfile.stage_named(image) is not None or _built_here(project, image):
        return None
    return PulledBase(image, parse_reference(image), stage.base, passed.via)


def floating_base_verdict(
    project: Project, image: str, message: str, dockerfile: str
) -> tuple[str, Severity | None]:
    """LD664/LD665's message and severity for a floating base image: the rule's default, or
    information (saying so) where the repository builds the image itself (a compose service or
    Bake target of the repository, a folder named after it that holds its Dockerfile, or a bare
    name no registry serves, ``bats-jenkins``, which a script builds). Its
    ``latest`` is what the repository's own build made last, which matters only when images
    are built apart."""
    source = project.images.source_of(image)
    if source is not None and source.dockerfile == dockerfile:
        return message, None  # a Dockerfile in a folder named after its base: no builder of it
    if source is not None and not source.certain and _example(project, dockerfile):
        return message, None  # copied and built apart from the folder: it pulls the tag
    if source is not None:
        built = source.describe(image)
    elif project.images.built_here(image):
        built = "no registry serves a bare name outside Docker's Official Images"
    else:
        return message, None
    return (
        f"{message}. The repository builds it itself ({built}): its latest is what that build "
        "made last, which matters when images are built apart",
        Severity.INFO,
    )


def _example(project: Project, path: str) -> bool:
    """An example is copied and built apart from the repository's folders (cypress's
    ``examples/``): a folder named after its base does not build it for the user."""
    return project.role(path).role is Role.EXAMPLE


def _built_here(project: Project, image: str) -> bool:
    """Whether the repository itself builds ``image`` (a compose service or Bake target tags
    it): passing the tag of an image built before is no pull."""
    source = project.images.source_of(image)
    return source is not None and source.certain


def _defaults(dockerfile: Dockerfile) -> dict[str, str]:
    """The defaults of the ARGs before the first FROM."""
    return {
        pair.key.value: pair.expanded
        for instruction in dockerfile.preamble
        if instruction.keyword == "ARG"
        for pair in instruction.pairs
        if pair.expanded is not None
    }


def _passed(project: Project, dockerfile: Dockerfile) -> Passed:
    declared = {
        pair.key.value
        for instruction in dockerfile.preamble
        if instruction.keyword == "ARG"
        for pair in instruction.pairs
    }
    builds = project.builds_of(dockerfile)
    if not builds:
        return {}
    each = [_service_args(project, build.service) for build in builds]
    common = set.intersection(*(set(args) for args in each)) & declared
    return {name: _agreed([args[name] for args in each]) for name in sorted(common)}


def _agreed(values: list[str | None]) -> str | None:
    first = values[0]
    return first if all(value == first for value in values) else None


def _service_args(project: Project, service: Service) -> dict[str, str | None]:
    """``build.args`` of ``service`` (map or list form), each value None when unknown."""
    setting = service.setting("build")
    build = setting.value.value if setting is not None else None
    args = build.get("args") if isinstance(build, dict) else None
    pairs: list[tuple[str, object]] = []
    if isinstance(args, dict):
        pairs = [(str(name), value) for name, value in args.items()]
    elif isinstance(args, list):
        items = [arg for arg in args if isinstance(arg, str)]
        pairs = [(name, value if sep else None) for name, sep, value in map(_split, items)]
    reads_unset = setting is not None and _reads_unset(project, setting)
    return {name: _known(value, reads_unset) for name, value in pairs}


def _split(item: str) -> tuple[str, str, str]:
    return item.partition("=")


def _known(value: object, reads_unset: bool) -> str | None:
    """A passed value as text, None when it is unknown: from the environment (no value), or
    read by a ``build`` setting that reads a variable ``.env`` does not set (compose gives the
    variable as empty; which of the values read it is not told, so none of them is known)."""
    if value is None or reads_unset or isinstance(value, (dict, list)):
        return None
    return str(value).lower() if isinstance(value, bool) else str(value)


def _reads_unset(project: Project, setting: Setting) -> bool:
    """Whether a value of the ``build`` setting reads a variable ``.env`` does not set."""
    compose = project.compose
    where = setting.value
    if compose is None:
        return False
    return any(
        path == where.path and where.span.cover(span) == where.span
        for path, span, _names in compose.unset
    )


_PASSED: Fact[Dockerfile, Passed] = Fact("passed build arguments", _passed)
