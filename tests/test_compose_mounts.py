"""Compose ``volumes``, ``tmpfs`` and ``devices`` entries as ``Mount`` models."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from lintdock.parsers.compose import load_compose


def mounts(body: str, key: str = "volumes") -> list[tuple[str, str | None, str | None, bool]]:
    text = f"services:\n  app:\n    image: x:1\n    {key}:\n{body}"
    [service] = load_compose([("compose.yaml", text)]).services
    found = service.devices if key == "devices" else service.mounts
    return [
        (
            m.kind,
            m.source.value if m.source else None,
            m.target.value if m.target else None,
            m.read_only,
        )
        for m in found
    ]


def test_short_syntax_kinds() -> None:
    body = (
        "      - /srv:/srv:ro\n      - ./data:/data\n      - ~/x:/x\n      - cache:/cache\n"
        "      - /anonymous\n      - 'C:\\data:/data'\n"
    )
    assert mounts(body) == [
        ("bind", "/srv", "/srv", True),
        ("bind", "./data", "/data", False),
        ("bind", "~/x", "/x", False),
        ("volume", "cache", "/cache", False),
        ("volume", None, "/anonymous", False),
        ("bind", "C:\\data", "/data", False),
    ]


def test_long_syntax_and_positions() -> None:
    text = (
        "services:\n  app:\n    image: x:1\n    volumes:\n      - type: bind\n"
        "        source: /etc\n        target: /e\n        read_only: true\n"
        "        bind:\n          propagation: rshared\n      - ./a:/b:rw,shared\n"
    )
    [service] = load_compose([("compose.yaml", text)]).services
    long, short = service.mounts
    assert (long.kind, long.read_only) == ("bind", True)
    assert long.source is not None and (long.source.span.line, long.source.span.column) == (6, 17)
    assert long.propagation is not None and long.propagation.value == "rshared"
    assert short.options == ("rw", "shared")
    assert short.propagation is not None
    assert (short.propagation.span.column, short.propagation.span.end_column) == (19, 25)


def test_tmpfs_and_devices() -> None:
    [service] = load_compose(
        [
            (
                "compose.yaml",
                "services:\n  a:\n    image: x:1\n    tmpfs: /run:exec,size=1m\n"
                "    devices: ['/dev/sda:/dev/xvda:rwm', '/dev/fuse']\n",
            )
        ]
    ).services
    [tmpfs] = service.mounts
    assert (tmpfs.kind, tmpfs.options) == ("tmpfs", ("exec", "size=1m"))
    sda, fuse = service.devices
    assert (sda.source and sda.source.value, sda.target and sda.target.value) == (
        "/dev/sda",
        "/dev/xvda",
    )
    assert sda.options == ("rwm",)
    assert fuse.target is not None and fuse.target.value == "/dev/fuse"


@given(st.text(alphabet=":/.~ab,rosh\\C", max_size=20))
def test_any_entry_parses(entry: str) -> None:
    escaped = entry.replace("\\", "\\\\").replace('"', '\\"')
    text = (
        f'services:\n  a:\n    image: x:1\n    volumes: ["{escaped}"]\n    devices: ["{escaped}"]\n'
    )
    load_compose([("compose.yaml", text)])
