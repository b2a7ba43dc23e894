"""Docker Official Images: those known to define no HEALTHCHECK, those whose entrypoint
gives up root before it starts the server, and those that set a working directory.

The Official Images program does not add health checks to its images (the docker-library FAQ,
"healthcheck"; the rationale in docker-library/cassandra#76), so a service that runs one of
these without a compose ``test`` has no health check: a fact, not a guess. The table holds only
images maintained without one; an Official Image whose upstream adds a HEALTHCHECK (``kong``)
is not in it, nor is any image of another namespace or registry.
"""

from __future__ import annotations

import re

from lintdock.facts.images import repository_of

SERVERS = frozenset(
    {
        *("postgres", "mysql", "mariadb", "redis", "mongo", "memcached", "rabbitmq"),
        *("cassandra", "couchdb", "influxdb", "zookeeper", "nginx", "httpd", "haproxy"),
        *("wordpress", "ghost", "drupal", "redmine", "tomcat", "adminer", "eclipse-mosquitto"),
        *("nats", "elasticsearch", "kibana", "traefik", "registry", "caddy", "nextcloud"),
        "telegraf",
    }
)
"""Official Images whose CMD runs a server."""
WITHOUT_HEALTHCHECK = SERVERS | frozenset(
    {
        *("node", "python", "golang", "ruby", "php", "openjdk", "eclipse-temurin"),
        *("busybox", "alpine", "debian", "ubuntu"),
    }
)
DOCKER_HUB = ("docker.io/", "index.docker.io/", "registry-1.docker.io/")
OFFICIAL_IMAGES = WITHOUT_HEALTHCHECK | frozenset(
    {
        *("aerospike", "almalinux", "amazoncorretto", "amazonlinux", "arangodb"),
        *("archlinux", "backdrop", "bash", "bonita", "buildpack-deps", "centos", "chronograf"),
        *("cirros", "clearlinux", "clickhouse", "clojure", "composer", "consul", "convertigo"),
        *("couchbase", "crate", "dart", "docker", "eggdrop", "elixir"),
        *("emqx", "erlang", "fedora", "flink", "fluentd", "friendica", "gazebo", "gcc"),
        *("geonetwork", "gradle", "groovy", "haskell", "haxe", "hello-world", "hitch"),
        *("hylang", "ibm-semeru-runtimes", "ibmjava", "irssi", "jetty", "jobber", "joomla"),
        *("jruby", "julia", "kapacitor", "kong", "krakend", "lightstreamer", "liquibase"),
        *("logstash", "mageia", "matomo", "maven", "mediawiki", "mongo-express", "monica"),
        *("mono", "neo4j", "neurodebian", "notary", "odoo", "open-liberty"),
        *("oraclelinux", "orientdb", "percona", "perl", "photon", "phpmyadmin", "plone"),
        *("postfixadmin", "pypy", "r-base", "rakudo-star", "rethinkdb", "rocket.chat"),
        *("rockylinux", "ros", "rust", "sapmachine", "satosa", "silverpeas", "solr"),
        *("sonarqube", "spark", "spiped", "storm", "swift", "swipl", "teamspeak", "tomee"),
        *("unit", "varnish", "websphere-liberty", "xwiki", "yourls", "znc"),
        # deprecated, still pulled
        *("adoptopenjdk", "celery", "django", "glassfish", "iojs", "java", "jenkins"),
        *("nats-streaming", "opensuse", "owncloud", "piwik", "rails", "sentry", "swarm"),
        "vault",
    }
)
"""Docker Official Images (the ``library/`` namespace of Docker Hub, which no one else can
push to), those deprecated but still on Docker Hub included: a name without namespace or
registry that is not one of them exists only where something builds it."""


ROOT_DROPPING_SERVERS = {
    "postgres": ("postgres",),
    "mysql": ("mysqld",),
    "mariadb": ("mariadbd", "mysqld"),
    "redis": ("redis-server",),
    "mongo": ("mongod", "mongos"),
    "rabbitmq": ("rabbitmq-server",),
    "cassandra": ("cassandra",),
    "couchdb": ("couchdb",),
    "zookeeper": ("zkServer.sh",),
}
"""Official Images that define no USER and whose ``docker-entrypoint.sh``, started as root,
fixes the ownership of the data directory and re-runs itself as the server's own user
(``exec gosu postgres``, or setpriv for couchdb): image -> the server programs it does so
for. A command of options (``-c max_connections=200``, ``--appendonly yes``) runs the server
too."""

