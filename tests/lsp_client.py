"""A small Language Server Protocol client over a server process's stdio, as an editor drives it.

JSON-RPC messages with ``Content-Length`` headers; a reader thread files responses by id, answers
the server's own requests (``workspace/configuration`` with ``settings``, registrations with
null) and logs every ``textDocument/publishDiagnostics``. Waiting is on conditions with
timeouts, never on sleeps. Used by the end-to-end tests and by ``benchmarks/lsp_latency.py``.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

TIMEOUT = 60.0  # seconds: generous, the suite runs in parallel on a shared machine


class ServerError(Exception):
    """The server answered a request with an error, died, or did not answer in time."""


@dataclass(frozen=True)
class Published:
    """One publishDiagnostics notification, and when it arrived (``time.perf_counter``)."""

    uri: str
    version: int | None
    diagnostics: list[dict[str, Any]]
    at: float


@dataclass
class LspClient:
    """A running server process and the conversation with it."""

    command: Sequence[str]
    cwd: Path
    settings: Mapping[str, Any] = field(default_factory=dict)
    process: subprocess.Popen[bytes] = field(init=False)
    published: list[Published] = field(default_factory=list, init=False)
    messages: list[dict[str, Any]] = field(default_factory=list, init=False)  # other notices
    configuration_requests: int = field(default=0, init=False)

    def __post_init__(self) -> None:
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the process
        self.process = subprocess.Popen(
            list(self.command),
            cwd=self.cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
        )
        self._next_id = 0
        self._answers: dict[int, dict[str, Any]] = {}
        self._changed = threading.Condition()
        self._versions: dict[str, int] = {}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # -- JSON-RPC -----------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    with self._changed:
                        self._changed.notify_all()
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode().partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is not None:
                self._dispatch(json.loads(stream.read(length)))

    def _dispatch(self, message: dict[str, Any]) -> None:
        method = message.get("method")
        if method is not None and "id" in message:
            self._send({"id": message["id"], "result": self._answer(method, message)})
            return
        with self._changed:
            if method == "textDocument/publishDiagnostics":
                params = message["params"]
                self.published.append(
                    Published(
                        params["uri"],
                        params.get("version"),
                        params["diagnostics"],
                        time.perf_counter(),
                    )
                )
            elif method is not None:
                self.messages.append(message)
            else:
                self._answers[message["id"]] = message
            self._changed.notify_all()

    def _answer(self, method: str, message: dict[str, Any]) -> Any:
        if method == "workspace/configuration":
            self.configuration_requests += 1
            return [dict(self.settings) for _ in message["params"]["items"]]
        return None

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        self._next_id += 1
        number = self._next_id
        self._send({"id": number, "method": method, "params": params})
        answer = self._wait(lambda: self._answers.pop(number, None), timeout, method)
        if "error" in answer:
            raise ServerError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def _wait(self, found: Callable[[], Any], timeout: float, what: str) -> Any:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                value = found()
                if value is not None:
                    return value
                left = deadline - time.monotonic()
                if left <= 0 or self.process.poll() is not None:
                    raise ServerError(f"no {what} within {timeout:.0f}s; stderr: {self.log()}")
                self._changed.wait(min(left, 1.0))

    def log(self) -> str:
        self.stderr.seek(0)
        return self.stderr.read().decode(errors="replace")[-2000:]

    # -- the editor's side of LSP ---------------------------------------------------------------

    def initialize(
        self,
        options: Any = None,
        capabilities: Mapping[str, Any] | None = None,
        root: Path | None = None,
    ) -> dict[str, Any]:
        folder = (root or self.cwd).resolve()
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": folder.as_uri(),
                "workspaceFolders": [{"uri": folder.as_uri(), "name": folder.name}],
                "capabilities": capabilities if capabilities is not None else CAPABILITIES,
                "initializationOptions": options,
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, path: Path, language: str = "dockerfile", text: str | None = None) -> str:
        uri = path.resolve().as_uri()
        self._versions[uri] = 1
        document = {"uri": uri, "languageId": language, "version": 1}
        document["text"] = path.read_text(encoding="utf-8") if text is None else text
        self.notify("textDocument/didOpen", {"textDocument": document})
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the whole text (full sync); returns the new version."""
        return self.edit(uri, [{"text": text}])

    def edit(self, uri: str, changes: list[dict[str, Any]]) -> int:
        self._versions[uri] += 1
        version = self._versions[uri]
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )
        return version

    def mark(self) -> int:
        """A point in the log of published diagnostics, for ``diagnostics(after=...)``."""
        with self._changed:
            return len(self.published)

    def diagnostics(
        self,
        uri: str,
        *,
        version: int | None = None,
        until: Callable[[list[dict[str, Any]]], bool] | None = None,
        after: int = 0,
        timeout: float = TIMEOUT,
    ) -> list[dict[str, Any]]:
        """The first diagnostics published for ``uri`` after ``after`` for ``version`` (when
        given) that satisfy ``until`` (when given)."""

        def matching() -> list[dict[str, Any]] | None:
            for published in self.published[after:]:
                if published.uri != uri or (version is not None and published.version != version):
                    continue
                if until is None or until(published.diagnostics):
                    return published.diagnostics
            return None

        return self._wait(matching, timeout, f"diagnostics for {uri}")

    def close(self, timeout: float = TIMEOUT) -> int:
        """shutdown, then exit; the process's exit code."""
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit", None)
            assert self.process.stdin is not None
            self.process.stdin.close()
            return self.process.wait(timeout)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.stderr.close()


CAPABILITIES: dict[str, Any] = {
    "workspace": {
        "configuration": True,
        "didChangeWatchedFiles": {"dynamicRegistration": True},
        "workspaceFolders": True,
    },
    "textDocument": {
        "publishDiagnostics": {"versionSupport": True, "codeDescriptionSupport": True},
        "codeAction": {"codeActionLiteralSupport": {"codeActionKind": {"valueSet": ["quickfix"]}}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
    },
}


def codes(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [d["code"] for d in diagnostics]


def apply_edits(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with LSP text edits applied (UTF-16 positions), from the last one backwards."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text) or [""]

    def offset(position: Mapping[str, int]) -> int:
        before = sum(len(line) for line in lines[: position["line"]])
        line = lines[position["line"]] if position["line"] < len(lines) else ""
        units = 0
        for index, character in enumerate(line):
            if units >= position["character"]:
                return before + index
            units += 2 if ord(character) > 0xFFFF else 1
        return before + len(line.rstrip("\r\n"))

    spans = [(offset(e["range"]["start"]), offset(e["range"]["end"]), e["newText"]) for e in edits]
    for start, end, new in sorted(spans, reverse=True):
        text = text[:start] + new + text[end:]
    return text
