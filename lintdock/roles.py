"""The role of a file: what it is for, so that rules that matter only for what runs in
production (a restart policy, curl kept in the image, restart-on-unhealthy) keep quiet about a
test harness, a development environment, an example, an archive kept as a record, or an image
meant to be built upon.

Inferred from the path, then the content (docs/project-model.md says how); configuration
(``[tool.lintdock] roles``, a table of glob -> role) overrides the inference.
"""

from __future__ import annotations

import enum
import itertools
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

from lintdock.discovery import folders_from
from lintdock.parsers.sniff import DECLARATIONS, PLACEHOLDER, SYNOPSIS_INSTRUCTIONS


class Role(str, enum.Enum):
    """What a file is for."""

    PRODUCTION = "production"
    TEST = "test"
    DEVELOPMENT = "development"
    EXAMPLE = "example"
    BASE_IMAGE = "base-image"
    IMAGE_SOURCE = "image-source"
    JOB = "job"
    ARCHIVE = "archive"


ROLE_NAMES = tuple(role.value for role in Role)
TRIAL_ROLES = frozenset({Role.TEST, Role.DEVELOPMENT, Role.EXAMPLE, Role.ARCHIVE})
"""Files that are run to try something, not to serve anyone, or kept as a record and not run
again: a failed start there costs a run at most."""


@dataclass(frozen=True)
class FileRole:
    """A file's role and why lintdock thinks so (``configured`` when a setting says it)."""

    role: Role
    reason: str

    @property
    def production(self) -> bool:
        return self.role is Role.PRODUCTION

    @property
    def archived(self) -> bool:
        """Kept as a record, not built or run again: what is said of it is information."""
        return self.role is Role.ARCHIVE

    def __str__(self) -> str:
        return f"{self.role.value} ({self.reason})"


PRODUCTION = FileRole(Role.PRODUCTION, "nothing says otherwise")

OFFICIAL_IMAGE_MARKER = "generate-stackbrew-library.sh"
"""The script every Docker Official Image repository keeps at its root: it writes the library
file that publishes the repository's Dockerfiles as the Official Image."""

_FOLDERS: tuple[tuple[Role, frozenset[str]], ...] = (
    (
        Role.TEST,
        frozenset(
            [
                "test",
                "tests",
                "testing",
                "e2e",
                "integration",
                "integration-tests",
                "it",
                "spec",
                "__tests__",
                ".github",
                ".gitlab",
                ".circleci",
                ".buildkite",
                "ci",
                ".ci",
                ".woodpecker",
                ".drone",
            ]
        ),
    ),
    (Role.DEVELOPMENT, frozenset([".devcontainer", "devcontainer", ".devenv", "devenv"])),
    (
        Role.EXAMPLE,
        frozenset(
            [
                "example",
                "examples",
                "sample",
                "samples",
                "demo",
                "demos",
                "lab",
                "labs",
                "tutorial",
                "tutorials",
                "workshop",
                "workshops",
                "docs",
                "doc",
                "quickstart",
                "quickstarts",
                "playground",
                "exercises",
            ]
        ),
    ),
    (
        Role.ARCHIVE,
        frozenset(["archive", "archives", "archived", "attic", "obsolete", "deprecated", "old"]),
    ),
)
_EXAMPLE_WORDS = frozenset(
    ["example", "examples", "sample", "samples", "demo", "demos", "tutorial", "tutorials"]
)
"""Words that make any folder an example's (``demo-setups/``, ``devcontainer-example/``): unlike
``dev`` or ``test``, they are never part of the name of what a project deploys."""
_ARCHIVE_WORDS = frozenset(["unsupported", "deprecated", "obsolete", "archived", "retired", "eol"])
"""Words that make any folder an archive's (``unsupported_images/``, ``deprecated-versions/``,
``eol-releases/``): what is in it is kept as a record, not built again."""
_NAME_WORDS: tuple[tuple[Role, frozenset[str]], ...] = (
    (Role.TEST, frozenset(["test", "tests", "testing", "ci", "e2e", "integration", "sut"])),
    (
        Role.DEVELOPMENT,
        frozenset(["dev", "devel", "development", "local", "debug", "devcontainer"]),
    ),
    (Role.EXAMPLE, _EXAMPLE_WORDS),
)
_WORD = re.compile(r"[a-z0-9]+")
_VULNERABILITY_ID = re.compile(r"(cve|cnvd|ghsa)-\d{4}-[\w-]+")
"""A folder named after a vulnerability (``CVE-2017-5223``): an environment that reproduces it."""
_DAY = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d(?:-\d{1,3})?")
"""A folder named after the day it was made (``2020-02-14-1/``, a one-off patch): a record.
A version that is a timestamp (minio's ``2023-02-27T18-10-45Z``) is not one."""


