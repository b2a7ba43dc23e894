"""Side by side with hadolint, dclint and compose-lint on the real-repository corpus.

    python benchmarks/sidebyside.py reference [--repos DIR] [--cache DIR] [--tool T] [--force]
    python benchmarks/sidebyside.py compare   [--lintdock EXE] [--rules LD63,DL3008] [--tool T]
                                              [--only owner+name,...] [--reuse] [--out DIR]

``reference`` lists each repository's files as lintdock discovers them (``--show-files``: kind,
and the compose projects), then runs the reference linters on them from the repository's root,
as a user would (their own configuration files are read), and caches their raw findings under
``--cache`` (``reference/<tool>/<owner+name>.json``, redone only when the commit or the tool's
version changed):

- hadolint (``hadolint -f json``) on every Dockerfile; its SC findings are ShellCheck's;
- dclint (``dclint -f json``, npm, installed into ``--cache``/tools) on every compose file;
- compose-lint (``compose-lint check --format json``) on the first file of every compose project
  (it merges the override beside it and ``.env``'s ``COMPOSE_FILE`` as compose does).

``compare`` runs lintdock (``check --select ALL --format json`` at each repository's root, so
compose files are linted as the projects they make) and maps each reference rule to the lintdock
rules whose ``equivalents`` name it (``lintdock rules --format json``; ShellCheck codes map to
themselves). Positions agree when they are in one instruction (a Dockerfile: hadolint reports an
instruction's first line) or one YAML key's block (compose: a finding at ``ports:`` and one at an
item under it agree; so do a finding at a service's name and one inside that service). Per
reference rule it counts the reference's findings, those lintdock also reports, and lintdock's
findings of the mapped rules that the reference does not have; it writes ``table.md`` and
``disagreements.json`` (every missed and lintdock-only finding, with ``file:line``) under
``--out``. Files a reference tool could not read (hadolint's DL1000, invalid YAML) count apart.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from realrepos import REPOS, REPOSITORIES, folder_name

CACHE = Path("/work/eval/sidebyside")
HERE = Path(__file__).resolve().parent.parent
CHUNK = 100  # files per reference-tool invocation
DCLINT_VERSION = "3.1.0"
TOOL_KINDS = {"hadolint": "dockerfile", "dclint": "compose", "compose-lint": "compose"}
UNREADABLE = {"hadolint": {"DL1000"}, "dclint": {"invalid-yaml", "invalid-schema"}}
# Reference rules their tool leaves off unless configured: lintdock's findings of the rules
# that name them are not disagreements.
OFF_BY_DEFAULT = {
    "hadolint": {"DL3057", *(f"DL30{n}" for n in range(49, 57)), "DL3058"},
}


@dataclass(frozen=True)
class Finding:
    """One finding, of a reference tool or of lintdock, at a file of a repository."""

    tool: str
    code: str
    repo: str
    file: str
    line: int
    message: str
    service: str = ""


# ---------------------------------------------------------------- the corpus


def manifest_path(cache: Path) -> Path:
    return cache / "manifest.json"


def show_files(lintdock: str, checkout: Path) -> dict[str, Any]:
    """The files lintdock lints in ``checkout`` by kind, and the first file of each compose
    project (``--show-files``'s PROJECT column lists the projects a file was linted in)."""
    done = subprocess.run(
        [lintdock, "check", "--show-files", "."],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.splitlines()
    if not lines:
        return {"dockerfile": [], "compose": [], "primaries": []}
    header = lines[0]
    kind_at, project_at, role_at = (header.index(name) for name in ("KIND", "PROJECT", "ROLE"))
    files: dict[str, list[str]] = {"dockerfile": [], "compose": []}
    primaries: set[str] = set()
    for row in lines[1:]:
        path, kind = row[:kind_at].rstrip(), row[kind_at:project_at].strip()
        if kind in files:
            files[kind].append(path)
        if kind == "compose":
            primaries.update(p for p in row[project_at:role_at].strip().split(", ") if p)
    return {**files, "primaries": sorted(primaries)}


def build_manifest(
    repos: Path, cache: Path, lintdock: str, folders: Sequence[str] = ()
) -> dict[str, Any]:
    """Per repository: its commit and its files (cached: a repository is listed again only when
    its commit changed). ``folders`` (a flat corpus's, under ``repos``) replace the repositories,
    each listed as one checkout."""
    path = manifest_path(cache)
    known = json.loads(path.read_text()) if path.is_file() else {}
    listed = [(name, "flat") for name in folders] or [
        (folder_name(repository), commit) for repository, commit in REPOSITORIES
    ]
    for name, commit in listed:
        checkout = repos / name
        if not checkout.is_dir() or known.get(name, {}).get("commit") == commit:
            continue
        known[name] = {"commit": commit, **show_files(lintdock, checkout)}
        print(
            f"listed {name}: {len(known[name]['dockerfile'])} Dockerfiles, "
            f"{len(known[name]['compose'])} compose files",
            file=sys.stderr,
        )
    cache.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(known, indent=1, sort_keys=True))
    return known


# ---------------------------------------------------------------- the reference tools


def clean_environment(home: Path) -> dict[str, str]:
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "NO_COLOR": "1"}


