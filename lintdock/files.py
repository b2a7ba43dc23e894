"""The one way lintdock reads a file: bounded, non-blocking, inside the project.

API (every reader in the code base goes through these):

``read_text(path, kind, roots=None) -> str``
    A file's text as parsers see it (UTF-8, a byte order mark dropped, line endings kept).
    Only a regular file is read: it is opened without blocking (a FIFO cannot hang the run)
    and checked with ``fstat`` on the open descriptor (no race between a check and the open);
    devices, FIFOs, sockets, directories and anything under ``/proc``, ``/sys`` or ``/dev`` are
    refused. At most ``LIMITS[kind]`` bytes are read. With ``roots``, a file whose real path
    (symlinks resolved) is outside them is not opened, and the real path found inside is
    opened with ``O_NOFOLLOW`` (where the platform has it), so a symlink swapped in after the
    check is not followed. Raises ``FileProblem``.
``read_bytes(path, kind, roots=None, prefix=None) -> bytes``
    The same checks, the raw bytes (only the first ``prefix`` bytes, whatever the file's size).
``FileProblem``
    Why a file was not read, worded for the user (LD005 reports it): ``NotReadable`` (and its
    ``Missing``: nothing there, a dangling symbolic link included), ``TooLarge``,
    ``OutsideRoot``.
``Roots``
    The directories a run may read below: the project root of each linted path
    (``lintdock.root.project_root``) and the ones configuration allows.
``problem(path, roots)`` / ``in_memory_problem(path)``
    Why a reference to a file or directory will not be followed, without reading it.
"""

from __future__ import annotations

import enum
import errno
import os
import posixpath
import stat
from collections.abc import Iterable
from dataclasses import dataclass

BOM = "\ufeff"
MB = 1 << 20


class FileKind(enum.Enum):
    """What a file is read as; each kind has its own size limit."""

    DOCKERFILE = "Dockerfiles"
    COMPOSE = "compose files"
    ENV = "env files"
    SCRIPT = "scripts"
    CONFIG = "config files"
    IGNORE = "ignore files"


LIMITS: dict[FileKind, int] = {
    FileKind.DOCKERFILE: 1 * MB,
    FileKind.COMPOSE: 1 * MB,
    FileKind.ENV: 4 * MB,
    FileKind.SCRIPT: 1 * MB,
    FileKind.CONFIG: 1 * MB,
    FileKind.IGNORE: 1 * MB,
}
"""The largest file of each kind lintdock reads: ten times the largest real ones (a few tens of
KB), and small enough that the worst file under the limit is linted in seconds (about 4,000
compose services or 40,000 Dockerfile lines a second, benchmarks/README.md)."""

SYSTEM_TREES = ("/proc", "/sys", "/dev")
"""Pseudo file systems: their "regular" files block, never end, or describe the host."""

NOT_UTF8 = "not UTF-8 text"
ALLOW = "; list its folder in read-outside-root to allow it"


class FileProblem(Exception):
    """A file lintdock did not read; ``reason`` is worded for the user, ``code`` reports it."""

    code = "LD005"  # file-not-read

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class NotReadable(FileProblem):
    """Missing, not permitted, not a regular file, binary or not UTF-8."""


class Missing(NotReadable):
    """Nothing to read at the path: no such file, or a symbolic link to one (``.env`` linked to
    a configuration a setup script writes). A missing file is Compose's to report, not a file
    lintdock failed to read."""


class NotText(NotReadable):
    """Binary or not UTF-8; ``line`` and ``column`` (1-based, in characters) place the first
    byte that is not text."""

    def __init__(self, reason: str, data: bytes, offset: int) -> None:
        super().__init__(reason)
        line_start = data.rfind(b"\n", 0, offset) + 1
        self.line = data.count(b"\n", 0, offset) + 1
        self.column = len(data[line_start:offset].decode("utf-8", "replace")) + 1


class TooLarge(FileProblem):
    """Over the size limit of its kind."""

    def __init__(self, kind: FileKind, size: int | None = None) -> None:
        limit = LIMITS[kind]
        size_text = f"{_megabytes(size)}, " if size is not None else ""
        limit_text = f"over the {_megabytes(limit)} limit for {kind.value}"
        super().__init__(f"too large ({size_text}{limit_text})")
        self.kind = kind


class OutsideRoot(FileProblem):
    """Outside every root of the run."""


def _megabytes(size: int) -> str:
    return f"{size / MB:.1f} MB" if size >= MB else f"{size} bytes"


@dataclass(frozen=True)
class Roots:
    """Real paths of the directories a run may read below; empty: anywhere."""

    real: tuple[str, ...] = ()

    @classmethod
    def of(cls, directories: Iterable[str]) -> Roots:
        real = {os.path.realpath(directory) for directory in directories}
        return cls(tuple(sorted(real)))

    def check(self, path: str) -> str:
        """``path`` with symlinks resolved; OutsideRoot when that is outside every root."""
        real = os.path.realpath(path)
        if self.real and not any(_inside(real, root) for root in self.real):
            via = "" if real == os.path.abspath(path) else f" (it resolves to {real})"
            raise OutsideRoot(f"outside the project root{via}{ALLOW}")
        return real


def _inside(real_path: str, real_root: str) -> bool:
    return real_path == real_root or real_path.startswith(real_root.rstrip(os.sep) + os.sep)