def role_by_path(path: str) -> FileRole | None:
    """The role a path gives a file (``tests/``, ``.devcontainer/``, ``examples/`` folders;
    ``docker-compose.test.yml``, ``compose.dev.yaml`` names), or None."""
    folders = [f.lower() for f in posixpath.dirname(path).split("/") if f]
    for role, names in _FOLDERS:
        found = next((f for f in folders if f in names or f.lstrip(".") in names), None)
        if found is not None:
            return FileRole(role, f"in a {found}/ folder")
    for folder in folders:
        words = set(_WORD.findall(folder))
        if words & _EXAMPLE_WORDS:
            word = min(words & _EXAMPLE_WORDS)
            return FileRole(Role.EXAMPLE, f"`{word}` in the name of its {folder}/ folder")
        if words & _ARCHIVE_WORDS:
            word = min(words & _ARCHIVE_WORDS)
            return FileRole(Role.ARCHIVE, f"`{word}` in the name of its {folder}/ folder")
    lab = next((f for f in folders if _VULNERABILITY_ID.fullmatch(f)), None)
    if lab is not None:
        return FileRole(Role.EXAMPLE, f"in {lab.upper()}/: it reproduces a vulnerability")
    day = next((f for f in folders if _DAY.fullmatch(f)), None)
    if day is not None:
        return FileRole(Role.ARCHIVE, f"in {day}/, named after the day it was made: a record")
    name = posixpath.basename(path).lower()
    named = _named_role(name, "its name")
    if named is None and _IMAGE_FILE.search(name) and folders:
        named = _named_role(folders[-1], "its folder's name")
    production = next((f for f in folders if f in _PRODUCTION_FOLDERS), None)
    if named is None and production is not None:
        return FileRole(Role.PRODUCTION, f"in a {production}/ folder")
    return named


_PRODUCTION_FOLDERS = frozenset({"production", "prod"})
"""Folders that say their files are what is deployed, whatever the repository is otherwise
(laradock, a development environment, ships with ``production/``)."""


_IMAGE_FILE = re.compile(r"dockerfile|containerfile")
"""A Dockerfile's folder names the image it builds (``image/discourse_dev/Dockerfile``)."""


def _named_role(name: str, where: str) -> FileRole | None:
    """The role a word of ``name`` gives (``test`` in ``docker-compose.test.yml``)."""
    words = set(_WORD.findall(name))
    for role, names in _NAME_WORDS:
        found_word = next((w for w in sorted(words & names)), None)
        if found_word is not None:
            return FileRole(role, f"`{found_word}` in {where}")
    return None


def repository_role(root: str) -> FileRole | None:
    """The role the name of the repository's folder (the project root) gives every file whose
    path and content say nothing: a repository named as an example (``example-voting-app/``,
    ``Compose-Examples/``) is one, whatever its folders are called."""
    name = posixpath.basename(posixpath.normpath(root.replace("\\", "/")))
    words = sorted(set(_WORD.findall(name.lower())) & _EXAMPLE_WORDS)
    if not words:
        return None
    return FileRole(Role.EXAMPLE, f"`{words[0]}` in the name of the repository's folder {name}/")


README_NAMES = ("README.md", "README", "README.rst", "README.txt", "readme.md", "Readme.md")
"""The names a repository's README goes by, in the order they are looked for at its root."""
_README_NOT_TO_RUN = re.compile(
    r"\bmust not be (?:deployed|used|run) in production\b"
    r"|\bfor (?:testing|educational|demonstration|learning)(?: and \w+)? purposes only\b",
    re.IGNORECASE,
)
"""What a README's introduction adds to a file header's ways of saying that nothing in the
repository is to be run in production (awesome-compose's "These samples must not be deployed
in production environments")."""


