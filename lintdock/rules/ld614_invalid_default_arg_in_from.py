"""LD614 invalid-default-arg-in-from: with the defaults of the ARGs before the first FROM, a
FROM's image is empty or not an image reference, so a build without ``--build-arg`` fails.
Where every compose build of the file passes an ARG the FROM reads (``build.args``), the
default is never used: the rule leaves the FROM to the value passed. An ARG declared with no
default at all is a file written to be built with it (a pipeline, a harness, a documented
command passes it): information."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.build_args import PassedImage, passed_base
from lintdock.facts.instructions import global_args
from lintdock.facts.trial_images import trial_image
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.span import Span
from lintdock.rules.base import Context
from lintdock.vocabulary import PLATFORM_ARGS

INSTRUCTIONS = ("FROM",)

# An image reference as Docker parses one: [domain[:port]/]path[:tag][@digest], the path in
# lower case.
_COMPONENT = r"[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
_DOMAIN = (
    rf"(?:(?:{_LABEL}(?:\.{_LABEL})+|localhost|\[[0-9A-Fa-f:]+\])(?::[0-9]+)?|{_LABEL}:[0-9]+)"
)
"""A registry: a name with a dot, ``localhost``, an IPv6 address, or any name with a port, as
Docker tells one from the first component of a repository path (``MyOrg/app`` is a path)."""
_REFERENCE = re.compile(
    rf"(?:{_DOMAIN}/)?{_COMPONENT}(?:/{_COMPONENT})*(?::[\w][\w.-]{{0,127}})?"
    r"(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?"
)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    if stage is None:
        return
    base = stage.base
    used = [r for r in instruction.references if base.span.cover(r.span) == base.span]
    declared = set(global_args(dockerfile))
    if not used or any(r.name not in declared or r.name in PLATFORM_ARGS for r in used):
        return  # nothing to expand, or LD613's finding, or a platform the build supplies
    passed = passed_base(context.project, dockerfile, stage)
    if passed is not None:
        yield from _check_passed(context, dockerfile, passed, base.value, base.span)
        return
    image = stage.base_image
    if "$" in image:
        return  # a default BuildKit cannot expand (a template's placeholder): the build says why
    if image and (dockerfile.stage_named(image) is not None or valid_reference(image)):
        return
    names = tuple(dict.fromkeys(r.name for r in used))
    if _without_defaults(dockerfile, names) and not context.project.builds_of(dockerfile):
        yield _required(context, dockerfile, stage, names)
        return
    outcome = "empty" if not image else f"'{image}', which is not an image reference"
    message = (
        f"With the defaults of ARG {', '.join(names)}, FROM {base.value} is {outcome}: a build "
        "without --build-arg fails; give the ARG a default that names an image"
    )
    yield context.report(message, dockerfile.path, base.span)


def _without_defaults(dockerfile: Dockerfile, names: tuple[str, ...]) -> bool:
    """Whether every ARG of ``names`` is declared before the first FROM with no default at all
    (``ARG BASE_IMAGE``): a file written to be built with the argument, not a default gone
    wrong."""
    defaults = {
        pair.key.value
        for arg in dockerfile.preamble
        if arg.keyword == "ARG"
        for pair in arg.pairs
        if pair.value is not None
    }
    return not defaults.intersection(names)


def _required(
    context: Context, dockerfile: Dockerfile, stage: Stage, names: tuple[str, ...]
) -> Diagnostic:
    """Information: the file is meant to be built with the argument (its pipeline, harness or
    documented command passes it); a plain ``docker build`` of it fails."""
    base, first = stage.base.value, names[0]
    if len(names) == 1:
        needs = f"ARG {first} has no default, so FROM {base} needs --build-arg {first}=<image>"
        fix = "Give it a default that names an image"
    else:
        needs = f"ARGs {', '.join(names)} have no default, so FROM {base} needs each passed"
        fix = "Give them defaults that name an image"
    message = f"{needs}: a plain build fails. {fix} if plain builds should work"
    trial = trial_image(context.project, dockerfile, stage)
    if trial is not None and not trial.example:
        message += f" ({trial.reason}: its harness passes the argument)"
    return context.report(message, dockerfile.path, stage.base.span, Severity.INFO)


def _check_passed(
    context: Context, dockerfile: Dockerfile, passed: PassedImage, written: str, span: Span
) -> Iterator[Diagnostic]:
    """Every compose build passes an ARG the FROM reads: judge the image it makes (unknown,
    read from the environment: nothing to say)."""
    image = passed.image
    if image is None or dockerfile.stage_named(image) is not None or valid_reference(image):
        return
    outcome = "empty" if not image else f"'{image}', which is not an image reference"
    message = f"FROM {written}{passed.via} is {outcome}: the project's builds fail"
    yield context.report(message, dockerfile.path, span)


def valid_reference(image: str) -> bool:
    """Whether ``image`` parses as an image reference (a repository in lower case, an optional
    registry, tag and digest)."""
    return len(image.split("@")[0].split(":")[0]) <= 255 and _REFERENCE.fullmatch(image) is not None
