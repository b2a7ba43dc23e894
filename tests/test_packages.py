"""lintdock.facts.packages: what a package-manager command installs and removes, its pins and
options, at exact spans (the pinning and cache rules read these)."""

from __future__ import annotations

import pytest

from lintdock.facts.packages import PackageCommand, package_commands
from lintdock.model.span import Span
from lintdock.parsers.dockerfile import parse_dockerfile
from lintdock.parsers.shell import script_of_command


def commands(run: str) -> tuple[PackageCommand, ...]:
    dockerfile = parse_dockerfile(f"FROM alpine\nRUN {run}\n", "Dockerfile")
    instruction = dockerfile.stages[0].instructions[-1]
    assert instruction.command is not None
    return package_commands(script_of_command(instruction.command))


def pins(run: str) -> list[tuple[str, str | None, str | None]]:
    [command] = commands(run)
    return [(p.name, p.pin, p.version) for p in command.packages]


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        (
            "apt-get install -y curl=7.88.1-10 git",
            [("curl", "=", "7.88.1-10"), ("git", None, None)],
        ),
        (
            "apk add --no-cache curl=8.5.0-r0 bash~5",
            [("curl", "=", "8.5.0-r0"), ("bash", "~", "5")],
        ),
        ("yum install -y httpd-2.4.57 vim", [("httpd", "-", "2.4.57"), ("vim", None, None)]),
        ("dnf install nginx-1.24.0-1.el9.x86_64", [("nginx", "-", "1.24.0-1.el9.x86_64")]),
        ("zypper install -y 'curl>=8'", [("curl", ">=", "8")]),
        (
            "pip install flask==3.0.0 'requests>=2' rich",
            [("flask", "==", "3.0.0"), ("requests", ">=", "2"), ("rich", None, None)],
        ),
        (
            "python3 -m pip install --no-cache-dir uvicorn[standard]==0.29",
            [("uvicorn", "==", "0.29")],
        ),
        (
            "npm install -g express@4.19.2 @scope/tool@1 lodash",
            [("express", "@", "4.19.2"), ("@scope/tool", "@", "1"), ("lodash", None, None)],
        ),
        ("gem install rails:7.1.3 bundler", [("rails", ":", "7.1.3"), ("bundler", None, None)]),
    ],
)
def test_packages_and_their_pins(
    run: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert pins(run) == expected


def test_versions_and_words_at_exact_spans() -> None:
    [command] = commands("apt-get install -y --no-install-recommends curl=7.88")
    [curl] = command.packages
    # RUN starts at column 1 of line 2; "curl=7.88" at column 48
    assert curl.word.span == Span(2, 48, 2, 57)
    assert curl.version_word is not None and curl.version_word.span == Span(2, 53, 2, 57)
    assert command.verb is not None and command.verb.value == "install"


def test_options_read_like_getopt() -> None:
    [apt] = commands("apt-get -qqy install --no-install-recommends curl")
    assert apt.has_option("y", ("yes", "assume-yes"))
    assert apt.has_option(long="no-install-recommends")
    assert not apt.has_option("f")
    [apk] = commands("apk add --no-cache --virtual .deps gcc")
    assert apk.has_option(long="no-cache") and apk.group == ".deps"
    assert [p.name for p in apk.packages] == ["gcc"]
    [pip] = commands("pip install -r requirements.txt --no-cache-dir")
    option = pip.option("r", "requirement")
    assert option is not None and option.value is not None
    assert option.value.value == "requirements.txt"
    assert pip.packages == () and pip.has_option(long="no-cache-dir")


def test_actions_managers_and_variables() -> None:
    found = commands(
        "apt-get update && apt-get install -y $DEPS curl && apt-get purge -y curl "
        "&& apt-mark auto '.*' && apt-get autoremove -y && pip uninstall -y six"
    )
    assert [(c.manager, c.family, c.action, c.system) for c in found] == [
        ("apt-get", "apt", "install", True),
        ("apt-get", "apt", "remove", True),
        ("apt-mark", "apt-mark", "mark-auto", True),
        ("apt-get", "apt", "remove", True),
        ("pip", "pip", "remove", False),
    ]
    install = found[0]
    assert install.opaque and [p.name for p in install.named] == ["curl"]
    assert found[3].autoremove
