"""LD401 depends-on-undefined: undefined dependencies in every syntax, profiles, required:
false, overrides, extends and anchors."""

from __future__ import annotations

from compose_lint import Found, found, lint


def test_short_form_entry_is_reported_at_the_name() -> None:
    compose = """\
        services:
          web:
            image: nginx:1.27
            depends_on:
              - db
              - ghost
          db:
            image: postgres:16
        """
    assert found(compose, "LD401") == [
        Found("LD401", "compose.yaml", (6, 9, 6, 14), "web", "error")
    ]


def test_message_quotes_compose_and_suggests_the_closest_name() -> None:
    compose = """\
        services:
          web:
            image: nginx:1.27
            depends_on: [ap]
          api:
            image: example/api:1.4
        """
    [diagnostic] = lint(compose, "LD401")
    assert diagnostic.message.startswith('service "web" depends on undefined service "ap":')
    assert "refuses to load" in diagnostic.message
    assert diagnostic.message.endswith('Did you mean "api"?')


def test_long_form_entry_is_reported_at_its_key() -> None:
    compose = """\
        services:
          web:
            image: nginx:1.27
            depends_on:
              ghost:
                condition: service_healthy
        """
    assert found(compose, "LD401") == [
        Found("LD401", "compose.yaml", (5, 7, 5, 12), "web", "error")
    ]


def test_links_volumes_from_and_network_mode_imply_dependencies() -> None:
    compose = """\
        services:
          web:
            image: nginx:1.27
            links:
              - nolink
            volumes_from:
              - novolumes
          sidecar:
            image: busybox:1.36
            network_mode: service:nonet
        """
    diagnostics = lint(compose, "LD401")
    assert [(d.span.line, d.service) for d in diagnostics] == [
        (5, "web"),
        (7, "web"),
        (10, "sidecar"),
    ]
    assert "(through links)" in diagnostics[0].message
    assert "(through volumes_from)" in diagnostics[1].message
    assert "(through network_mode)" in diagnostics[2].message


def test_containers_named_by_volumes_from_and_network_mode_are_not_services() -> None:
    compose = """\
        services:
          web:
            image: nginx:1.27
            volumes_from:
              - container:legacy-data
            network_mode: container:vpn
        """
    assert found(compose, "LD401") == []


def test_optional_dependency_may_be_undefined() -> None:
    compose = """\
        services:
          web:
            image: nginx:1.27
            depends_on:
              metrics:
                condition: service_started
                required: false
        """
    assert found(compose, "LD401") == []


def test_dependency_only_under_another_profile() -> None:
    compose = """\
        services:
          web:
            image: example/web:2.0
            depends_on:
              - mailcatcher
          mailcatcher:
            image: schickling/mailcatcher:latest
            profiles: [dev]
          worker:
            image: example/worker:1.0
            profiles: [batch]
            depends_on:
              - mailcatcher
        """
    diagnostics = lint(compose, "LD401")
    assert [(d.span.line, d.span.column, d.service) for d in diagnostics] == [
        (5, 9, "web"),
        (13, 9, "worker"),
    ]
    assert 'unless profile "dev" is enabled' in diagnostics[0].message
    assert '"web" has no profile' in diagnostics[0].message
    assert '"worker" only has "batch"' in diagnostics[1].message


def test_shared_profile_and_optional_profile_dependency_are_fine() -> None:
    compose = """\
        services:
          debug-shell:
            image: busybox:1.36
            profiles: [debug, dev]
            depends_on:
              - tracer
          web:
            image: example/web:2.0
            depends_on:
              tracer:
                condition: service_started
                required: false
          tracer:
            image: jaegertracing/all-in-one:1.60
            profiles: [debug]
        """
    assert found(compose, "LD401") == []


def test_override_file_defines_the_dependency() -> None:
    base = """\
        services:
          web:
            image: example/web:2.0
            depends_on: [db]
        """
    override = {"compose.override.yaml": "services:\n  db:\n    image: postgres:16\n"}
    assert found(base, "LD401", override) == []


def test_dependency_added_by_the_override_is_reported_in_the_override() -> None:
    base = """\
        services:
          web:
            image: example/web:2.0
            depends_on: [db]
          db:
            image: postgres:16
        """
    override = {"compose.override.yaml": "services:\n  web:\n    depends_on:\n      - cache\n"}
    assert found(base, "LD401", override) == [
        Found("LD401", "compose.override.yaml", (4, 9, 4, 14), "web", "error")
    ]


def test_anchor_is_reported_at_its_text_once_naming_the_services() -> None:
    compose = """\
        x-deps: &deps
          - ghost
        services:
          a:
            image: example/a:1
            depends_on: *deps
          b:
            image: example/b:1
            depends_on: *deps
        """
    assert found(compose, "LD401") == [
        Found("LD401", "compose.yaml", (2, 5, 2, 10), "a", "error"),  # naming "b" too
    ]


def test_extends_carries_the_dependency() -> None:
    compose = """\
        services:
          base:
            image: example/app:1.0
            depends_on: [ghost]
          web:
            extends: base
            command: ["serve"]
        """
    assert found(compose, "LD401") == [
        Found("LD401", "compose.yaml", (4, 18, 4, 23), "base", "error"),  # naming "web" too
    ]


def test_services_may_come_from_included_files() -> None:
    compose = """\
        include:
          - ./db/compose.yaml
        services:
          app:
            image: example/app:1.0
            depends_on:
              - db
        """
    assert found(compose, "LD401") == []


def test_suggestion_never_names_the_dependant_itself() -> None:
    compose = """\
        services:
          kafkacat:
            image: confluentinc/cp-kafkacat:7.0.1
            depends_on: [kafka]
        """
    [finding] = lint(compose, "LD401")
    assert "Did you mean" not in finding.message