def chunks(items: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def run_json(command: list[str], cwd: Path, home: Path) -> Any:
    done = subprocess.run(
        command, cwd=cwd, env=clean_environment(home), capture_output=True, text=True, check=False
    )
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        return None


def hadolint_findings(tools: Path, checkout: Path, files: Sequence[str], home: Path) -> list[dict]:
    binary = str(HERE / ".venv" / "bin" / "hadolint")
    found: list[dict] = []
    for part in chunks(files):
        answer = run_json([binary, "-f", "json", "--no-color", *part], checkout, home)
        if answer is None:  # one file broke the batch: take them one by one
            answer = [
                item
                for one in part
                for item in run_json([binary, "-f", "json", "--no-color", one], checkout, home)
                or [{"code": "DL1000", "file": one, "line": 1, "message": "hadolint failed"}]
            ]
        found += [
            {"code": f["code"], "file": f["file"], "line": f["line"], "message": f["message"]}
            for f in answer
        ]
    return found


def dclint_binary(tools: Path) -> Path:
    binary = tools / "node_modules" / ".bin" / "dclint"
    if not binary.exists():
        tools.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(tools),
                f"dclint@{DCLINT_VERSION}",
            ],
            check=True,
            capture_output=True,
        )
    return binary


def dclint_findings(tools: Path, checkout: Path, files: Sequence[str], home: Path) -> list[dict]:
    binary = str(dclint_binary(tools))
    found: list[dict] = []
    output = home / "dclint.json"  # not stdout: node cuts a pipe's output at 64 KiB on exit
    for part in chunks(files):
        output.unlink(missing_ok=True)
        run_json([binary, "-f", "json", "--no-color", "-o", str(output), *part], checkout, home)
        answer = json.loads(output.read_text()) if output.is_file() else []
        found += [
            {
                "code": message["rule"],
                "file": report["filePath"],
                "line": message.get("line", 1),
                "message": message["message"],
                "service": (message.get("data") or {}).get("serviceName", ""),
            }
            for report in answer
            for message in report["messages"]
        ]
    return found


def compose_lint_findings(
    tools: Path, checkout: Path, files: Sequence[str], home: Path
) -> list[dict]:
    binary = str(HERE / ".venv" / "bin" / "compose-lint")
    command = [binary, "check", "--format", "json", "--allow-partial-coverage"]
    found: list[dict] = []
    for part in chunks(files, 40):
        answer = run_json([*command, *part], checkout, home) or {"findings": [], "errors": []}
        found += [
            {
                "code": f["rule_id"],
                "file": f["file"],
                "line": f.get("line") or 1,
                "message": f["message"],
                "service": f.get("service") or "",
            }
            for f in answer["findings"]
            if not f.get("suppressed")
        ]
        found += [
            {"code": "unreadable", "file": e["file"], "line": 1, "message": e["message"]}
            for e in answer.get("errors", [])
            if e.get("kind") == "parse"
        ]
    return found


RUNNERS: dict[str, Callable[[Path, Path, Sequence[str], Path], list[dict]]] = {
    "hadolint": hadolint_findings,
    "dclint": dclint_findings,
    "compose-lint": compose_lint_findings,
}


