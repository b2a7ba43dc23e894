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
