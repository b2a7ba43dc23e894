"""Every file lintdock reads goes through one guarded reader: regular files only, opened without
blocking, within a size limit per kind, inside the project root. Each hostile reference is a
finding (LD005 at the reference) or a one-line notification, in a child process limited to
10 s and 300 MB, never a hang, a traceback or a read of the host's files."""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Mapping
from pathlib import Path

import pytest
from robustness_helpers import Run, lintdock

from lintdock.engine import lint_texts
from lintdock.files import LIMITS, FileKind, NotReadable, Roots, TooLarge, read_text
from lintdock.roles import OFFICIAL_IMAGE_MARKER

HEALTHY = 'FROM alpine:3.20\nHEALTHCHECK CMD true\nCMD ["app"]\n'


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty git repository (its top level is the project root)."""
    (tmp_path / ".git").mkdir()
    return tmp_path


def write(root: Path, files: Mapping[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def check(root: Path, *args: str) -> Run:
    run = lintdock("check", "--format", "json", *(args or (".",)), cwd=root)
    run.assert_bounded()
    return run


def findings(run: Run, code: str = "LD005") -> list[tuple[str, int, int, str]]:
    return [
        (d["path"], d["line"], d["column"], d["message"])
        for d in json.loads(run.stdout)["diagnostics"]
        if d["code"] == code
    ]


def compose_with(service: str) -> str:
    return "services:\n  web:\n" + service


class TestReferencesAreNotFollowedOutOfTheProject:
    @pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/proc/kmsg", "/etc/passwd"])
    def test_an_env_file_on_the_host(self, project: Path, target: str) -> None:
        compose = compose_with(f"    image: nginx\n    env_file: {target}\n")
        write(project, {"compose.yaml": compose})
        run = check(project)
        assert run.exit_code == 1
        [(path, line, column, message)] = findings(run)
        assert (path, line, column) == ("compose.yaml", 4, 15)
        assert f"env_file `{target}` of service `web` is not read: outside the project root" in (
            message
        )

    def test_dockerfile_dev_zero(self, project: Path) -> None:
        compose = compose_with("    build:\n      context: .\n      dockerfile: /dev/zero\n")
        write(project, {"compose.yaml": compose})
        [(path, line, column, message)] = findings(check(project))
        assert (path, line, column) == ("compose.yaml", 5, 19)
        assert message.startswith("Dockerfile `/dev/zero` of service `web` is not read")

    def test_a_build_context_outside_the_root(self, project: Path) -> None:
        write(project, {"compose.yaml": compose_with("    build: ../..\n")})
        [(_, line, column, message)] = findings(check(project))
        assert (line, column) == (3, 12)
        assert "build context `../..`" in message

    def test_a_folder_allowed_by_configuration_is_read(self, project: Path) -> None:
        shared = project.parent / "shared"
        shared.mkdir()
        (shared / "app.env").write_text("DB_HOST=db\n")
        compose = compose_with("    image: nginx\n    env_file: ../shared/app.env\n")
        write(project, {"compose.yaml": compose, ".lintdock.toml": ""})
        assert findings(check(project))
        (project / ".lintdock.toml").write_text('read-outside-root = ["../shared"]\n')
        assert not findings(check(project))

    def test_a_symlink_named_on_the_command_line_is_not_followed_out(self, project: Path) -> None:
        outside = project.parent / "outside.Dockerfile"
        outside.write_text("RUN echo hi\n")
        (project / "Dockerfile").symlink_to(outside)
        run = check(project, "Dockerfile")
        assert run.exit_code == 1
        [(path, line, column, message)] = findings(run)
        assert (path, line, column) == ("Dockerfile", 1, 1)
        assert message.startswith("not linted: outside the project root (it resolves to")


class TestOnlyRegularFilesAreRead:
    def test_fifos_as_dockerfile_env_and_env_file_do_not_hang(self, project: Path) -> None:
        compose = compose_with("    image: nginx\n    env_file: app.env\n")
        write(project, {"compose.yaml": compose, "ok/Dockerfile": HEALTHY})
        for name in ("Dockerfile", ".env", "app.env"):
            os.mkfifo(project / name)
        run = check(project)
        assert run.exit_code == 1
        assert findings(run) == [
            (
                "compose.yaml",
                1,
                1,
                "the `.env` beside it is not read, so nothing is interpolated from it: "
                "not a regular file (a FIFO)",
            ),
            (
                "compose.yaml",
                4,
                15,
                "env_file `app.env` of service `web` is not read: not a regular file (a FIFO)",
            ),
        ]
        assert "Dockerfile: cannot lint: not a regular file (a FIFO)" in run.stderr

    def test_a_missing_dot_env_is_no_finding(self, project: Path) -> None:
        write(project, {"compose.yaml": compose_with("    image: nginx\n")})
        assert findings(check(project)) == []

    @pytest.mark.parametrize("kind", ["fifo", "outside"])
    def test_an_entrypoint_script_in_the_context_that_is_not_read(
        self, project: Path, kind: str
    ) -> None:
        dockerfile = 'FROM alpine:3.20\nCOPY start.sh /start.sh\nENTRYPOINT ["/start.sh"]\n'
        write(project, {"app/Dockerfile": dockerfile})
        script = project / "app" / "start.sh"
        if kind == "fifo":
            os.mkfifo(script)
        else:
            (project.parent / "host.sh").write_text("#!/bin/sh\nexec app\n")
            script.symlink_to(project.parent / "host.sh")
        [(path, line, column, message)] = findings(check(project))
        assert (path, line, column) == ("app/Dockerfile", 3, 13)
        reason = {
            "fifo": "not a regular file (a FIFO)",
            "outside": "outside the project root (it resolves to",
        }[kind]
        prefix = "the script `/start.sh` runs (app/start.sh in the build context) is not read: "
        assert message.startswith(prefix + reason)

    def test_a_readable_script_a_missing_one_and_a_large_binary_are_no_finding(
        self, project: Path
    ) -> None:
        copies = "COPY start.sh /start.sh\nCOPY app /app\nCOPY gone.sh /gone.sh\n"
        dockerfile = f'FROM alpine:3.20\n{copies}ENTRYPOINT ["/start.sh"]\n'
        stages = dockerfile + 'FROM alpine:3.20\nCOPY app /app\nCMD ["/app"]\n'
        stages += 'FROM alpine:3.20\nCOPY gone.sh /gone.sh\nCMD ["/gone.sh"]\n'
        write(project, {"Dockerfile": stages, "start.sh": "#!/bin/sh\nexec app\n"})
        with open(project / "app", "wb") as handle:
            handle.truncate(LIMITS[FileKind.SCRIPT] + 1)
        assert findings(check(project)) == []

    def test_a_fifo_named_on_the_command_line_is_an_error(self, project: Path) -> None:
        os.mkfifo(project / "Dockerfile")
        run = check(project, "Dockerfile")
        assert run.exit_code == 2
        assert run.stderr == (
            "lintdock: error: Dockerfile: cannot lint: not a regular file (a FIFO)\n"
        )

    def test_a_2_gb_sparse_env_file(self, project: Path) -> None:
        with open(project / "big.env", "wb") as handle:
            handle.truncate(2 << 30)
        write(project, {"compose.yaml": compose_with("    image: nginx\n    env_file: big.env\n")})
        [(_, _, _, message)] = findings(check(project))
        assert message.endswith("too large (2048.0 MB, over the 4.0 MB limit for env files)")

    def test_a_linted_file_over_its_limit_is_ld005_at_its_start(self, project: Path) -> None:
        with open(project / "Dockerfile", "wb") as handle:
            handle.write(b"FROM alpine\n")
            handle.truncate(LIMITS[FileKind.DOCKERFILE] + 1)
        run = check(project)
        assert run.exit_code == 1
        assert findings(run) == [
            (
                "Dockerfile",
                1,
                1,
                "not linted: too large (1.0 MB, over the 1.0 MB limit for Dockerfiles)",
            )
        ]


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="the platform has no O_NOFOLLOW")
def test_a_symlink_swapped_in_after_the_check_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inside, outside = tmp_path / "project", tmp_path / "host-secret"
    inside.mkdir()
    outside.write_text("FROM host\n")
    (inside / "Dockerfile").write_text("FROM alpine\n")
    roots = Roots.of([str(inside)])
    assert read_text(str(inside / "Dockerfile"), FileKind.DOCKERFILE, roots) == "FROM alpine\n"
    checked = roots.check(str(inside / "Dockerfile"))
    # The race: the file passes the containment check, then becomes a link to the host's file.
    (inside / "Dockerfile").unlink()
    (inside / "Dockerfile").symlink_to(outside)
    monkeypatch.setattr(Roots, "check", lambda _roots, _path: checked)
    with pytest.raises(NotReadable, match="became a symbolic link"):
        read_text(str(inside / "Dockerfile"), FileKind.DOCKERFILE, roots)


def test_a_symlink_inside_the_root_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "common.Dockerfile").write_text("FROM alpine\n")
    (tmp_path / "Dockerfile").symlink_to(tmp_path / "common.Dockerfile")
    roots = Roots.of([str(tmp_path)])
    assert read_text(str(tmp_path / "Dockerfile"), FileKind.DOCKERFILE, roots) == "FROM alpine\n"


def test_a_system_file_is_not_read_even_when_regular() -> None:
    with pytest.raises(NotReadable, match="a system file"):
        read_text("/proc/self/status", FileKind.ENV)


def test_a_file_larger_than_its_size_said_is_cut_at_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "app.env"
    path.write_bytes(b"A" * (LIMITS[FileKind.ENV] + 10))
    real = os.fstat

    def smaller(descriptor: int) -> os.stat_result:
        status = list(real(descriptor))
        status[6] = 10  # st_size: the file grew after it was measured
        return os.stat_result(status)

    monkeypatch.setattr(os, "fstat", smaller)
    with pytest.raises(TooLarge):
        read_text(str(path), FileKind.ENV)


class _Recording(dict[str, str]):
    """Files of an in-memory project that remember every path asked for."""

    def __init__(self, files: Mapping[str, str]) -> None:
        super().__init__(files)
        self.asked: list[str] = []

    def get(self, key: str, default: object = None) -> str | None:  # type: ignore[override]
        self.asked.append(key)
        return super().get(key)


ENTRYPOINTS = {
    "exec form": 'CMD ["/dev/zero"]',
    "a program on PATH": "CMD node server.js",
    "an absolute COPY source": 'COPY /dev/zero /e.sh\nENTRYPOINT ["/e.sh"]',
    "a COPY source above the context": 'COPY ../../etc/passwd /e.sh\nENTRYPOINT ["/e.sh"]',
    "a directory copied to /": 'COPY . /\nENTRYPOINT ["/usr/bin/node"]',
}


@pytest.mark.parametrize("start", list(ENTRYPOINTS))
def test_an_entrypoint_script_is_looked_up_in_the_build_context_only(start: str) -> None:
    files = _Recording({"app/Dockerfile": f"FROM alpine:3.20\n{ENTRYPOINTS[start]}\n"})
    lint_texts(files, select=["ALL"])
    # the Official Image marker is looked for above the Dockerfile (roles), nothing else is
    looked_up = [
        path
        for path in files.asked
        if path != "app/Dockerfile" and posixpath.basename(path) != OFFICIAL_IMAGE_MARKER
    ]
    assert all(path.startswith("app/") for path in looked_up), looked_up


def test_a_copied_script_is_found_in_the_context() -> None:
    files = {
        "app/Dockerfile": 'FROM alpine:3.20\nCOPY /bin/start.sh /e.sh\nENTRYPOINT ["/e.sh"]\n',
        "app/bin/start.sh": "#!/bin/sh\nuntil nc -z db 5432; do sleep 1; done\nexec app\n",
    }
    recording = _Recording(files)
    lint_texts(recording, select=["ALL"])
    assert "app/bin/start.sh" in recording.asked
