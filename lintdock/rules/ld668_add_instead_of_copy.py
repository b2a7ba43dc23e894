"""LD668 add-instead-of-copy: ADD of local files or folders, which COPY copies the same way
without ADD's surprises (a tar archive is unpacked, a URL is downloaded). ADD of a local tar
archive (unpacked on purpose), a URL or a git repository is left alone; a zip file is not
unpacked by ADD, so it is reported."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.copies import local_archive
from lintdock.model.diagnostic import Diagnostic, Edit, Fix
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.rules.base import Context

INSTRUCTIONS = ("ADD",)
_REMOTE = ("http://", "https://", "git@", "git://", "ssh://")
_ADD_ONLY_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    sources = instruction.words[:-1]
    if not sources or instruction.heredocs:
        return
    if any(_needs_add(source.value) for source in sources):
        return
    if any(flag.name in _ADD_ONLY_FLAGS for flag in instruction.flags):
        return
    keyword = "copy" if instruction.keyword_text.islower() else "COPY"
    fix = Fix("replace ADD with COPY", (Edit(instruction.keyword_span, keyword),), safe=False)
    message = (
        "ADD of local files: COPY copies them the same way, without ADD's unpacking of archives "
        "and downloading of URLs"
    )
    yield context.report(message, dockerfile.path, instruction.keyword_span, fix=fix)


def _needs_add(source: str) -> bool:
    """A source only ADD handles: a URL, a git repository, a tar archive it unpacks, or one
    behind a variable (unknown)."""
    return "$" in source or source.startswith(_REMOTE) or local_archive(source)