def kind_for_name(path: str) -> FileKind:
    """The kind (and so the size limit) of a file, by its name: a Dockerfile or compose name,
    an env file, else a script."""
    from lintdock.discovery import ENV_FILE, Kind, kind_from_name

    name = os.path.basename(path)
    if name == ENV_FILE or name.endswith(".env"):
        return FileKind.ENV
    kind = kind_from_name(path)
    if kind is Kind.COMPOSE or name.endswith((".yaml", ".yml")):
        return FileKind.COMPOSE
    if kind is Kind.DOCKERFILE:
        return FileKind.DOCKERFILE
    return FileKind.SCRIPT


def _in_system_tree(real_path: str) -> bool:
    return any(_inside(real_path, tree) for tree in SYSTEM_TREES)


_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_OPEN_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)
"""Inside roots, the real path is opened without following a final symlink: one swapped in
after the containment check fails to open instead of leading out of the project."""
SWAPPED = "it became a symbolic link after it was checked"


def check(path: str, kind: FileKind, roots: Roots | None = None) -> None:
    """Raise the FileProblem reading ``path`` would meet, without opening it (for reporting:
    ``read_bytes`` checks again on the open file)."""
    _check_path(path, roots)
    try:
        status = os.stat(path)
    except OSError as error:
        raise _unreadable(path, error) from None
    _check_status(status, kind)


def _unreadable(path: str, error: OSError) -> NotReadable:
    """The problem an ``OSError`` on ``path`` means: ``Missing`` when nothing is there."""
    reason = error.strerror or str(error)
    if error.errno not in (errno.ENOENT, errno.ENOTDIR):
        return NotReadable(reason)
    try:
        target = os.readlink(path)
    except OSError:
        return Missing(reason)  # not a symbolic link (or no longer one)
    return Missing(f"a symbolic link to {target}, which does not exist")


def problem(path: str, roots: Roots | None = None) -> FileProblem | None:
    """Why a reference to ``path`` will not be followed: a file that cannot be read (its kind
    by its name), or a directory outside the roots; None when it will."""
    try:
        if os.path.isdir(path):
            _check_path(path, roots)
        else:
            check(path, kind_for_name(path), roots)
    except FileProblem as found:
        return found
    return None


def in_memory_problem(path: str) -> FileProblem | None:
    """``problem`` for an in-memory project rooted at ``.``: a path that leaves it."""
    normal = posixpath.normpath(path)
    if posixpath.isabs(normal) or normal == ".." or normal.startswith("../"):
        return OutsideRoot(f"outside the project root{ALLOW}")
    return None


def _check_path(path: str, roots: Roots | None) -> str:
    """The path to open: with ``roots``, the real path found inside them (symlinks are
    resolved once, for both checks)."""
    real = roots.check(path) if roots is not None else os.path.realpath(path)
    if _in_system_tree(real):
        raise NotReadable("a system file (under /proc, /sys or /dev)")
    return real if roots is not None else path


def _check_status(status: os.stat_result, kind: FileKind, sized: bool = True) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise NotReadable(f"not a regular file ({_file_type(status.st_mode)})")
    if sized and status.st_size > LIMITS[kind]:
        raise TooLarge(kind, status.st_size)


def read_bytes(
    path: str, kind: FileKind, roots: Roots | None = None, prefix: int | None = None
) -> bytes:
    """A regular file's bytes, at most its kind's limit, or only its first ``prefix`` bytes
    (see the module docstring)."""
    target = _check_path(path, roots)
    try:
        descriptor = os.open(target, _OPEN_FLAGS | (_NO_FOLLOW if roots is not None else 0))
    except OSError as error:
        if error.errno == errno.ELOOP and os.path.exists(target):  # not a link loop
            raise NotReadable(SWAPPED) from None
        raise _unreadable(path, error) from None
    try:
        if prefix is not None:
            _check_status(os.fstat(descriptor), kind, sized=False)
            return os.read(descriptor, prefix)
        return _read_regular(descriptor, kind)
    except OSError as error:
        raise NotReadable(error.strerror or str(error)) from None
    finally:
        os.close(descriptor)


def _read_regular(descriptor: int, kind: FileKind) -> bytes:
    _check_status(os.fstat(descriptor), kind)
    limit = LIMITS[kind]
    chunks = []
    left = limit + 1  # one byte more tells a file that grew past the limit
    while left > 0:
        chunk = os.read(descriptor, min(left, MB))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    if left <= 0:
        raise TooLarge(kind)
    return b"".join(chunks)


def _file_type(mode: int) -> str:
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    ):
        if test(mode):
            return name
    return "a special file"


def decode(data: bytes) -> str:
    """UTF-8 text without a byte order mark, line endings as written; NotText for binary or
    badly encoded data."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        reason = f"{NOT_UTF8} ({error.reason} at byte {error.start})"
        raise NotText(reason, data, error.start) from None
    if "\0" in text:
        raise NotText("a binary file (it contains NUL bytes)", data, data.index(b"\0"))
    return text.removeprefix(BOM)


def read_text(path: str, kind: FileKind, roots: Roots | None = None) -> str:
    """A regular file's text as parsers see it (see the module docstring)."""
    return decode(read_bytes(path, kind, roots))
