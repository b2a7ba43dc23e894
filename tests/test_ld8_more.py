"""The LD8 compose rules on more of what real projects write: placeholder fallbacks of
variables, root that the image drops anyway, backends told by the image's identity, images
built in the project, host /proc, and services built from an agent image. Each case has its
true finding beside it."""

from __future__ import annotations

from compose_lint import lint
from test_ld8_noise import findings, service

FALLBACKS = (
    "environment:\n  DB_PASSWORD: ${DB_PASSWORD:-changeme}\n"
    "  URL_ENCRYPTION_KEY: ${URL_ENCRYPTION_KEY:-SuperSecret0}\n"
    "  ADMIN_PASSWORD: changeme\n  JWT_SECRET: ${JWT_SECRET:-9fK2mQ7xLp}\n"
    "  SUFFIXED_PASSWORD: changeme${SUFFIX}\n"
)


def test_a_placeholder_fallback_of_a_variable_is_not_reported() -> None:
    assert findings(service(FALLBACKS), "LD818") == [
        (7, 23, "info"),
        (8, 19, "warning"),
        (9, 26, "info"),
    ]


def test_a_real_looking_fallback_is_still_a_committed_credential() -> None:
    [_, real, _] = lint(service(FALLBACKS), "LD818")
    assert "literal fallback" in real.message
    assert "without a default" in real.message


def test_a_url_built_from_variables_with_placeholder_fallbacks_is_not_reported() -> None:
    compose = service(
        "environment:\n"
        "  DATABASE_URL: postgresql://${DB_USER:-app}:${DB_PASSWORD:-!ChangeMe!}@db:5432/app\n"
        "  AMQP_URL: ${AMQP_URL:-amqp://guest:guest@mq//}\n"
        "  CACHE_URL: redis://:guest@cache:6379/0\n"
        "  REAL_URL: redis://:${CACHE_PASSWORD:-Zq81nVb3}@cache:6379/0\n"
    )
    assert findings(compose, "LD819") == [(7, 18, "info"), (8, 17, "warning")]
