"""A compose file merged with its override the way ``docker compose`` merges them, positions
pointing into the file that wrote each value; same-file ``extends``; multiple documents."""

from __future__ import annotations

from textwrap import dedent

from lintdock.model.compose import ComposeProject, Service
from lintdock.model.span import Span
from lintdock.parsers.compose import load_compose

BASE = "compose.yaml"
OVERRIDE = "compose.override.yaml"


def merged(base: str, override: str) -> ComposeProject:
    return load_compose([(BASE, dedent(base)), (OVERRIDE, dedent(override))])


def web(project: ComposeProject) -> Service:
    found = project.service("web")
    assert found is not None
    return found


class TestMerge:
    def test_scalar_override_points_into_the_override(self) -> None:
        project = merged(
            "services:\n  web:\n    image: nginx:1.25\n    restart: always\n",
            "services:\n  web:\n    image: nginx:1.27\n",
        )
        assert project.files == (BASE, OVERRIDE) and project.path == BASE
        image, restart = web(project).image, web(project).restart
        assert image is not None and restart is not None
        assert (image.value, image.path, image.span) == ("nginx:1.27", OVERRIDE, Span(3, 12, 3, 22))
        assert image.key_span == Span(3, 5, 3, 10)
        assert (restart.value, restart.path) == ("always", BASE)

    def test_mappings_merge_key_by_key(self) -> None:
        project = merged(
            "services:\n  web:\n    healthcheck:\n      test: [CMD, a]\n      retries: 3\n",
            "services:\n  web:\n    healthcheck:\n      interval: 5s\n",
        )
        healthcheck = web(project).healthcheck
        assert healthcheck is not None
        assert healthcheck.test is not None and healthcheck.test.path == BASE
        assert healthcheck.interval is not None and healthcheck.interval.path == OVERRIDE
        assert healthcheck.retries is not None and healthcheck.retries.value == 3

    def test_command_entrypoint_and_test_are_replaced(self) -> None:
        project = merged(
            "services:\n  web:\n    command: [a, b]\n    entrypoint: [x]\n"
            "    healthcheck:\n      test: [CMD, old, check]\n",
            "services:\n  web:\n    command: [c]\n    entrypoint: run\n"
            "    healthcheck:\n      test: [CMD, new]\n",
        )
        service = web(project)
        assert service.command is not None and [w.value for w in service.command.words] == ["c"]
        assert service.entrypoint is not None and service.entrypoint.is_string
        assert service.healthcheck is not None
        assert [a.value for a in service.healthcheck.test_args] == ["new"]

    def test_new_services_are_added_after_the_base_ones(self) -> None:
        project = merged(
            "services:\n  web: {image: a}\n  db: {image: b}\n",
            "services:\n  cache: {image: c}\n  web: {restart: always}\n",
        )
        assert [(s.key, s.name.path) for s in project.services] == [
            ("web", BASE),
            ("db", BASE),
            ("cache", OVERRIDE),
        ]
        assert [k.value for k in project.top_level_keys] == ["services"]

    def test_depends_on_short_and_long_forms_merge_by_name(self) -> None:
        project = merged(
            "services:\n  web:\n    depends_on: [db, cache]\n",
            "services:\n  web:\n    depends_on:\n      db:\n        condition: service_healthy\n",
        )
        found = [
            (d.service.value, d.condition_value, d.short_form, d.service.path)
            for d in web(project).depends_on
        ]
        assert found == [
            ("db", "service_healthy", False, OVERRIDE),
            ("cache", "service_started", True, BASE),
        ]
        assert web(project).depends_on_block is None  # written by two files

    def test_environment_merges_by_name(self) -> None:
        project = merged(
            "services:\n  web:\n    environment:\n      A: '1'\n      B: '2'\n",
            "services:\n  web:\n    environment:\n      - B=3\n      - C=4\n",
        )
        found = [
            (v.name.value, v.value.value if v.value else None, v.name.path)
            for v in web(project).environment
        ]
        assert found == [("A", "1", BASE), ("B", "3", OVERRIDE), ("C", "4", OVERRIDE)]

    def test_ports_append_and_stay_unique(self) -> None:
        project = merged(
            "services:\n  web:\n    ports: ['80:80', '443:443']\n    expose: [3000]\n",
            "services:\n  web:\n    ports: ['80:80', '8080:8080']\n    expose: ['4000']\n",
        )
        service = web(project)
        assert [(p.value, p.path) for p in service.ports] == [
            ("80:80", OVERRIDE),
            ("443:443", BASE),
            ("8080:8080", OVERRIDE),
        ]
        assert [e.value for e in service.expose] == [3000, "4000"]

    def test_build_string_and_map_merge(self) -> None:
        project = merged(
            "services:\n  web:\n    build: ./web\n",
            "services:\n  web:\n    build:\n      target: prod\n",
        )
        build = web(project).build
        assert build is not None
        assert (build.context.value, build.context.path) == ("./web", BASE)
        assert build.target is not None and build.target.path == OVERRIDE
        assert build.dockerfile_path == "web/Dockerfile"

    def test_paths_in_an_override_resolve_against_the_base_directory(self) -> None:
        project = load_compose(
            [
                ("app/compose.yaml", "services:\n  web: {image: a}\n"),
                ("app/compose.override.yaml", "services:\n  web:\n    build: ./src\n"),
            ]
        )
        build = web(project).build
        assert build is not None and build.context_path == "app/src"

    def test_null_override_keeps_the_base(self) -> None:
        project = merged(
            "services:\n  web:\n    image: a\n",
            "services:\n  web:\n    image:\n",
        )
        image = web(project).image
        assert image is not None and image.value == "a"

    def test_reset_and_override_tags(self) -> None:
        project = merged(
            "services:\n  web:\n    ports: ['80:80']\n    environment: {A: '1', B: '2'}\n",
            "services:\n  web:\n    ports: !reset []\n    environment: !override {C: '3'}\n",
        )
        service = web(project)
        assert service.ports == ()
        assert [v.name.value for v in service.environment] == ["C"]

    def test_incompatible_kinds_are_ld003(self) -> None:
        project = merged("x-opts:\n  a: 1\n", "x-opts: text\n")
        assert [(f.code, f.message, f.path, f.span) for f in project.findings] == [
            (
                "LD003",
                "cannot override x-opts: a scalar cannot replace a mapping",
                OVERRIDE,
                Span(1, 9, 1, 13),
            )
        ]

    def test_override_findings_point_into_the_override(self) -> None:
        project = merged("services:\n  web: {image: a}\n", "services:\n  web:\n    imgae: b\n")
        assert [(f.code, f.path, f.span) for f in project.findings] == [
            ("LD003", OVERRIDE, Span(3, 5, 3, 10))
        ]

    def test_comments_of_every_file(self) -> None:
        project = merged("# base\nservices: {}\n", "# override\nservices: {}\n")
        assert [(c.text, c.path) for c in project.comments] == [
            ("# base", BASE),
            ("# override", OVERRIDE),
        ]


