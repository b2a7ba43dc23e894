"""Which Dockerfile builds an image, and which containers serve: bases named by ARG defaults
followed through the repository's own images, a folder named after a pulled image only "may
define" it, build-only and one-shot containers (LD101, LD102, LD109)."""

from __future__ import annotations

from ld1_helpers import Hit, hits, run

NOTEBOOK_BASE = """\
FROM ubuntu:24.04
EXPOSE 8888
HEALTHCHECK CMD ["/etc/jupyter/healthcheck.py"]
CMD ["start-notebook.py"]
"""
BUILT_ON_IT = """\
# stacks built on each other, named by build arguments
ARG REGISTRY=quay.io
ARG OWNER=jupyter
ARG BASE_IMAGE=$REGISTRY/$OWNER/{base}
FROM $BASE_IMAGE
EXPOSE {port}
"""


def test_a_base_named_by_arg_defaults_lends_its_healthcheck_through_the_chain() -> None:
    files = {
        "images/base-notebook/Dockerfile": NOTEBOOK_BASE,
        "images/minimal-notebook/Dockerfile": BUILT_ON_IT.format(base="base-notebook", port=80),
        "images/spark/Dockerfile": BUILT_ON_IT.format(base="minimal-notebook", port=4040),
        "images/other/Dockerfile": BUILT_ON_IT.format(base="elsewhere-notebook", port=81),
    }
    assert hits(files, "LD101") == [Hit("images/other/Dockerfile", 5, 1, 5, 17, "warning")]


AIRFLOW_COMPOSE = """\
services:
  webserver:
    image: apache/airflow:3.0.5
    command: webserver
    ports: ["8080:8080"]
    healthcheck:
      test: ["CMD", "curl", "--fail", "http://localhost:8080/health"]
  scheduler:
    image: apache/airflow:3.0.5
    command: ["sh", "-c", "until curl -sf http://webserver:8080; do sleep 2; done; exec airflow"]
"""


def test_a_folder_named_after_a_pulled_image_does_not_decide_what_is_in_it() -> None:
    files = {
        "airflow/Dockerfile": 'FROM python:3.8-alpine\nCMD ["airflow", "webserver"]\n',
        "airflow/docker-compose.yml": AIRFLOW_COMPOSE,
    }
    assert hits(files, "LD109") == []


BUILD_CHAIN = """\
services:
  build-base:
    build:
      context: ./Dockerfiles/build-base
    image: ${BUILD_BASE_IMAGE:-app-build-base}:local
    attach: false
  build-sqlite3:
    build:
      context: ./Dockerfiles/build-sqlite3
      args:
        BUILD_BASE_IMAGE: ${BUILD_BASE_IMAGE:-app-build-base}:local
    image: app-build-sqlite3:local
    depends_on: [build-base]
  proxy:
    build:
      context: ./Dockerfiles/proxy
      args:
        - BUILD_BASE_IMAGE=app-build-sqlite3:local
    image: app-proxy:local
    depends_on: [build-sqlite3, db]
  db:
    build:
      context: ./Dockerfiles/db
    image: app-db:local
"""


def test_a_build_only_service_is_no_dependency_to_wait_for() -> None:
    files = {
        "compose.yaml": BUILD_CHAIN,
        "Dockerfiles/build-base/Dockerfile": "FROM alpine:3.20\nRUN apk add --no-cache gcc\n",
        "Dockerfiles/build-sqlite3/Dockerfile": (
            "ARG BUILD_BASE_IMAGE\nFROM ${BUILD_BASE_IMAGE}\nRUN make sqlite3\n"
        ),
        "Dockerfiles/proxy/Dockerfile": (
            'ARG BUILD_BASE_IMAGE\nFROM ${BUILD_BASE_IMAGE} AS b\nFROM alpine\nCMD ["proxy"]\n'
        ),
        "Dockerfiles/db/Dockerfile": 'FROM alpine\nEXPOSE 5432\nCMD ["db"]\n',
    }
    assert hits(files, "LD102") == [Hit("compose.yaml", 21, 3, 21, 5, "warning", "db")]


