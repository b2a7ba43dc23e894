"""docs/editors.md: each editor's snippet, read as that editor reads it, starts the real server
with the snippet's command and settings, and the settings take effect in the handshake.

The editors themselves cannot run here; what each does with its snippet is imitated: the command
it starts, the ``initializationOptions`` it sends, the languages it sends documents as, and how
it answers ``workspace/configuration`` for the ``lintdock`` section (Neovim from ``settings``,
eglot from ``eglot-workspace-configuration``, VS Code's generic client and Helix with nothing for
that section)."""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from lsp_client import LspClient, codes

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

pytest.importorskip("pygls", reason="the language server needs the 'server' extra (pygls)")

PAGE = REPO / "docs" / "editors.md"
FENCE = re.compile(r"^```(?P<language>\w+)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)
DOCKERFILE = "FROM nginx:1.27\nHEALTHCHECK CMD curl -s http://localhost/ || exit 1\n"


@dataclass(frozen=True)
class Snippet:
    """What an editor takes from its snippet."""

    command: list[str]
    languages: list[str]
    initialization_options: Any = None
    configuration: Any = None  # its answer for the "lintdock" section


def blocks(language: str) -> list[str]:
    return [m["body"] for m in FENCE.finditer(PAGE.read_text()) if m["language"] == language]


def vscode() -> Snippet:
    [body] = blocks("json")
    settings = json.loads(body)
    return Snippet(
        [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]],
        settings["glspc.server.languageId"],
        settings["glspc.server.initializationOptions"],
    )


def helix() -> Snippet:
    [body] = blocks("toml")
    config = tomllib.loads(body)
    server = config["language-server"]["lintdock"]
    languages = [
        lang["name"] for lang in config["language"] if "lintdock" in lang["language-servers"]
    ]
    section = server.get("config", {}).get("lintdock")  # Helix looks the section up in config
    return Snippet([server["command"], *server["args"]], languages, server.get("config"), section)


def neovim() -> Snippet:
    [body] = blocks("lua")
    config = LuaTable(body[body.index("{") : body.rindex("})") + 1]).value()
    section = config.get("settings", {}).get("lintdock")
    return Snippet(config["cmd"], config["filetypes"], config.get("init_options"), section)


def eglot() -> Snippet:
    [body] = blocks("elisp")
    forms = Sexp(body).all()
    contact = _find_contact(forms)
    modes, program = contact[0], contact[1:]
    strings = [item for item in program if isinstance(item, str)]
    options = _plist(program).get("initializationOptions")
    configuration = _plist(_find_setq(forms, "eglot-workspace-configuration"))
    return Snippet(
        strings, [m.removesuffix("-mode") for m in modes], options, configuration.get("lintdock")
    )


EDITORS = {"vscode": vscode, "neovim": neovim, "helix": helix, "emacs": eglot}


@pytest.mark.parametrize("editor", sorted(EDITORS))
def test_the_snippet_starts_the_server_and_its_settings_take_effect(
    editor: str, tmp_path: Path
) -> None:
    snippet = EDITORS[editor]()
    assert snippet.command[1:] == ["server"]
    program = shutil.which(snippet.command[0], path=str(Path(sys.executable).parent))
    if program is None:
        pytest.skip(f"no {snippet.command[0]} console script beside {sys.executable}")
    settings = snippet.configuration
    assert settings or snippet.initialization_options, "the snippet shows a setting"
    client = LspClient([program, *snippet.command[1:]], tmp_path, settings=settings or {})
    client.initialize(snippet.initialization_options)
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE)
    uri = client.open(dockerfile, snippet.languages[0])
    found = client.diagnostics(uri, until=lambda d: "LD105" in codes(d) and "LD202" not in codes(d))
    assert "LD105" in codes(found)  # curl-for-checks (LD202) is ignored by the snippet
    assert client.close() == 0


def test_every_editor_on_the_page_is_tested() -> None:
    assert len(blocks("json")) == len(blocks("lua")) == len(blocks("toml")) == 1
    assert len(blocks("elisp")) == 1


# -- just enough Lua and Emacs Lisp to read the snippets ---------------------------------------


class LuaTable:
    """A Lua table constructor of strings, numbers, booleans and nested tables."""

    TOKEN = re.compile(r"\s*(?:(--[^\n]*)|('[^']*'|\"[^\"]*\")|([{}=,])|([\w.]+))")

    def __init__(self, text: str) -> None:
        self.tokens = [m.group(2) or m.group(3) or m.group(4) for m in self.TOKEN.finditer(text)]
        self.tokens = [t for t in self.tokens if t]
        self.at = 0

    def value(self) -> Any:
        token = self.tokens[self.at]
        self.at += 1
        if token == "{":
            return self._table()
        if token[0] in "'\"":
            return token[1:-1]
        return {"true": True, "false": False}.get(token, token)

    def _table(self) -> Any:
        keyed: dict[str, Any] = {}
        listed: list[Any] = []
        while self.tokens[self.at] != "}":
            if self.tokens[self.at + 1] == "=":
                key = self.tokens[self.at]
                self.at += 2
                keyed[key] = self.value()
            else:
                listed.append(self.value())
            if self.tokens[self.at] == ",":
                self.at += 1
        self.at += 1
        return keyed if keyed else listed


class Sexp:
    """S-expressions: lists (quoted or not, dotted pairs flattened), vectors, strings, symbols."""

    TOKEN = re.compile(r"\s*(?:(;[^\n]*)|(\"(?:[^\"\\]|\\.)*\")|([()\[\]])|(')|([^\s()\[\]\"';]+))")

    def __init__(self, text: str) -> None:
        self.tokens = [m.group(2) or m.group(3) or m.group(5) for m in self.TOKEN.finditer(text)]
        self.tokens = [t for t in self.tokens if t and t != "."]
        self.at = 0

    def all(self) -> list[Any]:
        forms = []
        while self.at < len(self.tokens):
            forms.append(self.read())
        return forms

    def read(self) -> Any:
        token = self.tokens[self.at]
        self.at += 1
        if token in "([":
            close = ")" if token == "(" else "]"
            items = []
            while self.tokens[self.at] != close:
                items.append(self.read())
            self.at += 1
            return items if token == "(" else tuple(items)
        return json.loads(token) if token.startswith('"') else token


def _walk(form: Any) -> list[Any]:
    found = [form]
    if isinstance(form, list):
        for item in form:
            found += _walk(item)
    return found


def _find_contact(forms: list[Any]) -> list[Any]:
    """The ``(MODES . ("program" ...))`` entry added to ``eglot-server-programs``."""
    for form in (f for top in forms for f in _walk(top)):
        if (
            isinstance(form, list)
            and form[:1] == ["add-to-list"]
            and "eglot-server-programs" in form[1]
        ):
            entry = form[2]
            return [entry[0], *entry[1]]
    raise AssertionError("no eglot-server-programs entry")


def _find_setq(forms: list[Any], name: str) -> list[Any]:
    for form in (f for top in forms for f in _walk(top)):
        if isinstance(form, list) and form[:2] == ["setq-default", name]:
            return form[2]
    return []


def _plist(items: list[Any]) -> dict[str, Any]:
    """A property list (``:key value ...``) as a dict, values converted to JSON-like data."""
    plist: dict[str, Any] = {}
    keys = [i for i, item in enumerate(items) if isinstance(item, str) and item.startswith(":")]
    for index in keys:
        value = items[index + 1]
        plist[items[index][1:]] = _json_like(value)
    return plist


def _json_like(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_json_like(v) for v in value]
    if isinstance(value, list):
        return _plist(value)
    return value