ROOT_DROPPING_IMAGES = {
    "clickhouse/clickhouse-server": ("clickhouse-server", "clickhouse"),
    "yandex/clickhouse-server": ("clickhouse-server", "clickhouse"),
    "ghcr.io/goauthentik/server": ("server", "worker"),
    "beryju/authentik": ("server", "worker"),
}
"""Images whose entrypoint starts as root and re-runs their work as another user by design:
ClickHouse's re-runs the server as ``clickhouse`` (``clickhouse su``); authentik's ``ak`` fixes
permissions and re-runs itself as ``authentik`` (``chpst``)."""

SERVING_MASTERS = frozenset(
    {"nginx", "httpd", "httpd-foreground", "apache2", "apache2-foreground", "dovecot"}
)
"""Servers whose master process starts as root and runs the workers that serve as the user
their configuration names (nginx's ``user``, Apache's ``User``, PHP-FPM's pool ``user``,
Dovecot's service users): USER would stop the master binding its port and opening its logs."""
_PHP_FPM = re.compile(r"php-?fpm[\d.]*")
"""PHP-FPM under its names (``php-fpm``, Alpine's ``php-fpm83``, Debian's ``php-fpm8.2``)."""
SERVER_PROGRAMS = {
    "nginx": (("", "nginx"),),
    "httpd": (("", "httpd-foreground"),),
    "php": (("fpm", "php-fpm"), ("apache", "apache2-foreground")),
}
"""The serving master an image's own CMD runs, by a word of its tag (``""``: every tag):
``php``'s ``-fpm`` and ``-apache`` tags serve, its ``cli`` tags run PHP itself as root."""


def serving_master(program: str) -> bool:
    """Whether ``program`` (a basename) is a server whose master gives up root for its workers."""
    return program in SERVING_MASTERS or _PHP_FPM.fullmatch(program) is not None


WORKDIRS = {
    "php": "/var/www/html",
    "wordpress": "/var/www/html",
    "drupal": "/opt/drupal",
    "ghost": "/var/lib/ghost",
    "golang": "/go",
    "haproxy": "/var/lib/haproxy",
    "httpd": "/usr/local/apache2",
    "redis": "/data",
    "tomcat": "/usr/local/tomcat",
    "elasticsearch": "/usr/share/elasticsearch",
    "kibana": "/usr/share/kibana",
    "logstash": "/usr/share/logstash",
    "docker.elastic.co/elasticsearch/elasticsearch": "/usr/share/elasticsearch",
    "docker.elastic.co/kibana/kibana": "/usr/share/kibana",
    "docker.elastic.co/logstash/logstash": "/usr/share/logstash",
}
"""Official Images (and Elastic's own registry copies of theirs) whose Dockerfile sets a
WORKDIR (every variant), and where: a relative COPY
in an image built FROM one lands there, as its documentation shows (``COPY src/
/var/www/html/`` is ``COPY src/ .`` on ``php``)."""


def official_name(reference: str) -> str | None:
    """The repository of a Docker Official Image reference (``postgres:16``,
    ``docker.io/library/redis@sha256:…`` give ``postgres``, ``redis``), else None (another
    namespace or registry, or a variable)."""
    name = reference.split("@", 1)[0].lower()
    for registry in DOCKER_HUB:
        name = name.removeprefix(registry)
    name = name.removeprefix("library/")
    if "/" in name or "$" in name:
        return None
    return name.split(":", 1)[0] or None


def official_server(reference: str) -> bool:
    """Whether an image reference names an Official Image whose CMD runs a server."""
    return official_name(reference) in SERVERS


def official_without_healthcheck(reference: str) -> bool:
    """Whether an image reference names an Official Image of the table."""
    return official_name(reference) in WITHOUT_HEALTHCHECK


def drops_root_for(reference: str, command: str | None) -> str | None:
    """The image of ``reference`` (an Official Image's name, or another publisher's repository)
    when its entrypoint, or the server it runs, gives up root before running ``command`` (the
    first word of the service's command; None: the image's own CMD)."""
    name = official_name(reference) or repository_of(reference)
    if not name:
        return None
    runs = command.rsplit("/", 1)[-1] if command and not command.startswith("-") else None
    own = _own_program(name, reference)
    if own is not None and serving_master(runs or own):
        return name
    programs = ROOT_DROPPING_SERVERS.get(name) or ROOT_DROPPING_IMAGES.get(name)
    if programs is None or (runs is not None and runs not in programs):
        return None
    return name


def _own_program(name: str, reference: str) -> str | None:
    """The serving master the image's own CMD runs (``SERVER_PROGRAMS``), or None."""
    tag = reference.rsplit("/", 1)[-1].partition(":")[2].lower()
    return next((p for word, p in SERVER_PROGRAMS.get(name, ()) if word in tag), None)


def official_workdir(reference: str) -> str | None:
    """The working directory the Official Image of ``reference`` sets, if it sets one."""
    return WORKDIRS.get(official_name(reference) or repository_of(reference))