def readme_role(text: str) -> FileRole | None:
    """The role the introduction of the repository's README gives every file whose path and
    content say nothing: an example when it says, before its first section (or in an
    ``Overview`` section that opens it), that nothing in
    the repository is meant for production (a collection of samples, of labs); a development
    setup when it calls the repository a (local) development environment; an Official
    Image's source when it links the image's Docker Hub page and calls the images official."""
    introduction = _introduction(text)
    unlinked = _LINK.sub(r"\1", _QUOTE_MARK.sub("", introduction))
    prose = " ".join(unlinked.split())  # sentences across lines, links as their text
    found = _README_NOT_TO_RUN.search(prose) or _NOT_TO_RUN.search(prose)
    if found is not None:
        return FileRole(Role.EXAMPLE, f'the repository\'s README says "{found.group()}"')
    development = _DEVELOPMENT_ENVIRONMENT.search(prose)
    if development is not None and not _HOSTED.search(development.group()):
        return FileRole(Role.DEVELOPMENT, f'the repository\'s README says "{development.group()}"')
    official = _OFFICIAL_PAGE.search(introduction)
    if official is not None and _HOLDS_OFFICIAL.search(prose):
        page = official.group().split("//", 1)[-1]
        return FileRole(
            Role.IMAGE_SOURCE, f"a Docker Official Image's source: its README links {page}"
        )
    return None


_OFFICIAL_PAGE = re.compile(r"https?://hub\.docker\.com/_/[a-z0-9][a-z0-9._-]*")
"""A Docker Official Image's page: Docker Hub's ``_`` namespace (``hub.docker.com/_/eclipse-
temurin``), which a repository that holds the image's Dockerfiles links in its introduction
(adoptium/containers, which has no ``generate-stackbrew-library.sh``)."""
_HOLDS_OFFICIAL = re.compile(
    r"\b(?:repository|repo)\b (?:contains|holds|has|is)\b[^.]{0,80}\bofficial\b"
    r"[^.]{0,80}\bimages?\b",
    re.IGNORECASE,
)
"""A README saying the repository holds an official image ("This repository contains the
Dockerfiles for the official Adoptium images"), not only that it uses one."""


def _introduction(text: str) -> str:
    """A README's text before its first section, and that section too when it is the
    introduction by its title (``## Overview``, ``## About``, ``## What is Laradock?``)."""
    parts = re.split(r"^#{2,}[ \t]+", text, maxsplit=2, flags=re.MULTILINE)
    if len(parts) > 1 and _INTRODUCTION_TITLE.match(parts[1]):
        return parts[0] + parts[1]
    return parts[0]


_INTRODUCTION_TITLE = re.compile(r"(?:overview|about|introduction|what is)\b", re.IGNORECASE)
_DEVELOPMENT_ENVIRONMENT = re.compile(
    r"\b(?:is|are) an? (?:[\w+#-]+ ){0,3}development environments?\b", re.IGNORECASE
)
"""A README calling the repository a development environment ("Laradock is a full PHP
development environment for Docker"), what a developer runs on their own machine."""
_HOSTED = re.compile(r"\b(?:cloud|remote|hosted|self-hosted|online|platform)\b", re.IGNORECASE)
"""Words of a product that serves development environments to others (Coder's "self-hosted
cloud development environment"), which is deployed like any server: no development role."""
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
"""A Markdown link, ``[text](address)``: read as its text."""


LAB_CATALOGUE = 3
"""Vulnerability folders one level further down (``app/CVE-…/``) that make a folder a
catalogue of labs."""


