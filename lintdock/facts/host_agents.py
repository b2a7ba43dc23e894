"""Whether a service's image is a known host agent whose job needs a grant: a monitoring agent
reads the host's processes, a VPN configures interfaces, a container manager drives the Docker
API. The container security rules (LD801, LD808, LD810, LD811, LD812, LD814, LD815) leave such a
grant alone, or say it is the job, instead of asking the author to remove it.

An image is named by the words of its repository path, registry, tag and digest left out
(``ghcr.io/analogj/scrutiny:master`` is ``analogj scrutiny``, ``prom/node-exporter`` is ``prom
node exporter``), and a vocabulary name matches when its words come in a row among them
(``node-exporter``, ``drone-agent`` for ``drone/agent``). A service built here is known by the
image it names and by the image its Dockerfile starts FROM.

The vocabularies below are the rules' option defaults, one per kind of grant; users extend
them in the rules' options."""

from __future__ import annotations

from collections.abc import Iterable

from lintdock.facts.images import VARIABLE, named, parse_reference
from lintdock.model.compose import Service
from lintdock.project import Project

DOCKER_API_PROXIES = ("docker-socket-proxy", "socket-proxy", "dockerproxy", "dockerapi")
"""Socket proxies and Docker-API brokers: they hold the socket so that nothing else needs to
(``tecnativa/docker-socket-proxy``, ``linuxserver/socket-proxy``, mailcow's ``dockerapi``)."""

DOCKER_API_DRIVERS = (
    *("portainer", "dockge", "komodo-periphery", "yacht", "arcane", "dockhand"),
    *("watchtower", "tugtainer", "ouroboros", "ofelia", "docker-volume-backup"),
    *("gitlab-runner", "drone-runner", "drone-agent", "woodpecker-agent", "actions-runner"),
    *("github-runner", "buildkite-agent", "selenoid", "node-docker", "standalone-docker"),
    *("pterodactyl-wings", "openruntimes-executor", "coder", "openhands", "gzctf", "kestra"),
    *("triggerdotdev", "1dev", "mcsmanager-daemon", "discopanel", "nextcloud-releases-all-in-one"),
)
"""Images whose job is to create, start, update or exec into containers: container managers
(Portainer and its agent, Dockge, Komodo's periphery), updaters and schedulers (Watchtower,
Ofelia), CI runners (GitLab, Drone, Woodpecker, GitHub Actions), browser grids that start a
container per session (Selenoid, Selenium's ``node-docker``), game-server daemons (Pterodactyl
Wings, MCSManager, DiscoPanel), platforms that run their workloads as containers (Coder's
workspaces, OpenHands' sandboxes, GZCTF's challenges, Kestra's tasks, Trigger.dev, OneDev's CI
jobs, Appwrite's functions, Nextcloud All-in-One's master container). A socket proxy in front
of them would have to pass nearly every call."""

VPN_IMAGES = (
    *("wireguard", "wg", "wg-easy", "openvpn", "tailscale", "zerotier", "netbird", "firezone"),
    *("gluetun", "strongswan", "ipsec", "softether", "vpn", "n2n", "pptp", "openconnect"),
)
"""VPNs and mesh networks: their tunnel interface is their job (``/dev/net/tun``, NET_ADMIN,
and often the host's network)."""

TUNNEL_IMAGES = (
    *("cloudflared", "playit", "frp", "frps", "frpc", "rathole", "ngrok", "chisel", "zrok"),
)
"""Tunnel clients and servers that carry the host's own ports to or from elsewhere (Cloudflare
Tunnel, playit.gg, frp): the host's services they forward listen on its loopback."""

NETBOOT_IMAGES = ("netbootxyz", "netboot", "tftpd", "tftp", "pxe", "iventoy")
"""Network boot servers (PXE, TFTP): they answer broadcasts on the host's LAN."""

DHCP_SERVER_IMAGES = ("pihole", "adguardhome", "technitium", "dnsmasq", "kea", "dhcpd")
"""DNS servers with a DHCP server of their own, and DHCP servers: answering DHCP broadcasts
takes the host's network and NET_ADMIN."""

LAN_SCANNER_IMAGES = ("netalertx", "watchyourlan", "keinstien-atlas", "arpwatch")
"""LAN scanners, which find the devices on the host's network by ARP and raw sockets."""

VM_IMAGES = ("dockurr", "qemux", "qemu")
"""Virtual machines in a container (dockurr's Windows and macOS, qemux's QEMU): their network
is a tap device they configure (NET_ADMIN, ``/dev/net/tun``), their CPU ``/dev/kvm``."""

BLUETOOTH_IMAGES = ("home-assistant", "homeassistant", "hass")
"""Home automation that drives a Bluetooth adapter, which takes NET_ADMIN on Linux."""

HOST_NETWORK_IMAGES = (
    *(*DHCP_SERVER_IMAGES, "ddns", "upsnap", *NETBOOT_IMAGES, *TUNNEL_IMAGES),
    *(*BLUETOOTH_IMAGES, "homebridge", "matter-server", "matterbridge"),
    *("esphome", "homey", "gladys", "scrypted", "otbr", "mdns-repeater", "omada-controller"),
    *("music-assistant", "plex", "pms-docker", "jellyfin", "aircast", "airconnect"),
    *("eufy-security-ws", *LAN_SCANNER_IMAGES, "ntopng", "zeek", "suricata"),
    *("maltrail", "passivedns", "dnsmonster", "bettercap", "aircrack-ng", "tcpdump"),
    *("fail2ban", "netfilter", *VPN_IMAGES, "node-exporter", "netdata", "beszel-agent"),
    "glances",
)
"""Images that work on the host's own network: DNS and DHCP servers, wake-on-LAN, PXE and
TFTP, tunnels that forward the host's ports, home automation and media servers that discover
devices by mDNS, SSDP or broadcast, LAN scanners and network sensors, firewall managers, VPNs
and mesh networks, and host metrics agents."""

