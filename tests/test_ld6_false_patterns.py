"""Patterns of the Dockerfile practice rules that a judged sample of real repositories showed
to be false or noisy, each with the true finding the rule keeps."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run


def test_a_relative_link_to_bin_sh_names_the_shell_and_the_scripts_it_changes() -> None:
    text = "FROM debian:12\nRUN apt-get update && ln -sf bash /bin/sh\n"
    assert hits(text, "LD681") == [Hit("Dockerfile", 2, 35, 2, 42, "warning")]
    message = run(text, "LD681")[0].message
    assert "links /bin/sh to /bin/bash" in message
    assert "#!/bin/bash" in message
    assert 'SHELL ["/bin/bash", "-c"]' in message


def test_sudo_dropping_root_to_another_user_is_left_alone() -> None:
    text = (
        "FROM postgres:16\n"
        "RUN sudo -u postgres psql -c 'select 1' && sudo -E -u app -H bundle install\n"
        "RUN sudo --user=app make && sudo -gstaff id\n"
        "USER app\n"
        "RUN sudo -u postgres psql -c 'select 1'\n"
        "USER root\n"
        "RUN sudo apt-get update\n"
        "FROM postgres:16 AS two\n"
        "USER $RUNNER\n"
        "RUN sudo -u postgres psql\n"
        "ONBUILD RUN sudo -u postgres psql\n"
    )
    assert hits(text, "LD663") == [
        Hit("Dockerfile", 5, 5, 5, 9, "warning"),
        Hit("Dockerfile", 7, 5, 7, 9, "warning"),
        Hit("Dockerfile", 10, 5, 10, 9, "warning"),
        Hit("Dockerfile", 11, 13, 11, 17, "warning"),
    ]


def test_sudo_of_a_stage_built_on_a_stage_that_ends_as_another_user() -> None:
    text = (
        "FROM debian:12 AS base\nUSER app\n"
        "FROM base\nRUN sudo -u postgres psql\n"
        "FROM debian:12 AS root-base\nUSER 0\n"
        "FROM root-base\nRUN sudo -u postgres psql\n"
    )
    assert hits(text, "LD663") == [Hit("Dockerfile", 4, 5, 4, 9, "warning")]
