"""Docker Official Images known to define no HEALTHCHECK.

The Official Images program does not add health checks to its images (the docker-library FAQ,
"healthcheck"; the rationale in docker-library/cassandra#76), so a service that runs one of
these without a compose ``test`` has no health check: a fact, not a guess. The table holds only
images maintained without one; an Official Image whose upstream adds a HEALTHCHECK (``kong``)
is not in it, nor is any image of another namespace or registry.
"""

from __future__ import annotations

WITHOUT_HEALTHCHECK = frozenset(
    {
        *("postgres", "mysql", "mariadb", "redis", "mongo", "memcached", "rabbitmq"),
        *("cassandra", "couchdb", "influxdb", "zookeeper", "nginx", "httpd", "haproxy"),
        *("wordpress", "ghost", "drupal", "redmine"),
    }
)
DOCKER_HUB = ("docker.io/", "index.docker.io/", "registry-1.docker.io/")


def official_without_healthcheck(reference: str) -> bool:
    """Whether an image reference (``postgres:16``, ``docker.io/library/redis@sha256:…``) names
    an Official Image of the table."""
    name = reference.split("@", 1)[0].lower()
    for registry in DOCKER_HUB:
        name = name.removeprefix(registry)
    name = name.removeprefix("library/")
    if "/" in name:
        return False
    return name.split(":", 1)[0] in WITHOUT_HEALTHCHECK