def tool_version(tool: str, tools: Path) -> str:
    if tool == "dclint":
        return DCLINT_VERSION
    binary = HERE / ".venv" / "bin" / tool
    done = subprocess.run([str(binary), "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def files_for(tool: str, listing: dict[str, Any]) -> list[str]:
    return list(listing["primaries"] if tool == "compose-lint" else listing[TOOL_KINDS[tool]])


def reference(
    repos: Path, cache: Path, tools_wanted: Iterable[str], force: bool, folders: Sequence[str]
) -> None:
    lintdock = str(HERE / ".venv" / "bin" / "lintdock")
    listed = build_manifest(repos, cache, lintdock, folders)
    tools = cache / "tools"
    with tempfile.TemporaryDirectory() as home:
        for tool in tools_wanted:
            version = tool_version(tool, tools)
            folder = cache / "reference" / tool
            folder.mkdir(parents=True, exist_ok=True)
            for name, listing in sorted(listed.items()):
                target = folder / f"{name}.json"
                if not force and target.is_file():
                    old = json.loads(target.read_text())
                    if (old["commit"], old["version"]) == (listing["commit"], version):
                        continue
                files = files_for(tool, listing)
                found = RUNNERS[tool](tools, repos / name, files, Path(home)) if files else []
                record = {
                    "commit": listing["commit"],
                    "version": version,
                    "files": files,
                    "findings": found,
                }
                target.write_text(json.dumps(record, indent=0))
                print(f"{tool} {name}: {len(files)} files, {len(found)} findings", file=sys.stderr)


# ---------------------------------------------------------------- lintdock


def lintdock_rules(lintdock: str) -> list[dict[str, Any]]:
    done = subprocess.run(
        [lintdock, "rules", "--format", "json"], capture_output=True, text=True, check=True
    )
    rules: list[dict[str, Any]] = json.loads(done.stdout)["rules"]
    return rules


def equivalence(rules: list[dict[str, Any]]) -> dict[tuple[str, str], set[str]]:
    """(tool, tool's code) -> the lintdock codes whose equivalents name it."""
    mapped: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rule in rules:
        for equivalent in rule["equivalents"]:
            tool, _, code = equivalent.partition(":")
            mapped[(tool, code)].add(rule["code"])
    return mapped


def lintdock_findings(
    lintdock: str, checkout: Path, out: Path, reuse: bool, select: str
) -> list[dict]:
    target = out / "lintdock" / select.replace(",", "+") / f"{checkout.name}.json"
    if not (reuse and target.is_file()):
        done = subprocess.run(
            [lintdock, "check", "--select", select, "--format", "json", "--exit-zero", "."],
            cwd=checkout,
            capture_output=True,
            text=True,
            check=False,
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(done.stdout if done.stdout.startswith("{") else '{"diagnostics": []}')
        if done.returncode != 0:
            print(
                f"lintdock {checkout.name}: exit {done.returncode} {done.stderr[-300:]}",
                file=sys.stderr,
            )
    diagnostics: list[dict] = json.loads(target.read_text())["diagnostics"]
    return diagnostics


# ---------------------------------------------------------------- positions


def instruction_ranges(path: Path) -> list[tuple[int, int]]:
    """Each instruction's first and last line (hadolint reports an instruction's first)."""
    sys.path.insert(0, str(HERE))
    from lintdock.parsers.dockerfile import parse_dockerfile

    try:
        text = path.read_text(errors="replace")
    except OSError:
        return []
    parsed = parse_dockerfile(text, str(path))
    return [(i.span.line, i.span.end_line) for i in parsed.instructions]


def yaml_blocks(path: Path) -> list[tuple[int, int]]:
    """Per line, the lines its YAML key's value covers (the line and those indented deeper)."""
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return []
    indents = [len(line) - len(line.lstrip(" -")) if line.strip() else -1 for line in lines]
    blocks = []
    for number, indent in enumerate(indents):
        end = number
        for later in range(number + 1, len(lines)):
            if indents[later] == -1 or lines[later].lstrip().startswith("#"):
                continue
            if indents[later] <= indent:
                break
            end = later
        blocks.append((number + 1, end + 1))
    return blocks


class Positions:
    """Whether two lines of one file are at one place: one Dockerfile instruction, or one YAML
    key with the lines of its value."""

    def __init__(self, checkout: Path, kind: str) -> None:
        self.checkout = checkout
        self.kind = kind
        self.cache: dict[str, list[tuple[int, int]]] = {}

    def ranges(self, file: str) -> list[tuple[int, int]]:
        if file not in self.cache:
            read = instruction_ranges if self.kind == "dockerfile" else yaml_blocks
            self.cache[file] = read(self.checkout / file)
        return self.cache[file]

    def agree(self, file: str, reference_line: int, lintdock_line: int) -> bool:
        if reference_line == lintdock_line:
            return True
        ranges = self.ranges(file)
        if self.kind == "dockerfile":
            return any(
                first <= reference_line <= last and first <= lintdock_line <= last
                for first, last in ranges
            )

        def within(outer: int, inner: int) -> bool:
            return (
                0 < outer <= len(ranges) and ranges[outer - 1][0] <= inner <= ranges[outer - 1][1]
            )

        return within(reference_line, lintdock_line) or within(lintdock_line, reference_line)


# ---------------------------------------------------------------- comparison


@dataclass
class Tally:
    """One reference rule: its findings, those lintdock matched, lintdock's own."""

    tool: str
    code: str
    lintdock: tuple[str, ...]
    reference: int = 0
    matched: int = 0
    lintdock_only: int = 0


@dataclass
class Comparison:
    tallies: dict[tuple[str, str], Tally]
    missed: list[dict[str, Any]]
    only: list[dict[str, Any]]
    unreadable: Counter[str]
    unreadable_lintdock: Counter[str]
    files: Counter[str]


def mapped_codes(
    tool: str, code: str, mapping: dict[tuple[str, str], set[str]], sc_codes: set[str]
) -> tuple[str, ...]:
    if code.startswith("SC") and tool == "hadolint":
        return (code,) if code in sc_codes or not sc_codes else ()
    return tuple(sorted(mapping.get((tool, code), ())))


def wanted(filters: Sequence[str], tool_code: str, codes: Iterable[str]) -> bool:
    if not filters:
        return True
    names = [tool_code, *codes]
    return any(name.upper().startswith(f.upper()) for f in filters for name in names)


def compare_repository(
    checkout: Path,
    tool: str,
    record: dict[str, Any],
    diagnostics: list[dict],
    mapping: dict[tuple[str, str], set[str]],
    comparison: Comparison,
    filters: Sequence[str],
) -> None:
    kind = TOOL_KINDS[tool]
    name = checkout.name
    positions = Positions(checkout, kind)
    references = [
        Finding(tool, f["code"], name, f["file"], f["line"], f["message"], f.get("service", ""))
        for f in record["findings"]
    ]
    unreadable = {f.file for f in references if f.code in UNREADABLE.get(tool, {"unreadable"})}
    comparison.unreadable[tool] += len(unreadable)
    covered = (
        set(record["files"])
        if tool != "compose-lint"
        else covered_by_compose_lint(record, references)
    )
    comparison.files[tool] += len(covered - unreadable)
    sc_codes = {code for (t, code) in mapping if t == "shellcheck"}
    by_file: dict[str, list[dict]] = defaultdict(list)
    for diagnostic in diagnostics:
        by_file[diagnostic["path"]].append(diagnostic)
    reverse: dict[str, set[str]] = defaultdict(set)  # lintdock code -> tool codes naming it
    for (t, code), codes in mapping.items():
        if t == tool:
            for ld in codes:
                reverse[ld].add(code)
    for finding in references:
        if finding.file in unreadable:
            continue
        codes = mapped_codes(tool, finding.code, mapping, sc_codes)
        if not wanted(filters, finding.code, codes):
            continue
        tally = comparison.tallies.setdefault(
            (tool, finding.code), Tally(tool, finding.code, codes)
        )
        tally.reference += 1
        if any(
            d["code"] in codes and positions.agree(finding.file, finding.line, d["line"])
            for d in by_file.get(finding.file, ())
        ):
            tally.matched += 1
        else:
            elsewhere = [d["line"] for d in by_file.get(finding.file, ()) if d["code"] in codes]
            comparison.missed.append(
                {
                    **asdict(finding),
                    "lintdock": codes,
                    "at": f"{checkout / finding.file}:{finding.line}",
                    "elsewhere": elsewhere,
                }
            )
    refs_by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in references:
        refs_by_file[finding.file].append(finding)
    for file, found in by_file.items():
        if file not in covered:
            continue
        for diagnostic in found:
            tool_codes = reverse.get(diagnostic["code"], set())
            if diagnostic["code"].startswith("SC") and kind == "dockerfile":
                tool_codes = {diagnostic["code"]}
            if not tool_codes:
                continue
            if file in unreadable:
                comparison.unreadable_lintdock[tool] += 1
                continue
            for tool_code in sorted(tool_codes):
                if not wanted(filters, tool_code, [diagnostic["code"]]):
                    continue
                if any(
                    r.code == tool_code and positions.agree(file, r.line, diagnostic["line"])
                    for r in refs_by_file.get(file, ())
                ):
                    continue
                codes = mapped_codes(tool, tool_code, mapping, sc_codes) or (diagnostic["code"],)
                tally = comparison.tallies.setdefault(
                    (tool, tool_code), Tally(tool, tool_code, codes)
                )
                tally.lintdock_only += 1
                comparison.only.append(
                    {
                        "tool": tool,
                        "code": diagnostic["code"],
                        "tool_code": tool_code,
                        "repo": name,
                        "file": file,
                        "line": diagnostic["line"],
                        "message": diagnostic["message"],
                        "at": f"{checkout / file}:{diagnostic['line']}",
                        "elsewhere": [
                            r.line for r in refs_by_file.get(file, ()) if r.code == tool_code
                        ],
                    }
                )


def covered_by_compose_lint(record: dict[str, Any], references: list[Finding]) -> set[str]:
    """The files compose-lint read: those it was given, and those it reported into (overrides,
    included files)."""
    return set(record["files"]) | {f.file for f in references}


def compare(args: argparse.Namespace) -> Comparison:
    lintdock = args.lintdock
    rules = lintdock_rules(lintdock)
    mapping = equivalence(rules)
    filters = [f for f in args.rules.split(",") if f] if args.rules else []
    comparison = Comparison({}, [], [], Counter(), Counter(), Counter())
    only = set(args.only.split(",")) if args.only else None
    listed = json.loads(manifest_path(args.cache).read_text())
    for name in sorted(listed):
        if only is not None and name not in only:
            continue
        records = {
            tool: json.loads(path.read_text())
            for tool in args.tool
            if (path := args.cache / "reference" / tool / f"{name}.json").is_file()
        }
        if not any(record["files"] for record in records.values()):
            continue
        diagnostics = lintdock_findings(
            lintdock, args.repos / name, args.out, args.reuse, args.select
        )
        for tool, record in records.items():
            kind_files = set(listed[name][TOOL_KINDS[tool]])
            mine = [d for d in diagnostics if d["path"] in kind_files]
            compare_repository(args.repos / name, tool, record, mine, mapping, comparison, filters)
    defaults = {rule["code"]: rule["default"] for rule in rules}
    write_report(comparison, defaults, args.out, listed)
    return comparison


# ---------------------------------------------------------------- the report


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def summary(tallies: Sequence[Tally], label: str) -> str:
    reference = sum(t.reference for t in tallies)
    matched = sum(t.matched for t in tallies)
    only = sum(t.lintdock_only for t in tallies)
    return (
        f"{label}: {matched} of {reference} reference findings matched "
        f"({percent(matched, reference)}); {only} lintdock-only."
    )


def write_report(
    comparison: Comparison, defaults: dict[str, bool], out: Path, listed: dict[str, Any]
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    lines = [
        f"Corpus: {len(listed)} repositories, "
        f"{sum(len(v['dockerfile']) for v in listed.values())} Dockerfiles, "
        f"{sum(len(v['compose']) for v in listed.values())} compose files "
        f"({sum(len(v['primaries']) for v in listed.values())} compose projects).",
        "",
    ]
    for tool in TOOL_KINDS:
        tallies = sorted(
            (t for t in comparison.tallies.values() if t.tool == tool), key=lambda t: t.code
        )
        if not tallies:
            continue
        off = OFF_BY_DEFAULT.get(tool, set())
        counted = [t for t in tallies if t.lintdock and t.code not in off]
        rules = [t for t in counted if not t.code.startswith("SC")]
        shellcheck = [t for t in counted if t.code.startswith("SC")]
        lines += [
            f"## {tool}",
            "",
            f"Files read: {comparison.files[tool]}; not readable by {tool}: "
            f"{comparison.unreadable[tool]} (lintdock findings there, not counted: "
            f"{comparison.unreadable_lintdock[tool]}).",
            "",
            "- " + summary(rules, "Mapped rules"),
            *(["- " + summary(shellcheck, "ShellCheck")] if shellcheck else []),
            f"- Not mapped: {sum(t.reference for t in tallies if not t.lintdock)} findings of "
            f"{sum(1 for t in tallies if not t.lintdock)} rules.",
            "",
            f"| {tool} | lintdock | reference findings | matched | % | lintdock-only |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for tally in tallies:
            codes = (
                ", ".join(c if defaults.get(c, True) else f"{c} (off)" for c in tally.lintdock)
                or "not mapped"
            )
            name = f"{tally.code} (off in {tool})" if tally.code in off else tally.code
            lines.append(
                f"| {name} | {codes} | {tally.reference} | {tally.matched} | "
                f"{percent(tally.matched, tally.reference)} | {tally.lintdock_only} |"
            )
        lines.append("")
    table = "\n".join(lines)
    (out / "table.md").write_text(table)
    (out / "table.json").write_text(
        json.dumps([asdict(t) for t in comparison.tallies.values()], indent=1)
    )
    (out / "disagreements.json").write_text(
        json.dumps({"missed": comparison.missed, "lintdock_only": comparison.only}, indent=1)
    )
    print(table)
    print(f"Disagreements: {out / 'disagreements.json'}", file=sys.stderr)


def sample(disagreements: Path, per_rule: int, seed: int, kind: str) -> None:
    """Print a fixed-seed sample of ``kind`` (lintdock_only or missed) per rule, round-robin
    over repositories, each with the lines around it, to be judged in its project."""
    import random

    items = json.loads(disagreements.read_text())[kind]
    by_rule: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for item in items:
        by_rule[item["code"]][item["repo"]].append(item)
    chooser = random.Random(seed)
    for code in sorted(by_rule):
        repos = by_rule[code]
        for found in repos.values():
            chooser.shuffle(found)
        order = sorted(repos)
        chooser.shuffle(order)
        picked: list[dict[str, Any]] = []
        while len(picked) < per_rule and any(repos[r] for r in order):
            picked += [repos[r].pop() for r in order if repos[r]][: per_rule - len(picked)]
        total = sum(1 for item in items if item["code"] == code)
        print(f"## {code}: {len(picked)} of {total}")
        for item in picked:
            print(f"- {item['at']}  {item['message'][:160]}")
            print(_context(Path(item["at"].rpartition(":")[0]), item["line"]))


def _context(path: Path, line: int, around: int = 2) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    first = max(line - 1 - around, 0)
    shown = lines[first : line + around]
    return "\n".join(f"    {first + n + 1:5} | {text[:150]}" for n, text in enumerate(shown))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ref = commands.add_parser("reference", help="run and cache the reference tools")
    cmp_ = commands.add_parser("compare", help="lintdock against the cached references")
    for command in (ref, cmp_):
        command.add_argument("--repos", type=Path, default=REPOS)
        command.add_argument("--cache", type=Path, default=CACHE)
        command.add_argument("--tool", action="append", choices=sorted(TOOL_KINDS))
    ref.add_argument("--force", action="store_true", help="rerun even when cached")
    ref.add_argument(
        "--flat",
        action="append",
        default=[],
        help="a folder of --repos to list as one checkout (a flat corpus: dockerfiles)",
    )
    default_lintdock = shutil.which("lintdock") or str(HERE / ".venv" / "bin" / "lintdock")
    cmp_.add_argument("--lintdock", default=default_lintdock, help="the lintdock to judge")
    cmp_.add_argument("--rules", help="report only these codes or prefixes (LD63,DL3008,CL-)")
    cmp_.add_argument("--only", help="only these repositories (owner+name,...)")
    cmp_.add_argument("--reuse", action="store_true", help="reuse lintdock's cached output")
    cmp_.add_argument("--select", default="ALL", help="lintdock's --select (default: ALL)")
    cmp_.add_argument("--out", type=Path, default=None, help="default: CACHE/results/<user>")
    pick = commands.add_parser("sample", help="a sample of disagreements per rule, to judge")
    pick.add_argument("disagreements", type=Path)
    pick.add_argument("--per-rule", type=int, default=10)
    pick.add_argument("--seed", type=int, default=13)
    pick.add_argument("--kind", choices=("lintdock_only", "missed"), default="lintdock_only")
    args = parser.parse_args(argv)
    if args.command == "sample":
        sample(args.disagreements, args.per_rule, args.seed, args.kind)
        return
    args.tool = args.tool or list(TOOL_KINDS)
    if args.command == "reference":
        reference(args.repos, args.cache, args.tool, args.force, args.flat)
    else:
        args.out = (
            args.out or args.cache / "results" / Path(args.lintdock).resolve().parents[2].name
        )
        compare(args)


if __name__ == "__main__":
    main()
