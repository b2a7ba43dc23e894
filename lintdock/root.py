"""The project root: the directory that SARIF's ``%SRCROOT%``, GitHub annotations and the CI
formats make paths relative to, and the boundary of what a run reads.

It is ``--root`` when given; else the top level of the git repository that holds the linted
path (the nearest directory at or above it with a ``.git`` directory or file, which is what
``git rev-parse --show-toplevel`` answers, without running git); else the current directory
when the path is inside it; else the path's own directory. One function, ``project_root``,
decides it for the whole program: the reports (of the first linted path) and what a run may
read (``lintdock.files.Roots``, of every linted path).
"""

from __future__ import annotations

import os


def project_root(path: str = ".", explicit: str | None = None) -> str:
    """The absolute, symlink-resolved root of a linted ``path`` (see the module docstring)."""
    if explicit is not None:
        return os.path.realpath(explicit)
    where = _folder(path)
    top = git_top_level(where)
    if top is not None:
        return top
    cwd = os.path.realpath(os.getcwd())
    return cwd if relative_to_root(where, cwd) is not None else where


def git_top_level(path: str) -> str | None:
    """The top level of the git work tree holding ``path`` (a file or a directory, existing
    or not), or None when it is in none."""
    directory = _folder(path)
    while True:
        if os.path.exists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


def _folder(path: str) -> str:
    """The real directory ``path`` is or lies in. A file's own name is not resolved: a symlink
    named on the command line belongs where it was named, not where it points."""
    absolute = os.path.abspath(path)
    if os.path.isdir(absolute):
        return os.path.realpath(absolute)
    return os.path.realpath(os.path.dirname(absolute))


def relative_to_root(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators (symlinks resolved, as git and
    GitHub see files), or None when it lies outside."""
    real = os.path.realpath(path)
    relative = os.path.relpath(real, root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def path_from_root(path: str, root: str) -> str:
    """How the CI formats name a file: relative to the root, else absolute."""
    relative = relative_to_root(path, root)
    return relative if relative is not None else os.path.realpath(path).replace(os.sep, "/")
