"""LD852 final-stage-without-user: the image that ships never sets USER."""

from __future__ import annotations

from collections.abc import Iterator

from lintdock.facts.dockerfile_security import privilege_drop, shipped_user
from lintdock.facts.images import repository_of
from lintdock.facts.stage_process import service_process
from lintdock.facts.trial_images import trial_image
from lintdock.model.diagnostic import Diagnostic
from lintdock.rules.base import Context

NON_ROOT_BASES = ("nonroot", "rootless", "non-root")
"""Words in a base image's name or tag that say it runs as a non-root user
(``gcr.io/distroless/static:nonroot``, ``docker:dind-rootless``)."""
NON_ROOT_IMAGES = (
    "grafana/grafana",
    "graylog/graylog",
    "elasticsearch",
    "kibana",
    "logstash",
    "docker.elastic.co/elasticsearch/",
    "docker.elastic.co/kibana/",
    "docker.elastic.co/logstash/",
    "selenium/",
    "mailhog/mailhog",
    "jenkins/jenkins",
    "jenkins/inbound-agent",
)
"""Images (by name, or name prefix ending in ``/``) whose own Dockerfile ends with a non-root
USER: grafana (472), graylog, Elastic's elasticsearch, kibana and logstash (1000), SeleniumHQ's
images (``seluser``), MailHog, Jenkins. An image built FROM one runs as that user."""


def check(context: Context) -> Iterator[Diagnostic]:
    project = context.project
    for dockerfile in project.dockerfiles:
        if not project.role(dockerfile.path).production:
            continue  # a base image, a test or development image: its users set USER
        for stage in project.final_stages(dockerfile):
            if shipped_user(dockerfile, stage) is not None:
                continue
            if trial_image(project, dockerfile, stage) is not None:
                continue  # a stage only development or test builds use (compose target: dev)
            if _runs_as_non_root(dockerfile.root_stage(stage).base_image):
                continue
            if service_process(project, dockerfile, stage) is None:
                continue  # no service of its own: the images built FROM it choose the user
            if privilege_drop(project, dockerfile, stage) is not None:
                continue  # it starts as root and runs its app as another user
            message = (
                f"the image that ships (FROM {stage.base.value}) never sets USER, so it runs as "
                "the base image's user, root for most images. Add a user and USER <name>, or "
                "pick a base that runs as non-root"
            )
            yield context.report(message, dockerfile.path, stage.from_instruction.keyword_span)


def _runs_as_non_root(base: str) -> bool:
    """Whether the base image is known to end with a non-root USER (by its name or tag)."""
    if any(word in base.lower() for word in NON_ROOT_BASES):
        return True
    name = repository_of(base)
    return any(
        name == image or (image.endswith("/") and name.startswith(image))
        for image in NON_ROOT_IMAGES
    )
