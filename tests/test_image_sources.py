"""Images built elsewhere in the repository: a pulled image traced to its Dockerfile through a
compose service of another file that builds and tags it, a Bake target's tags, or (weaker) a
folder named after the image; LD403 and LD102 read the Dockerfile found."""

from __future__ import annotations

from compose_lint import Found, found, lint

from lintdock.image_sources import RepositoryImages, normal_reference

# mailcow's shape: the compose file pulls images the repository builds in data/Dockerfiles/NAME
MAILSTACK = """\
    services:
      resolver:
        image: ghcr.io/acme/resolver:1.25.1-1
      postfix:
        image: ghcr.io/acme/postfix:3.10
        depends_on:
          resolver:
            condition: service_healthy
    """
CONDITION = (8, 20, 8, 35)
CHECKED = 'FROM alpine:3.20\nHEALTHCHECK CMD drill @127.0.0.1 example.org\nCMD ["unbound"]\n'
UNCHECKED = 'FROM alpine:3.20\nCMD ["unbound"]\n'


def test_a_folder_named_after_the_image_supplies_its_healthcheck() -> None:
    files = {"data/Dockerfiles/resolver/Dockerfile": CHECKED}
    assert found(MAILSTACK, "LD403", files) == []


def test_without_a_folder_the_pulled_image_is_unknown() -> None:
    assert found(MAILSTACK, "LD403", {}) == [
        Found("LD403", "compose.yaml", CONDITION, "postfix", "warning")
    ]


def test_a_folder_without_healthcheck_may_define_the_image_so_it_warns() -> None:
    files = {"data/Dockerfiles/resolver/Dockerfile": UNCHECKED}
    assert found(MAILSTACK, "LD403", files) == [
        Found("LD403", "compose.yaml", CONDITION, "postfix", "warning")
    ]
    [diagnostic] = lint(MAILSTACK, "LD403", files)
    assert (
        "data/Dockerfiles/resolver/Dockerfile may define its image ghcr.io/acme/resolver:1.25.1-1"
        " (its folder data/Dockerfiles/resolver/ is named after the image), which has no "
        "HEALTHCHECK" in diagnostic.message
    )


def test_two_folders_of_the_name_link_nothing() -> None:
    files = {"a/resolver/Dockerfile": CHECKED, "b/resolver/Dockerfile": CHECKED}
    assert [f.severity for f in found(MAILSTACK, "LD403", files)] == ["warning"]


def test_folders_named_after_the_image_and_its_tag_pick_one_of_several_versions() -> None:
    """vulhub's shape: ``base/NAME/TAG/Dockerfile`` for ``vulhub/NAME:TAG``."""
    files = {
        "base/resolver/1.25.1-1/Dockerfile": CHECKED,
        "base/resolver/1.19/Dockerfile": UNCHECKED,
    }
    assert found(MAILSTACK, "LD403", files) == []
    files = {"base/resolver/1.19/Dockerfile": CHECKED, "base/resolver/1.18/Dockerfile": CHECKED}
    assert [f.severity for f in found(MAILSTACK, "LD403", files)] == ["warning"]
    images = RepositoryImages.build([], [], ["base/resolver/1.25.1-1/Dockerfile"], bool)
    source = images.source_of("ghcr.io/acme/resolver:1.25.1-1")
    assert source is not None and source.evidence == (
        "its folders base/resolver/1.25.1-1/ are named after the image and its tag"
    )
    camel = RepositoryImages.build([], [], ["NodeBase/Dockerfile"], bool)
    source = camel.source_of("selenium/node-base:4.27")  # SeleniumHQ's folders
    assert source is not None and source.dockerfile == "NodeBase/Dockerfile"
    untagged = RepositoryImages.build([], [], ["docker/toolbox/latest/Dockerfile"], bool)
    source = untagged.source_of("webdevops/toolbox")  # Docker pulls :latest: its folder
    assert source is not None and source.dockerfile == "docker/toolbox/latest/Dockerfile"


def test_an_official_image_is_not_linked_to_a_folder_of_its_name() -> None:
    compose = """\
        services:
          app:
            image: example/app:1
            depends_on:
              redis:
                condition: service_healthy
          redis:
            image: redis:7
        """
    files = {"redis/Dockerfile": "FROM redis:7\nHEALTHCHECK CMD redis-cli ping\n"}
    [finding] = found(compose, "LD403", files)
    assert finding.severity == "error"  # Official Images define no HEALTHCHECK


# Another compose file of the repository builds and tags the image the deployment pulls.
DEPLOY = """\
    services:
      web:
        image: example/web:2
        depends_on:
          api:
            condition: service_healthy
      api:
        image: registry.example.com/team/api:1.4
    """
