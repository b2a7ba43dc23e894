"""LD682 pipe-without-pipefail: a RUN pipes one command into another in a shell without
``pipefail``, so the step succeeds when the first command fails (``curl … | tar x`` with the
download failing). Only shells that have the option are asked for it: bash, zsh, ksh and
BusyBox ash (Alpine's ``/bin/sh``); Debian's ``/bin/sh`` is dash, which has none, so there the
advice is bash. A pipe whose status cannot reach the RUN's is left alone: in an ``if`` or
``while`` condition, or in a substitution in another command's words (``cp a "$(ls | sed …)"``;
``x=$(curl … | tar …)`` counts: the assignment's status is the substitution's), and so is a pipe
that ends in a check of what it reads (``php -m | grep -q ext``, ``… | sha256sum -c -``), which
fails on the nothing a failed command writes, or in an unpacker that fails on an empty,
truncated or wrong input (``curl … | tar -xz``, ``wget -qO- key | apt-key add -``). A
pipeline from a local query with no realistic failure (``arch | sed``, the official images'
``scanelf --needed … | tr | sort`` and ``ldd … | awk | … | xargs apt-mark manual`` run-time
dependency scans) is left alone too."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from itertools import pairwise

from lintdock.facts.run_scripts import posix_script
from lintdock.facts.stage_shell import has_shell, shell_of
from lintdock.facts.system_shell import system_shell
from lintdock.model.diagnostic import Diagnostic
from lintdock.model.dockerfile import Dockerfile, Instruction, Stage
from lintdock.model.shell import ShellScript, SimpleCommand, Word, sets_shell_option
from lintdock.rules.base import Context
from lintdock.vocabulary import SHELL_PROGRAMS

INSTRUCTIONS = ("RUN", "ONBUILD")
PIPES = ("|", "|&")
# grep options under which it checks nothing of the pipe: -r reads files, -L lists files.
_GREP_NO_CHECK = ("recursive", "dereference-recursive", "files-without-match")
PIPEFAIL_SHELLS = frozenset({"bash", "zsh", "ksh", "mksh", "ash", "busybox"})
# Commands that cannot fail in a way the pipe's status would hide.
_CANNOT_FAIL = frozenset({"echo", "printf", "yes", "true"})
# Queries of the machine or of local files with no realistic failure, or whose failing status is
# routine: ``arch``, ``uname``, ``nproc`` read the kernel; ``scanelf`` (in Alpine's base image)
# exits 0 past what it cannot read; ``ldd`` exits 1 for any file that is not dynamic while it
# lists the others, so pipefail would fail the official images' run-time dependency scans
# (``ldd *.so | awk … | xargs apt-mark manual``) that work as written.
_LOCAL_QUERIES = frozenset({"arch", "uname", "nproc", "scanelf", "ldd"})
_SCAN_FILTERS = frozenset(
    {"tr", "sort", "uniq", "awk", "gawk", "sed", "cut", "grep", "head", "tail"}
)
"""What the dependency scans pipe a local query into: text filters with nothing to fail on."""
_SCAN_XARGS = frozenset({"dpkg-query", "apt-mark", "echo", "printf", "basename", "dirname"})
"""What those scans hand their list to through ``xargs`` (``xargs -r dpkg-query --search``;
Alpine's take ``xargs -r apk info --installed``)."""
_DECOMPRESSORS = frozenset(
    {"gunzip", "zcat", "unxz", "xzcat", "bunzip2", "bzcat", "unzstd", "zstdcat", "unlzma"}
)
_COMPRESSORS = frozenset({"gzip", "xz", "bzip2", "zstd", "lzma"})
_TAR_COMPRESSIONS = frozenset(
    {"gzip", "gunzip", "ungzip", "xz", "bzip2", "zstd", "lzma", "lzip", "lzop", "compress"}
)
# Checksum programs whose -c reads a list of sums and fails when it holds none.
_CHECKSUMS = frozenset(
    {"md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "b2sum"}
)


def check_instruction(
    context: Context, dockerfile: Dockerfile, stage: Stage | None, instruction: Instruction
) -> Iterator[Diagnostic]:
    project = context.project
    script = posix_script(project, dockerfile, stage, instruction)
    if script is None or stage is None or has_shell(project, dockerfile, stage) is False:
        return
    shell_has_it = _shell_pipefail(dockerfile, stage)
    protected: set[int] = set()  # the shells (by id; None: the RUN's own) that ran set -o pipefail
    scans = _local_scans(script)
    for command in script.commands:
        if command.program == "set" and sets_shell_option(command.args, "pipefail"):
            protected.add(id(_shell_of(command)))
        if command.operator not in PIPES or _cannot_fail(command) or id(command) in scans:
            continue
        if _ends_in_check(script, command):
            continue
        if command.in_condition:
            continue  # ``if a | grep -q x``: the condition tests the status on purpose
        if not _status_counts(script, command):
            continue
        if _pipefail_on(command, protected, shell_has_it):
            continue
        following = script.next(command)
        span = command.span if following is None else command.span.cover(following.span)
        reader = following.program if following is not None else "the next command"
        message = (
            f"RUN pipes {command.program} into {reader} without pipefail: the step succeeds even "
            f"when {command.program} fails; {_advice(dockerfile, stage)}"
        )
        yield context.report(message, dockerfile.path, span)
        return  # one finding per RUN: the advice is the same for every pipe


def _cannot_fail(command: SimpleCommand) -> bool:
    """A writer whose status pipefail would add nothing to: an echo, a local query
    (``_LOCAL_QUERIES``), ``dpkg --print-architecture``."""
    if command.program in _CANNOT_FAIL or command.program in _LOCAL_QUERIES:
        return True
    if command.program == "find":
        return _finds_for_a_query(command)
    return command.program == "dpkg" and command.option(long="print-architecture") is not None


def _finds_for_a_query(command: SimpleCommand) -> bool:
    """``find … -exec ldd '{}' ';'``: a find that hands what it finds to a local query (ruby's
    and rabbitmq's run-time dependency scans), which is then the pipe's writer."""
    words = [word.value for word in command.args]
    return any(
        flag in ("-exec", "-execdir") and posixpath.basename(program) in _LOCAL_QUERIES
        for flag, program in pairwise(words)
    )


def _local_scans(script: ShellScript) -> set[int]:
    """The commands (by id) of pipelines that start with a local query, or a writer that cannot
    fail (``echo "$LIST" | tr ' ' '\\n' | while read p``), and go on through text filters only
    (``scanelf --needed … | tr | sort -u | awk …``, ``ldd … | awk | sort -u |
    xargs -r dpkg-query --search | cut``):
    the official images' run-time dependency scans, written without pipefail on purpose (ldd
    and ``dpkg-query --search`` exit non-zero for what they skip), whose filters have nothing
    to fail on."""
    reached: set[int] = set()
    scans: set[int] = set()
    for command in script.commands:
        if id(command) in reached or command.operator not in PIPES:
            continue
        pipeline = [command]
        while pipeline[-1].operator in PIPES and (following := script.next(pipeline[-1])):
            pipeline.append(following)
        reached.update(id(member) for member in pipeline)
        local_query = _cannot_fail(command)
        # the last member's status is the pipeline's: only those between can hide a failure
        if local_query and all(_scan_filter(member) for member in pipeline[1:-1]):
            scans.update(id(member) for member in pipeline)
    return scans


def _scan_filter(command: SimpleCommand) -> bool:
    """A text filter, or ``xargs`` handing the list to a query (not ``make``, ``curl``, ``tee``)."""
    if command.program == "xargs":
        words = [word.value for word in command.args]
        apk_info = any(a == "apk" and b == "info" for a, b in pairwise(words))
        return apk_info or any(word in _SCAN_XARGS for word in words)
    return command.program in _SCAN_FILTERS


def _status_counts(script: ShellScript, command: SimpleCommand) -> bool:
    """Whether the RUN's exit status can depend on ``command``'s: a substitution's status is lost
    in the command whose words hold it, unless that is a bare assignment (``x=$(a | b)``)."""
    while command.in_substitution:
        holder = script.holder(command)
        if holder is None or holder.argv:
            return False
        command = holder
    return True


def _ends_in_check(script: ShellScript, command: SimpleCommand) -> bool:
    """Whether the pipe ``command`` writes into ends in a check of what it reads, which fails on
    empty input: ``grep`` (nothing matched) or a checksum check (``sha256sum -c``: no sums). A
    command before it that fails writes nothing, so the check, and the pipe, fail with it."""
    last: SimpleCommand | None = command
    while last is not None and last.operator in PIPES:
        last = script.next(last)
    if last is None:
        return False
    if _unpacks(last):
        return True
    if last.program == "grep" and last.option("rRL", _GREP_NO_CHECK) is None:
        inverted = last.option("v", "invert-match") is not None
        if inverted and not _inverted_check(script, command, last):
            return False
        files = last.positionals()
        read = files if last.option("ef", ("regexp", "file")) is not None else files[1:]
    elif last.program in _CHECKSUMS and last.option("c", "check") is not None:
        read = last.positionals()
    else:
        return False
    return all(word.value == "-" for word in read)


def _inverted_check(script: ShellScript, command: SimpleCommand, grep: SimpleCommand) -> bool:
    """Whether the ``grep -v`` that ends the pipe from ``command`` checks rather than filters:
    with ``-q`` it only answers whether some other line came (none does when the writer fails),
    unless a ``|&`` sends the writer's error messages down the pipe. Without ``-q`` it passes a
    failing command's output on (``sdkmanager … | grep -v '\\[='``), and succeeds with it."""
    quiet = grep.option("q", ("quiet", "silent")) is not None
    return quiet and not _stderr_piped(script, command)


def _stderr_piped(script: ShellScript, command: SimpleCommand) -> bool:
    """Whether a ``|&`` joins the pipe from ``command`` on (the error messages go down it)."""
    current: SimpleCommand | None = command
    while current is not None and current.operator in PIPES:
        if current.operator == "|&":
            return True
        current = script.next(current)
    return False


def _unpacks(reader: SimpleCommand) -> bool:
    """Whether ``reader`` unpacks what it reads in a format that ends in a check: a
    decompressor, ``tar`` extracting a compressed stream, ``gpg --import``, ``apt-key add -``.
    Empty input, a truncated download and an error page all fail it: gzip, xz, bzip2 and zstd
    streams end in a length and checksum, and a key must parse whole."""
    program = reader.program
    if program in _DECOMPRESSORS:
        return True
    if program in _COMPRESSORS:
        return reader.option("d", "decompress") is not None
    if program == "tar":
        return _tar_unpacks_the_pipe(reader)
    if program == "apt-key":
        return [w.value for w in reader.args] == ["add", "-"]
    if program in ("gpg", "gpg2"):
        return reader.option(long="import") is not None and not reader.positionals()
    return False


def _tar_unpacks_the_pipe(tar: SimpleCommand) -> bool:
    """``tar -xz``, ``tar xJf -``, ``tar --extract --gzip``: extracts a compressed archive read
    from the pipe (no ``-f``, or ``-f -``). GNU tar fails on an empty archive too, but an
    uncompressed one cut off between two members is not noticed, so only compressed ones
    count."""
    letters = _tar_letters(tar)
    longs = {w.value[2:].partition("=")[0] for w in tar.args if w.value.startswith("--")}
    extracts = "x" in letters or bool(longs & {"extract", "get"})
    compressed = bool(set(letters) & set("zjJZ")) or bool(longs & _TAR_COMPRESSIONS)
    reads_file = "f" in letters or "file" in longs
    from_pipe = not reads_file or any(w.value in ("-", "--file=-") for w in tar.args)
    return extracts and compressed and from_pipe


def _tar_letters(tar: SimpleCommand) -> str:
    """The one-letter options of a ``tar``: its first word without a dash (``xzf``, the old
    style) and every ``-xzf`` cluster."""
    words = [w.value for w in tar.args]
    letters = words[0] if words and not words[0].startswith("-") else ""
    return letters + "".join(w[1:] for w in words if w.startswith("-") and w[1:2] != "-")


def _shell_of(command: SimpleCommand) -> SimpleCommand | None:
    """The shell command whose string ``command`` is in (None: the RUN's own shell); ``eval``
    runs in the shell around it."""
    host = command.host
    while host is not None and host.program not in SHELL_PROGRAMS:
        host = host.host
    return host


def _pipefail_on(command: SimpleCommand, protected: set[int], shell_has_it: bool) -> bool:
    """Whether the shell running ``command`` has pipefail: a ``set -o pipefail`` ran in it
    before, the shell that runs its string was started with it (``bash -o pipefail -c``), or,
    for the RUN's own shell, the SHELL sets it."""
    host = _shell_of(command)
    if id(host) in protected:
        return True
    return shell_has_it if host is None else sets_shell_option(host.args, "pipefail")


def _shell_pipefail(dockerfile: Dockerfile, stage: Stage) -> bool:
    """Whether the SHELL in effect sets pipefail in a shell that has it (``sh`` counts on
    Alpine and BusyBox, where it is ash)."""
    found = dockerfile.inherited(stage, "SHELL")
    if found is None or found[1].command is None or not found[1].command.exec_form:
        return False
    words = found[1].command.exec_form
    program = words[0].value.rsplit("/", 1)[-1]
    if program == "sh" and system_shell(dockerfile, stage) == "ash":
        program = "ash"
    shell_words = tuple(Word(t.value, t.value, t.span) for t in words[1:])
    return program in PIPEFAIL_SHELLS and sets_shell_option(shell_words, "pipefail")


def _advice(dockerfile: Dockerfile, stage: Stage) -> str:
    system = system_shell(dockerfile, stage)
    shell = shell_of(dockerfile, stage).rsplit("/", 1)[-1]
    if shell in PIPEFAIL_SHELLS - {"busybox"}:
        return (
            f"add -o pipefail to the SHELL ({shell} has it), or start the RUN with set -o pipefail"
        )
    if system == "ash":
        return (
            "start the RUN with set -o pipefail (BusyBox ash has it), or write "
            'SHELL ["/bin/ash", "-eo", "pipefail", "-c"]'
        )
    if system == "dash":
        return (
            "/bin/sh is dash here, which has no pipefail: write "
            'SHELL ["/bin/bash", "-eo", "pipefail", "-c"] before the RUN'
        )
    return (
        'write SHELL ["/bin/bash", "-eo", "pipefail", "-c"] when the image has bash, or start '
        "the RUN with set -o pipefail where /bin/sh has it (BusyBox ash does, dash does not)"
    )