def lab_roles(paths: Iterable[str]) -> dict[str, FileRole]:
    """Roles the run's file set gives: a file in a folder beside a folder named after a
    vulnerability is part of the same lab (vulhub's ``redis/4-unacc/`` next to
    ``redis/CVE-2022-0543/``), and so is every file of a catalogue of labs, a folder with at
    least ``LAB_CATALOGUE`` such folders one level down (vulhub's root: ``spark/unacc/``,
    ``struts2/s2-001/``, ``base/redis/5.0.7/`` beside ``airflow/CVE-2020-11978/``), whatever
    its own folder is called. Files whose path already gives them a role keep it."""
    paths = tuple(paths)
    beside: dict[str, str] = {}  # folder -> a vulnerability folder in it
    catalogues: dict[str, set[str]] = {}  # folder -> vulnerability folders one level down
    for path in paths:
        folder = posixpath.dirname(path)
        if _VULNERABILITY_ID.fullmatch(posixpath.basename(folder).lower()):
            parent = posixpath.dirname(folder)
            beside.setdefault(parent, folder)
            catalogues.setdefault(posixpath.dirname(parent), set()).add(folder)
    roles = {}
    for path in paths:
        if role_by_path(path) is not None or not posixpath.dirname(path):
            continue
        lab = beside.get(posixpath.dirname(posixpath.dirname(path)))
        if lab is not None:
            roles[path] = FileRole(Role.EXAMPLE, f"beside {lab}/: a vulnerability lab")
            continue
        catalogue = _catalogue_of(path, catalogues)
        if catalogue is not None:
            roles[path] = FileRole(
                Role.EXAMPLE, f"in {catalogue}, a catalogue of vulnerability labs"
            )
    return roles


def _catalogue_of(path: str, catalogues: dict[str, set[str]]) -> str | None:
    """The nearest folder above ``path`` that is a catalogue of labs, as ``name/`` (``./``)."""
    for folder in itertools.islice(folders_from(posixpath.dirname(path)), 1, None):
        if len(catalogues.get(folder, ())) >= LAB_CATALOGUE:
            return f"{folder}/" if folder else "the repository"
    return None


_NOT_TO_RUN = re.compile(
    r"\b(?:an? )?(?:example|sample|demo)s? only\b"
    r"|\bfor (?:example|demo|demonstration|illustration|illustrative|reference) purposes?\b"
    r"|\b(?:do not|don'?t|never) use (?:(?:this|it)\b.{0,40}?)?\bin production\b"
    r"|\bnot (?:meant |intended |suitable |ready )?for production\b"
    r"|\b(?:do not|don'?t) use this (?:compose |docker-?compose )?file\b"
    r"|\bthis (?:file )?is (?:only |just )?an? (?:example|sample)\b",
    re.IGNORECASE,
)
"""What a file's leading comment says when nobody is to run it as it is: lnmp's ``Don't use
this compose file / This file is a Example ONLY``, ``for demonstration purposes``, ``do not
use in production``."""


def role_by_header(comments: Iterable[str]) -> FileRole | None:
    """The role a file's leading comment (the comment lines before its first instruction or
    key, as the parser read them) declares: an example when it says it is one, or that it is
    not for production; None when it says nothing of the kind."""
    for text in comments:
        found = _NOT_TO_RUN.search(text)
        if found is not None:
            return FileRole(Role.EXAMPLE, f'its header says "{found.group().strip()}"')
    return None


_GENERATED = re.compile(
    r"\b(?:auto-?)?generated (?:by|via|from|with|using)\b(?:[^.;\n]|\.(?=\S))*"
    r"|\bauto-?generated\b"
    r"|\bdo not edit\b",
    re.IGNORECASE,
)
"""What a file's leading comment says when a program writes it (docker-library's ``THIS
DOCKERFILE IS GENERATED VIA "apply-templates.sh" / PLEASE DO NOT EDIT IT DIRECTLY``)."""


def generator_of(comments: Iterable[str]) -> str | None:
    """How a file's leading comment says a program writes it (``generated via
    "apply-templates.sh"``), or None. The file is still what ships, so rules report on it;
    but an edit belongs in what generates it, so ``--fix`` leaves it alone."""
    for text in comments:
        found = _GENERATED.search(text)
        if found is not None:
            return found.group().strip()
    return None


def role_by_synopses(instructions: Iterable[tuple[str, str]]) -> FileRole | None:
    """The role of a Dockerfile by its ``(keyword, arguments)``: a reference sheet (an example
    nobody builds) when ``SYNOPSIS_INSTRUCTIONS`` of its declarations are syntax synopses
    (lnmp's ``ARG <name>[=<default value>]``, ``USER <user>[:<group>]``)."""
    synopses = [
        f"{keyword} {arguments}"
        for keyword, arguments in instructions
        if keyword in DECLARATIONS and PLACEHOLDER.search(arguments)
    ]
    if len(synopses) < SYNOPSIS_INSTRUCTIONS:
        return None
    return FileRole(Role.EXAMPLE, f"a reference sheet: its instructions are syntax ({synopses[0]})")
