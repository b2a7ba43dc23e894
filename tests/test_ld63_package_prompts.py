"""LD632, LD637, LD640, LD643: package-manager commands that may stop at a confirmation prompt,
at the command (program to verb), with the fix that adds the switch; LD634 apt and LD644
zypper dist-upgrade."""

from __future__ import annotations

import pytest
from ld1_helpers import fixed, hits, run
from package_helpers import at


def test_apt_get_install_without_yes_at_the_command_with_a_fix() -> None:
    text = "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends curl\n"
    assert hits(text, "LD632") == [at(2, 23, 38)]
    assert fixed(text, "LD632") == (
        "FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\n"
    )
    [finding] = run(text, "LD632")
    assert finding.fix is not None and finding.fix.safe


@pytest.mark.parametrize(
    "command",
    [
        "apt-get -y install curl",
        "apt-get install curl --yes",
        "apt-get install --assume-yes curl",
        "apt-get -qq install curl",
        "apt-get -q -q install curl",
        "apt-get -o APT::Get::Assume-Yes=true install curl",
        "yes | apt-get install curl",
        "apt-get update",
        "apt-get clean",
    ],
)
def test_apt_answers_and_commands_that_never_ask(command: str) -> None:
    assert hits(f"FROM debian:12\nRUN {command}\n", "LD632") == []


def test_a_fix_broken_install_after_a_successful_dpkg_has_nothing_to_ask() -> None:
    text = (
        "FROM debian:12\n"
        "RUN dpkg -i /tmp/plex.deb && apt-get -f install\n"
        "RUN dpkg -i /tmp/zoom.deb || apt-get -f install\n"  # runs because dpkg failed: asks
        "RUN dpkg -i /tmp/a.deb && apt-get -f install curl\n"  # names a package to install
    )
    assert hits(text, "LD632") == [at(3, 30, 48), at(4, 27, 45)]


def test_a_simulated_install_probes_and_asks_nothing() -> None:
    text = (
        "FROM debian:13\n"
        "RUN set -eux; \\\n"
        '    if apt-get install -s "postgresql-$PG_MAJOR-jit" > /dev/null 2>&1; then \\\n'
        '        apt-get install -y --no-install-recommends "postgresql-$PG_MAJOR-jit=$V"; \\\n'
        "    fi; \\\n"
        "    apt-get --simulate install curl; apt-get install --dry-run git; apt-get install jq\n"
    )
    assert hits(text, "LD632") == [at(6, 69, 84)]
    assert [h.line for h in hits(text, "LD630")] == [6]
    assert [h.line for h in hits(text, "LD633")] == [6]


def test_apt_removals_upgrades_and_apt_itself_ask_too() -> None:
    text = "FROM debian:12\nRUN apt-get purge curl; apt upgrade; aptitude install x\n"
    assert [h.column for h in hits(text, "LD632")] == [5, 25, 38]


def test_yum_dnf_zypper_prompts_with_fixes() -> None:
    text = (
        "FROM fedora:40\n"
        "RUN yum install httpd && dnf remove vim && microdnf install -y x && tdnf update\n"
        "RUN zypper install curl && zypper -n install git && zypper rm -y vim\n"
    )
    assert hits(text, "LD637") == [at(2, 5, 16)]
    assert [h.column for h in hits(text, "LD640")] == [26, 69]
    assert hits(text, "LD643") == [at(3, 5, 19)]
    assert fixed(text, "LD643").splitlines()[2] == (
        "RUN zypper install -y curl && zypper -n install git && zypper rm -y vim"
    )
    assert "yum install -y httpd" in fixed(text, "LD637")


def test_no_fix_for_a_verb_that_is_not_written_as_it_reads() -> None:
    [finding] = run("FROM debian:12\nRUN apt-get 'install' curl\n", "LD632")
    assert finding.fix is None


def test_prompts_in_heredocs_sh_c_strings_and_onbuild() -> None:
    text = (
        "FROM debian:12\n"
        "RUN <<EOF\napt-get install curl\nEOF\n"
        "RUN sh -c 'apt-get install git'\n"
        "ONBUILD RUN apt-get install jq\n"
    )
    assert hits(text, "LD632") == [at(3, 1, 16), at(5, 12, 27), at(6, 13, 28)]
    assert "sh -c 'apt-get install -y git'" in fixed(text, "LD632")


def test_apt_instead_of_apt_get_with_a_fix_for_the_verbs_both_run_alike() -> None:
    text = "FROM debian:12\nRUN apt update && apt install -y curl && apt list --installed\n"
    assert hits(text, "LD634") == [at(2, 5, 15), at(2, 19, 30), at(2, 42, 50)]
    assert [f.fix is not None for f in run(text, "LD634")] == [True, True, False]
    assert fixed(text, "LD634") == (
        "FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt list --installed\n"
    )
    assert hits("FROM debian:12\nRUN apt-get install -y apt-utils\n", "LD634") == []


def test_zypper_dist_upgrade() -> None:
    text = "FROM opensuse/leap:15.6\nRUN zypper -n dup && zypper -n dist-upgrade && zypper -n up\n"
    assert hits(text, "LD644") == [at(2, 5, 18), at(2, 22, 44)]


def test_microdnf_on_oracle_linux_slim_assumes_yes() -> None:
    """Oracle's slim images: "-y is implied" (docker-library's OpenJDK oraclelinux images)."""
    run = "RUN microdnf install gzip tar\n"
    assert hits(f"FROM oraclelinux:9-slim\n{run}", "LD640") == []
    assert len(hits(f"FROM registry.access.redhat.com/ubi9/ubi-minimal\n{run}", "LD640")) == 1
    assert len(hits("FROM oraclelinux:9\nRUN dnf install gzip\n", "LD640")) == 1