def test_an_entrypoint_copied_by_a_glob_is_read() -> None:
    dockerfile = 'FROM alpine:3.20\nCOPY --chmod=770 *.sh /\nENTRYPOINT ["/start.sh"]\n'
    script = '#!/bin/bash\nborg create ::backup /data\nexec "$@"\n'
    assert hits({"backup/Dockerfile": dockerfile, "backup/start.sh": script}, "LD101") == []


def test_a_hello_world_prints_and_exits_but_one_that_exposes_a_port_serves() -> None:
    files = {
        "cc/Dockerfile": 'FROM gcr.io/distroless/cc\nCOPY hello /app/\nCMD ["./hello"]\n',
        "py/Dockerfile": 'FROM gcr.io/distroless/python3\nCMD ["hello.py", "/etc"]\n',
        "express/Dockerfile": (
            'FROM gcr.io/distroless/nodejs22\nEXPOSE 3000\nCMD ["hello_express.js"]\n'
        ),
        "r/Dockerfile": 'FROM ubuntu:24.04\nCMD ["R"]\n',
    }
    assert hits(files, "LD101") == [Hit("express/Dockerfile", 1, 1, 1, 32, "warning")]


API_NEEDS_LOCAL_DB = """\
services:
  api:
    image: shop-api
    depends_on: [db]
  db:
    image: shop-db
"""


def test_a_name_without_a_namespace_may_be_an_image_built_locally() -> None:
    compose = API_NEEDS_LOCAL_DB
    [finding] = run({"compose.yaml": compose}, "LD102")
    assert "its image shop-db has no namespace: a Docker Official Image" in finding.message
    assert "unless it is built locally under that name" in finding.message


def test_a_base_image_is_told_at_info_with_the_reason() -> None:
    dockerfile = 'FROM tomcat:8.5-jre8\nCOPY app.war webapps/\nCMD ["catalina.sh", "run"]\n'
    files = {"base/tomcat/8.5/Dockerfile": dockerfile, "app/Dockerfile": dockerfile}
    assert hits(files, "LD101") == [
        Hit("app/Dockerfile", 1, 1, 1, 21, "warning"),
        Hit("base/tomcat/8.5/Dockerfile", 1, 1, 1, 21, "info"),
    ]
    [_, base] = run(files, "LD101")
    assert "This is a base image (in a base/ folder): the images built FROM it inherit" in (
        base.message
    )


TEST_HARNESS = """\
services:
  composer:
    image: localhost/composer:latest
    build: ../../Containers/composer
  app-base:
    image: ghcr.io/acme/all-in-one:develop
    entrypoint: bash /start.sh
    profiles: [none]
  app-from-image:
    extends: app-base
    profiles: [from-image]
  app-local-code:
    extends: app-base
    volumes:
      - ../../Containers/master/start.sh:/start.sh
    profiles: [local-code]
  runner:
    image: mcr.microsoft.com/playwright:v1.50.0
    depends_on:
      app-from-image:
        condition: service_healthy
"""


def test_a_source_file_mounted_over_the_image_links_its_dockerfile() -> None:
    files = {
        "php/tests/compose.yaml": TEST_HARNESS,
        "Containers/composer/Dockerfile": "FROM composer:2\n",
        "Containers/master/Dockerfile": (
            'FROM php:8.3-fpm-alpine\nCOPY Containers/master/*.sh /\nENTRYPOINT ["/start.sh"]\n'
            "HEALTHCHECK CMD /healthcheck.sh\n"
        ),
        "Containers/master/start.sh": "#!/bin/bash\nexec supervisord\n",
    }
    assert hits(files, "LD403") == []
    without_mount = TEST_HARNESS.replace(
        "    volumes:\n      - ../../Containers/master/start.sh:/start.sh\n", ""
    )
    assert hits({**files, "php/tests/compose.yaml": without_mount}, "LD403") == [
        Hit("php/tests/compose.yaml", 19, 20, 19, 35, "warning", "runner")
    ]