BUILD_COMPOSE = """\
    services:
      api:
        build:
          context: ../src/api
          target: runtime
        image: registry.example.com/team/api:${TAG:-dev}
    """
API_DOCKERFILE = """\
    FROM python:3.12-slim AS runtime
    HEALTHCHECK CMD ["python", "-m", "api.health"]
    CMD ["python", "-m", "api"]

    FROM runtime AS debug
    HEALTHCHECK NONE
    """


def test_a_compose_service_elsewhere_that_builds_and_tags_the_image_links_it() -> None:
    files = {"build/compose.yaml": BUILD_COMPOSE, "src/api/Dockerfile": API_DOCKERFILE}
    assert found(DEPLOY, "LD403", files) == []


def test_the_linked_build_without_healthcheck_is_an_error_naming_it() -> None:
    files = {"build/compose.yaml": BUILD_COMPOSE, "src/api/Dockerfile": "FROM scratch AS runtime\n"}
    assert found(DEPLOY, "LD403", files) == [
        Found("LD403", "compose.yaml", (6, 20, 6, 35), "web", "error")
    ]
    [diagnostic] = lint(DEPLOY, "LD403", files)
    assert (
        "its image registry.example.com/team/api:1.4 is built from src/api/Dockerfile (the "
        'service "api" of build/compose.yaml builds and tags it), which has no HEALTHCHECK'
    ) in diagnostic.message


BAKE = """\
    # the images of the project
    variable "REGISTRY" {
      default = "registry.example.com/team"
    }
    variable "TAG" { default = "latest" }

    function "tags" {
      params = [name]
      result = [
        "${REGISTRY}/${name}:${TAG}",
        notequal("", TAG) ? "${REGISTRY}/${name}:stable" : "",
      ]
    }

    target "defaults" {
      dockerfile = "Dockerfile"
    }

    target "api" {
      inherits = ["defaults"]
      context  = "src/api"
      target   = "runtime"
      tags     = tags("api")
    }
    """


def test_a_bake_target_that_tags_the_image_links_it() -> None:
    files = {"docker-bake.hcl": BAKE, "src/api/Dockerfile": API_DOCKERFILE}
    assert found(DEPLOY, "LD403", files) == []


def test_a_bake_file_passed_with_f_from_the_root_resolves_its_context_from_above() -> None:
    # Mailu's tests/build.hcl: "run this from the root", its contexts are the root's folders
    files = {"tests/build.hcl": BAKE, "src/api/Dockerfile": "FROM scratch AS runtime\n"}
    [diagnostic] = lint(DEPLOY, "LD403", files)
    assert 'the Bake target "api" of tests/build.hcl tags it' in diagnostic.message


def test_a_bake_json_target_links_it() -> None:
    bake = """\
        {
          "variable": {"TAG": {"default": "1.4"}},
          "target": {
            "api": {"context": "src/api", "target": "runtime",
                    "tags": ["registry.example.com/team/api:${TAG}"]}
          }
        }
        """
    files = {"docker-bake.json": bake, "src/api/Dockerfile": API_DOCKERFILE}
    assert found(DEPLOY, "LD403", files) == []
    per_release = {"bakefiles/4.6.1.docker-bake.json": bake, "src/api/Dockerfile": API_DOCKERFILE}
    assert found(DEPLOY, "LD403", per_release) == []  # rocker's bakefiles/, one per release


def test_ld102_names_the_linked_dockerfile() -> None:
    compose = """\
        services:
          web:
            image: example/web:2
            depends_on: [api]
          api:
            image: registry.example.com/team/api:1.4
        """
    files = {"docker-bake.hcl": BAKE, "src/api/Dockerfile": "FROM scratch AS runtime\n"}
    [diagnostic] = lint(compose, "LD102", files)
    assert (diagnostic.span.line, diagnostic.span.column, diagnostic.severity.label) == (
        5,
        3,
        "warning",
    )
    assert "its image registry.example.com/team/api:1.4 is built from src/api/Dockerfile" in (
        diagnostic.message
    )


def test_references_are_compared_without_docker_hubs_implied_parts() -> None:
    assert normal_reference("docker.io/library/Redis:7@sha256:abc") == "redis:7"
    assert normal_reference("ghcr.io/acme/api:${TAG}") is None
    assert normal_reference("docker.io//:") is None
    images = RepositoryImages.build([], [], ["images/api/Dockerfile"], lambda _path: True)
    source = images.source_of("ghcr.io/acme/api:9")
    assert source is not None and (source.dockerfile, source.certain) == (
        "images/api/Dockerfile",
        False,
    )
    assert images.source_of("api:9") is None  # an Official Image's name
