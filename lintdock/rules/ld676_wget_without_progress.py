"""LD676 wget-without-progress: GNU wget without ``--progress`` or a quiet option writes a line
of dots for every few kilobytes it downloads into the build log. A signature, key or checksum
file (``gosu.asc``, ``SHA256SUMS``) is too small for that to matter."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lintdock.facts.images import (
    ALPINE,
    ALPINE_BASED,
    BUSYBOX,
    NGINX_ALPINE,
    base_family,
    external_base,
    named_alpine,
)
from lintdock.facts.official_images import OFFICIAL_IMAGES, official_name
from lintdock.facts.presence import tool_installs
from lintdock.facts.run_scripts import posix_script
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import SimpleCommand
from lintdock.model.span import Span
from lintdock.project import Project
from lintdock.rules.base import Context

INSTRUCTIONS = ("RUN", "ONBUILD")
_QUIET_LONG = ("progress", "quiet", "no-verbose", "output-file", "append-output", "show-progress")
# Files of a few kilobytes, whose download draws a line of dots or two: signatures, keys,
# certificates and checksums (``gosu.asc``, ``KEYS``, ``SHA256SUMS``, ``node.tgz.sha256``).
_SMALL_FILE = re.compile(
    r"(\.(asc|sig|sign|gpg|pub|key|pem|crt|md5|sha1|sha256|sha512)(sum)?|sums(256)?(\.txt)?|^keys)$"
)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    script = posix_script(context.project, dockerfile, stage, instruction)
    if script is None or stage is None:
        return
    for command in script.runs("wget"):
        if _quiet(command) or _small_download(command):
            continue
        if _busybox_wget(context.project, dockerfile, stage, command):
            continue
        message = (
            "wget without --progress writes its progress as lines of dots into the build log: "
            "add --progress=dot:giga, or -q / -nv"
        )
        yield context.report(message, dockerfile.path, command.argv[0].span)


def _quiet(command: SimpleCommand) -> bool:
    if any(word.value == "-nv" for word in command.args):
        return True
    return command.option("qoa", _QUIET_LONG) is not None


def _small_download(command: SimpleCommand) -> bool:
    """Whether the download is of a small file, by the name of every URL or of the file it
    saves to (``-O``)."""
    output = command.option_value("O", "output-document")
    if output is not None and _small_file(output.value):
        return True
    urls = command.positionals()
    return bool(urls) and all(_small_file(url.value) for url in urls)


def _small_file(path: str) -> bool:
    name = path.partition("?")[0].rstrip("/").rsplit("/", 1)[-1]
    return _SMALL_FILE.search(name.lower()) is not None


def _busybox_wget(
    project: Project, dockerfile: Dockerfile, stage: Stage, wget: SimpleCommand
) -> bool:
    """BusyBox's wget (Alpine, BusyBox images) draws one progress line, and knows no
    ``--progress``; unless GNU wget is installed before this ``wget`` runs, or may be: an
    earlier command of the stage is given the word ``wget`` (an install wrapper such as
    ``apk-install wget``)."""
    if not _alpine(dockerfile, stage):
        return False
    before = _start(wget.span)
    installed = any(
        install.tool == "wget" and _start(install.package.span) < before
        for ancestor in dockerfile.lineage(stage)
        for install in tool_installs(project, dockerfile, ancestor)
    )
    return not installed and not _named_before(project, dockerfile, stage, before)


def _alpine(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the stage's wget is BusyBox's: its base is Alpine or BusyBox, or built on Alpine
    as an Official Image's ``alpine`` tag (``rabbitmq:4-alpine``) or an image named for it
    (``easypi/alpine-arm``) says; another publisher's ``alpine`` tag may have added GNU wget.
    ``--progress`` advice to BusyBox's wget breaks the build."""
    family = base_family(dockerfile, stage).name
    if family in (ALPINE.name, NGINX_ALPINE.name, BUSYBOX.name):
        return True
    image = external_base(dockerfile, stage).base_image
    official = official_name(image) in OFFICIAL_IMAGES
    return family == ALPINE_BASED.name and (official or named_alpine(image))


def _named_before(
    project: Project, dockerfile: Dockerfile, stage: Stage, before: tuple[int, int]
) -> bool:
    for ancestor in dockerfile.lineage(stage):
        for instruction in ancestor.instructions:
            script = posix_script(project, dockerfile, ancestor, instruction)
            for command in script.commands if script is not None else ():
                if _start(command.span) < before and any(
                    word.value == "wget" for word in command.args
                ):
                    return True
    return False


def _start(span: Span) -> tuple[int, int]:
    return span.line, span.column