class TestMultipleDocuments:
    def test_documents_merge_in_order(self) -> None:
        text = "services:\n  web: {image: a}\n---\nservices:\n  web: {image: b}\n"
        image = web(load_compose([(BASE, text)])).image
        assert image is not None and (image.value, image.span.line) == ("b", 5)

    def test_a_document_that_is_not_a_mapping(self) -> None:
        project = load_compose([(BASE, "- a\n- b\n")])
        assert [(f.code, f.message, f.span) for f in project.findings] == [
            ("LD003", "top-level object must be a mapping", Span(1, 1, 2, 4))
        ]

    def test_an_empty_file_is_what_compose_refuses(self) -> None:
        project = load_compose([(BASE, "")])
        assert project.services == ()
        assert [(f.message, f.span) for f in project.findings] == [
            ("empty compose file", Span(1, 1, 1, 1))
        ]


class TestExtends:
    TEXT = """\
        services:
          base:
            image: app:1
            environment: {A: '1'}
            healthcheck: {test: [CMD, check]}
          web:
            extends: base
            environment: {B: '2'}
          worker:
            extends:
              service: web
            command: [work]
        """

    def test_the_extended_service_inherits(self) -> None:
        project = load_compose([(BASE, dedent(self.TEXT))])
        assert project.findings == ()
        service = web(project)
        assert service.image is not None and service.image.span == Span(3, 12, 3, 17)
        assert [v.name.value for v in service.environment] == ["A", "B"]
        assert service.healthcheck is not None

    def test_chains(self) -> None:
        worker = load_compose([(BASE, dedent(self.TEXT))]).service("worker")
        assert worker is not None
        assert worker.image is not None and worker.image.value == "app:1"
        assert [v.name.value for v in worker.environment] == ["A", "B"]

    def test_missing_base_is_ld003(self) -> None:
        project = load_compose([(BASE, "services:\n  web:\n    extends: ghost\n")])
        assert [(f.code, f.message, f.span) for f in project.findings] == [
            (
                "LD003",
                f'cannot extend service "web" in {BASE}: service "ghost" not found',
                Span(3, 14, 3, 19),
            )
        ]

    def test_cycle_is_ld003(self) -> None:
        text = "services:\n  a:\n    extends: b\n  b:\n    extends: a\n"
        messages = [f.message for f in load_compose([(BASE, text)]).findings]
        assert messages == ["circular extends: a -> b -> a"]

    def test_extends_from_another_file_is_kept_as_written(self) -> None:
        text = "services:\n  web:\n    extends: {file: base.yaml, service: app}\n    image: x\n"
        project = load_compose([(BASE, text)])
        assert project.findings == ()
        assert web(project).extends_file is not None


def test_a_short_form_override_resets_a_long_form_condition() -> None:
    project = merged(
        "services:\n  web:\n    depends_on:\n      db: {condition: service_healthy, restart: on}\n",
        "services:\n  web:\n    depends_on: [db]\n",
    )
    (dependency,) = web(project).depends_on
    assert dependency.condition is not None
    assert (dependency.condition.value, dependency.condition.path) == ("service_started", OVERRIDE)
    assert dependency.condition.span == Span(3, 18, 3, 20)
    assert dependency.restart and dependency.required and not dependency.short_form
