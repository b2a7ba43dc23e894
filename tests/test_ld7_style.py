"""LD708-LD714, the style rules: quoting and order, at exact positions, and fixes that keep
comments, anchors and merge keys."""

from __future__ import annotations

from textwrap import dedent

from compose_lint import Found, fixed, found, lint

from lintdock.facts.compose_order import out_of_place


def test_out_of_place_is_the_fewest_moves() -> None:
    assert out_of_place([1, 2, 3]) == set()
    assert out_of_place([9, 1, 2, 3]) == {0}
    assert out_of_place([1, 2, 0, 3]) == {2}
    assert out_of_place([2, 2, 1]) == {2}
    assert out_of_place([]) == set()
    assert len(out_of_place(list(range(5000, 0, -1)))) == 4999


PORTS = """\
    services:
      ssh:
        image: example/ssh:9
        ports:
          - 22:22
          - "80:80"
          - '443:443'
          - target: 9000
        expose:
          - 9100
"""


def test_ld708_plain_ports_and_quote_type() -> None:
    assert found(PORTS, "LD708") == [
        Found("LD708", "compose.yaml", (5, 9, 5, 14), "ssh", "info"),
        Found("LD708", "compose.yaml", (10, 9, 10, 13), "ssh", "info"),
    ]
    single = [f.span[0] for f in found(PORTS, "LD708", options={"quote-type": "single"})]
    assert single == [5, 6, 10]
    assert fixed(PORTS, "LD708").splitlines()[4:10] == [
        '      - "22:22"',
        '      - "80:80"',
        "      - '443:443'",
        "      - target: 9000",
        "    expose:",
        '      - "9100"',
    ]


def test_ld709_only_quotes_that_change_nothing() -> None:
    compose = """\
        services:
          db:
            image: postgres:16
            volumes:
              - "./data:/data"
              - './odd: name:/x'
              - "true"
              - '*star:/x'
              - ./plain:/y
        """
    assert found(compose, "LD709") == [Found("LD709", "compose.yaml", (5, 9, 5, 23), "db", "info")]
    assert "      - ./data:/data\n" in fixed(compose, "LD709")


KEYS = """\
    x-defaults: &defaults
      restart: always
    services:
      web:
        # why restart first
        restart: always  # keep it
        <<: *defaults
        image: nginx:1.27
        ports:
          - "8080:80"
        build: .
"""


def test_ld710_reports_the_fewest_keys_and_keeps_comments_and_merge_keys() -> None:
    assert [f.span for f in found(KEYS, "LD710")] == [(6, 5, 6, 12), (9, 5, 9, 10)]
    assert fixed(KEYS, "LD710") == dedent("""\
        x-defaults: &defaults
          restart: always
        services:
          web:
            image: nginx:1.27
            <<: *defaults
            build: .
            ports:
              - "8080:80"
            # why restart first
            restart: always  # keep it
        """)


def test_ld710_order_option() -> None:
    compose = "services:\n  web:\n    ports: ['80:80']\n    image: nginx:1.27\n"
    assert len(found(compose, "LD710")) == 1
    assert found(compose, "LD710", options={"order": ["ports", "image"]}) == []


SERVICES = """\
    services:
      web:
        image: nginx:1.27

      # the database
      db:
        image: postgres:16
        volumes:
          - data:/var/lib/postgresql/data
          # - ./backup:/backup

      cache: {image: "redis:7"}
"""


def test_ld711_sorts_services_keeping_gaps_and_comments() -> None:
    assert [(f.service, f.span) for f in found(SERVICES, "LD711")] == [
        ("web", (2, 3, 2, 6)),
        ("db", (6, 3, 6, 5)),
    ]
    messages = [d.message for d in lint(SERVICES, "LD711")]
    assert messages == [
        'service "web" is out of alphabetical order: it belongs after "db"',
        'service "db" is out of alphabetical order: it belongs before "web"',
    ]
    assert fixed(SERVICES, "LD711") == dedent("""\
        services:
          cache: {image: "redis:7"}

          # the database
          db:
            image: postgres:16
            volumes:
              - data:/var/lib/postgresql/data
              # - ./backup:/backup

          web:
            image: nginx:1.27
        """)


def test_ld711_no_fix_that_would_put_an_alias_before_its_anchor() -> None:
    compose = "services:\n  web: &base\n    image: nginx:1.27\n  api:\n    <<: *base\n"
    [diagnostic] = lint(compose, "LD711")
    assert diagnostic.fix is None


def test_ld712_list_and_long_form() -> None:
    compose = """\
        services:
          web:
            image: example/web:2
            depends_on: [redis, db]
          api:
            image: example/api:2
            depends_on:
              redis:
                condition: service_started
              db:
                condition: service_healthy
          db: {image: "postgres:16"}
          redis: {image: "redis:7"}
        """
    assert [(f.service, f.span) for f in found(compose, "LD712")] == [
        ("web", (4, 5, 4, 15)),
        ("api", (7, 5, 7, 15)),
    ]
    [flow, block] = lint(compose, "LD712")
    assert flow.fix is None and block.fix is not None
    assert "      db:\n        condition: service_healthy\n      redis:" in fixed(compose, "LD712")


def test_ld713_by_published_port() -> None:
    compose = """\
        services:
          proxy:
            image: nginx:1.27
            ports:
              - "8080:80"
              - 127.0.0.1:443:443
              - target: 9000
                published: 9000
          other:
            image: nginx:1.27
            ports: ["${UNSET}:80", "10:10"]
        """
    assert found(compose, "LD713") == [
        Found("LD713", "compose.yaml", (4, 5, 4, 10), "proxy", "info")
    ]
    assert fixed(compose, "LD713").splitlines()[4:8] == [
        "      - 127.0.0.1:443:443",
        '      - "8080:80"',
        "      - target: 9000",
        "        published: 9000",
    ]


def test_ld714_top_level_keys() -> None:
    compose = """\
        services:
          db:
            image: postgres:16
        x-b: 1
        x-a: 2
        version: "3"
        models: {}
        """
    assert [f.span for f in found(compose, "LD714")] == [(1, 1, 1, 9)]
    assert fixed(compose, "LD714").splitlines()[:4] == [
        "x-b: 1",
        "x-a: 2",
        'version: "3"',
        "services:",
    ]
    anchored = "services:\n  db:\n    logging: *log\nx-log: &log {driver: local}\n"
    assert lint(anchored, "LD714") == []  # an alias before its anchor is no YAML at all
    version_one = "web:\n  image: nginx:1.27\napi:\n  image: example/api:1\n"
    assert lint(version_one, "LD714") == []  # Compose file format v1: LD003's, not ordered
