"""LD105 curl-without-fail: every spelling of --fail, output verified another way, shell and
exec form, compose tests (anchors included), and the fix."""

from __future__ import annotations

import pytest
from ld1_helpers import Hit, fixed, healthcheck_image, hits, run

CODE = "LD105"


dockerfile = healthcheck_image


@pytest.mark.parametrize(
    "healthcheck",
    [
        "CMD curl --fail http://localhost/",
        "CMD curl -f http://localhost/",
        "CMD curl -fsS http://localhost/",
        "CMD curl -sf http://localhost/",
        "CMD curl -sSf -o /dev/null http://localhost/",
        "CMD curl --fail-with-body http://localhost/",
        'CMD ["curl", "--silent", "--fail", "http://localhost/"]',
        "CMD curl -s http://localhost/health | grep -q ok",
        "CMD curl -s http://localhost/health | jq -e '.status == \"UP\"'",
        "CMD [ \"$(curl -s -o /dev/null -w '%{http_code}' http://localhost/)\" = 200 ]",
        "CMD curl -s -o /dev/null -w '%{response_code}' http://localhost/ | grep 200",
        "CMD wget -q --spider http://localhost/",
        "NONE",
    ],
)
def test_checks_that_fail_on_http_errors_are_not_reported(healthcheck: str) -> None:
    assert hits(dockerfile(healthcheck), CODE) == []


@pytest.mark.parametrize(
    "healthcheck",
    [
        "CMD curl -K /etc/healthcheck.curlrc",
        "CMD curl --config /etc/healthcheck.curlrc http://localhost/",
        "CMD curl -s telnet://localhost:25",
        'CMD ["curl", "-s", "ftp://localhost/ready"]',
    ],
)
def test_a_config_file_or_a_protocol_without_http_statuses_is_not_judged(
    healthcheck: str,
) -> None:
    assert hits(dockerfile(healthcheck), CODE) == []


def test_one_http_url_among_others_is_judged() -> None:
    check = "CMD curl -s ftp://localhost/ready http://localhost/health"
    assert hits(dockerfile(check), CODE) == [Hit("Dockerfile", 2, 17, 2, 21, "error")]


def test_shell_form_points_at_the_curl_word() -> None:
    assert hits(dockerfile("CMD curl -s http://localhost/ || exit 1"), CODE) == [
        Hit("Dockerfile", 2, 17, 2, 21, "error")
    ]


def test_exec_form_points_at_the_curl_item() -> None:
    assert hits(dockerfile('CMD ["curl", "-s", "http://localhost/"]'), CODE) == [
        Hit("Dockerfile", 2, 18, 2, 24, "error")
    ]


def test_write_out_that_is_only_printed_verifies_nothing() -> None:
    check = "CMD curl -s -o /dev/null -w '%{http_code}' http://localhost/"
    assert hits(dockerfile(check), CODE) == [Hit("Dockerfile", 2, 17, 2, 21, "error")]


def test_curl_inside_sh_c_on_a_continuation_line() -> None:
    text = """\
        FROM alpine:3.20
        HEALTHCHECK --interval=30s \\
          CMD ["sh", "-c", "curl -s http://localhost:8080/ || exit 1"]
        """
    assert hits(text, CODE) == [Hit("Dockerfile", 3, 21, 3, 25, "error")]


def test_only_the_healthcheck_in_effect_is_judged() -> None:
    text = """\
        FROM nginx:1.27
        HEALTHCHECK CMD curl http://localhost/
        HEALTHCHECK CMD curl --fail http://localhost/
        """
    assert hits(text, CODE) == []


def test_compose_string_test_points_into_the_scalar() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            healthcheck:
              test: curl -s http://localhost:8080/health || exit 1
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 5, 13, 5, 17, "error", "api")
    ]


def test_compose_test_from_an_anchor_is_reported_once_naming_the_services() -> None:
    compose = """\
        x-health: &health
          test: ["CMD", "curl", "http://localhost/"]
          interval: 30s
        services:
          a:
            image: example/a:1.0
            healthcheck: *health
          b:
            image: example/b:1.0
            healthcheck:
              <<: *health
              retries: 5
        """
    assert hits({"compose.yaml": compose}, CODE) == [
        Hit("compose.yaml", 2, 17, 2, 23, "error", "a"),
    ]


def test_compose_test_overrides_the_image_check() -> None:
    files = {
        "Dockerfile": dockerfile("CMD curl --fail http://localhost/"),
        "compose.yaml": """\
            services:
              web:
                build: .
                healthcheck:
                  test: ["CMD-SHELL", "curl http://localhost/"]
            """,
    }
    assert hits(files, CODE) == [Hit("compose.yaml", 5, 28, 5, 32, "error", "web")]


def test_disabled_compose_check_is_not_judged() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            healthcheck:
              test: curl http://localhost/
              disable: true
        """
    assert hits({"compose.yaml": compose}, CODE) == []


def test_message_names_the_consequence() -> None:
    [finding] = run(dockerfile("CMD curl http://localhost/"), CODE)
    assert "exits 0 on an HTTP error such as 500" in finding.message


def test_fix_inserts_fail_after_curl_in_shell_form() -> None:
    assert fixed(dockerfile("CMD curl -s http://localhost/ || exit 1"), CODE) == dockerfile(
        "CMD curl --fail -s http://localhost/ || exit 1"
    )


def test_fix_inserts_a_new_item_in_exec_form() -> None:
    assert fixed(dockerfile('CMD ["curl", "http://localhost/"]'), CODE) == dockerfile(
        'CMD ["curl", "--fail", "http://localhost/"]'
    )


def test_fix_inside_sh_c_string() -> None:
    before = dockerfile('CMD ["sh", "-c", "curl -s http://localhost/"]')
    after = dockerfile('CMD ["sh", "-c", "curl --fail -s http://localhost/"]')
    assert fixed(before, CODE) == after


def test_fix_in_a_compose_flow_sequence() -> None:
    compose = 'services:\n  api:\n    healthcheck:\n      test: ["CMD", "curl", "http://x/"]\n'
    expected = compose.replace('"curl",', '"curl", "--fail",')
    assert fixed(compose, CODE, "compose.yaml") == expected


def test_no_fix_in_a_compose_block_sequence() -> None:
    compose = """\
        services:
          api:
            image: example/api:1.0
            healthcheck:
              test:
                - CMD
                - curl
                - http://localhost/
        """
    [finding] = run({"compose.yaml": compose}, CODE)
    assert (finding.span.line, finding.span.column, finding.fix) == (7, 11, None)
