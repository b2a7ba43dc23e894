"""LD104 multiple-healthchecks: each earlier HEALTHCHECK of a stage, per stage."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run

CODE = "LD104"


def test_each_earlier_healthcheck_is_reported() -> None:
    text = """\
        FROM nginx:1.27
        HEALTHCHECK CMD ["a"]
        HEALTHCHECK --interval=10s \\
          CMD ["b"]
        HEALTHCHECK NONE
        """
    assert hits(text, CODE) == [
        Hit("Dockerfile", 2, 1, 2, 22, "warning"),
        Hit("Dockerfile", 3, 1, 4, 12, "warning"),
    ]
    assert "the one on line 5 replaces it" in run(text, CODE)[0].message


def test_a_later_stage_replacing_the_inherited_check_is_fine() -> None:
    text = 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD ["a"]\nFROM base\nHEALTHCHECK CMD ["b"]\n'
    assert hits(text, CODE) == []


def test_a_healthcheck_buildkit_rejects_is_ld001_only() -> None:
    text = """\
        FROM nginx:1.27
        HEALTHCHECK
        HEALTHCHECK CONNECT TCP 80
        HEALTHCHECK CMD ["a"]
        HEALTHCHECK CMD
        """
    assert hits(text, CODE) == []
    assert [h.line for h in hits(text, "LD001")] == [2, 3, 5]
