"""LD8 container security, Compose side: compose-lint's rules and CIS (LD801-LD849)."""

from __future__ import annotations

from lintdock.rules.base import COMPOSE
from lintdock.rules.catalog import ERROR, INFO, WARNING, entry

RULES = (
    entry(
        "LD801",
        "host-control-socket-mounted",
        ERROR,
        (
            "A service mounts the Docker socket (or containerd's, Podman's, systemd's, or a "
            "directory holding one): whoever controls the container controls the host."
        ),
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0001",),
        has_options=True,
        security_severity=9.0,
    ),
    entry(
        "LD802",
        "privileged-container",
        ERROR,
        "privileged: true turns off nearly all container isolation.",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0002",),
        has_options=True,
        security_severity=9.0,
    ),
    entry(
        "LD803",
        "no-new-privileges-missing",
        INFO,
        (
            "security_opt does not set no-new-privileges:true, so setuid binaries in the "
            "container can raise a process's privileges."
        ),
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=("compose-lint:CL-0003",),
        fixable=True,
        enabled_by_default=False,
        security_severity=4.0,
    ),
    entry(
        "LD804",
        "image-without-digest",
        INFO,
        "An image is named by tag only: the tag can be moved to different content.",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0019",),
        defers_to=("LD704",),
        enabled_by_default=False,
        security_severity=3.0,
    ),
    entry(
        "LD805",
        "port-on-all-interfaces",
        INFO,
        (
            "A database, cache or broker port is published on every host interface (no host IP, "
            "or 0.0.0.0/::): Docker bypasses the host firewall, so any network reaches it."
        ),
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0005", "dclint:no-unbound-port-interfaces"),
        fixable=True,
        security_severity=5.0,
        has_options=True,
    ),
    entry(
        "LD806",
        "capabilities-not-dropped",
        INFO,
        "cap_drop does not drop ALL: the container keeps Docker's default capabilities.",
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=("compose-lint:CL-0006",),
        enabled_by_default=False,
        security_severity=4.0,
    ),
    entry(
        "LD807",
        "root-filesystem-writable",
        INFO,
        "read_only is not true: a compromised process can change the container's filesystem.",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0007",),
        fixable=True,
        enabled_by_default=False,
        security_severity=3.0,
    ),
    entry(
        "LD808",
        "host-namespace-shared",
        WARNING,
        (
            "network_mode, pid, ipc, uts, userns_mode or cgroup is host: the container shares "
            "that namespace with the host."
        ),
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=("compose-lint:CL-0008", "compose-lint:CL-0010"),
        has_options=True,
        security_severity=7.0,
    ),
    entry(
        "LD809",
        "security-profile-disabled",
        WARNING,
        "security_opt turns off seccomp, AppArmor or SELinux confinement (unconfined, disable).",
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=("compose-lint:CL-0009",),
        has_options=True,
        security_severity=7.5,
    ),
    entry(
        "LD810",
        "capability-host-takeover",
        ERROR,
        "cap_add grants ALL, SYS_ADMIN, SYS_MODULE or SYS_RAWIO: a way to run code on the host.",
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=("compose-lint:CL-0024",),
        has_options=True,
        security_severity=9.0,
    ),
    entry(
        "LD811",
        "capability-host-reach",
        WARNING,
        (
            "cap_add grants a capability whose effect reaches past the container (NET_ADMIN, "
            "BPF, SYS_BOOT, PERFMON, SYS_TIME, SYS_NICE, IPC_LOCK, LEASE, SYSLOG)."
        ),
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=(
            "compose-lint:CL-0011",
            "compose-lint:CL-0028",
            "compose-lint:CL-0029",
            "compose-lint:CL-0030",
        ),
        has_options=True,
        security_severity=7.0,
    ),
    entry(
        "LD812",
        "capability-bounded",
        INFO,
        (
            "cap_add grants SYS_PTRACE or DAC_READ_SEARCH: confined to the container, but more "
            "than most services need."
        ),
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=("compose-lint:CL-0027",),
        has_options=True,
        security_severity=4.0,
    ),
    entry(
        "LD813",
        "host-root-writable-mount",
        ERROR,
        (
            "A root-equivalent host path (/etc, /root, /boot, /proc, /var/lib/docker, /usr, "
            "/bin, /lib...) is mounted writable: writing there is root on the host."
        ),
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0025",),
        security_severity=9.0,
    ),
    entry(
        "LD814",
        "sensitive-host-path-mounted",
        WARNING,
        (
            "A host path holding kernel interfaces, devices, runtime state or credentials (/sys, "
            "/dev, /home, ~/.ssh, /run/..., /etc read-only...) is mounted into the container."
        ),
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0013",),
        has_options=True,
        security_severity=6.5,
    ),
    entry(
        "LD815",
        "dangerous-device",
        ERROR,
        (
            "devices hands the container a host disk, /dev itself, /dev/mem-class memory or "
            "the kernel log: direct hardware access past every isolation."
        ),
        views=(COMPOSE,),
        defers_to=("LD802",),
        equivalents=("compose-lint:CL-0016",),
        has_options=True,
        security_severity=8.5,
    ),
    entry(
        "LD816",
        "shared-mount-propagation",
        INFO,
        (
            "A bind mount propagates mounts both ways (shared or rshared): mounts the "
            "container makes appear on the host."
        ),
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0017",),
        security_severity=4.0,
    ),
    entry(
        "LD817",
        "explicit-root-user",
        WARNING,
        "user: root (or UID 0) runs the service as root, overriding the image's own USER.",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0018",),
        security_severity=5.0,
    ),
    entry(
        "LD818",
        "credential-in-environment",
        WARNING,
        (
            "An environment variable whose name says it holds a credential (PASSWORD, TOKEN, "
            "SECRET, API_KEY...) is given a literal value: use secrets or an unset variable."
        ),
        views=(COMPOSE,),
        defers_to=("LD819",),
        equivalents=("compose-lint:CL-0020",),
        has_options=True,
        security_severity=7.0,
    ),
    entry(
        "LD819",
        "credential-in-connection-string",
        WARNING,
        "An environment value is a URL with a literal password (scheme://user:password@host).",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0021",),
        has_options=True,
        security_severity=7.0,
    ),
    entry(
        "LD820",
        "tmpfs-exec-or-suid",
        INFO,
        "A tmpfs mount turns on exec or suid, which Docker's tmpfs default turns off.",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0022",),
        security_severity=3.5,
    ),
    entry(
        "LD821",
        "logging-disabled",
        INFO,
        "logging.driver is none: the service's output is thrown away.",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0014",),
        security_severity=3.0,
    ),
    entry(
        "LD822",
        "resource-limits-missing",
        INFO,
        "No memory or no CPU limit: the container can take the host's memory or CPU.",
        views=(COMPOSE,),
        equivalents=("compose-lint:CL-0026",),
        enabled_by_default=False,
        security_severity=4.0,
    ),
)