HOST_MONITOR_IMAGES = (
    *("netdata", "glances", "node-exporter", "cadvisor", "monit", "zabbix-agent"),
    *("zabbix-agent2", "telegraf", "metricbeat", "filebeat", "auditbeat", "packetbeat"),
    *("elastic-agent", "fleet-server", "promtail", "alloy", "fluent-bit", "fluentd"),
    *("timberio-vector", "opentelemetry-collector", "ebpf-profiler", "parca-agent"),
    *("datadog", "newrelic", "beszel-agent", "dashdot", "falco", "tracee", "tetragon"),
    *("crowdsec", "sysdig"),
)
"""Monitoring, log and security agents, whose job is to read the host: its processes
(``pid: host``, SYS_PTRACE for per-process metrics), ``/proc``, ``/sys``, cgroups, the kernel
log, the containers' logs under ``/var/lib/docker/containers``."""

DISK_MONITOR_IMAGES = ("scrutiny", "smartctl-exporter", "smartmontools")
"""Disk health monitors, which read SMART data from the raw disks (SYS_RAWIO, the disk
devices)."""

HARDWARE_IMAGES = (
    *(*DISK_MONITOR_IMAGES, "home-assistant", "homeassistant"),
    *("hass", "zigbee2mqtt", "zwave-js-ui", "matter-server", "otbr", "gladys", "octoprint"),
    *("scanservjs", "mediamtx", "esphome", "music-assistant", "selenium"),
)
"""Images whose job is hardware: disk health monitors (raw disks, ``/run/udev``), home
automation with USB radios and Bluetooth over D-Bus, 3D printers and scanners, camera
streams, browsers that share ``/dev/shm``."""

BACKUP_IMAGES = (
    *("duplicati", "kopia", "restic", "backrest", "borgmatic", "borg", "borgitory"),
    *("duplicacy", "urbackup", "rsnapshot", "resticker"),
)
"""Backup tools: reading users' files, past their permissions if need be, is their job, and
so is mounting a snapshot to browse it (FUSE, which takes SYS_ADMIN)."""

NESTED_RUNTIME_IMAGES = (
    *("docker:dind", "dind", "docker-in-docker", "sysbox", "podman", "buildkit", "kasm"),
    *("k3s", "k3d", "kindest node", "rancher rancher", "microk8s"),
)
"""Images that run containers inside themselves: Docker in Docker (``docker:dind`` and its
``-dind`` tags, ``cruizba/ubuntu-dind``), Podman, BuildKit's daemon, Kasm Workspaces, and
Kubernetes in a container (k3s, kind's nodes, Rancher): each needs ``privileged``, as its
documentation says. ``docker:dind`` matches the ``docker`` image with a tag that says
``dind``."""

SYS_ADMIN_IMAGES = (
    *("netbird", "zerotier", "netdata", "falco", "tracee", "tetragon", "ebpf-profiler"),
    *BACKUP_IMAGES,
    *("music-assistant", "collabora"),
)
"""Images whose documented setup adds SYS_ADMIN for their job: VPNs that manage routing
tables and network namespaces (NetBird, ZeroTier), monitoring and eBPF security agents
(Netdata's cgroup network view, Falco, Tracee), backup tools that mount snapshots over FUSE,
Music Assistant's SMB and NFS mounts, Collabora Online's per-document jails."""


def service_images(project: Project, service: Service) -> tuple[str, ...]:
    """The images that say what ``service`` runs: the one it names, and for one built here
    the image its Dockerfile starts FROM (``vimagick/dnsmonster`` is built FROM alpine, and
    docker-elk's unnamed metricbeat FROM ``docker.elastic.co/beats/metricbeat``)."""
    images = [service.image.value] if service.image is not None else []
    link = project.build_of(service)
    if link is not None:
        images.append(link.dockerfile.lineage(link.stage)[-1].base_image)
    return tuple(images)


def known_agent(project: Project, service: Service, names: Iterable[str]) -> str | None:
    """The name among ``names`` that one of the service's images matches (the job that needs
    the grant), or None."""
    names = tuple(names)
    for image in service_images(project, service):
        name = named(image, names)
        if name is not None:
            return name
    return None


def nested_runtime(project: Project, service: Service, names: Iterable[str]) -> str | None:
    """The name among ``names`` (``NESTED_RUNTIME_IMAGES``) of the container runtime the
    service's image runs, or None; ``docker:dind`` names Docker's image with a ``dind`` tag."""
    names = tuple(names)
    if "docker:dind" in names:
        for image in service_images(project, service):
            reference = parse_reference(image)
            if reference.path in ("docker", "library/docker") and "dind" in (reference.tag or ""):
                return "docker:dind"
    return known_agent(project, service, (name for name in names if name != "docker:dind"))


def own_names(project: Project, service: Service) -> frozenset[str]:
    """The applications the service runs by its images' names, the last component of each
    repository path (``pihole`` for ``pihole/pihole:2024.07``), lower case."""
    references = (VARIABLE.sub("", image) for image in service_images(project, service))
    return frozenset(
        parse_reference(reference).path.lower().rsplit("/", 1)[-1]
        for reference in references
        if reference.strip()
    )
