"""The language server: pygls glue between an editor and ``Linter``.

Documents are linted on open, change and save, from their unsaved text; changes are coalesced by
a ``Debouncer``. Diagnostics carry the rule's code, a link to its page and, in ``data``, the
fix's edits, which code actions offer back as a quick fix next to "suppress on this line" and
"in this file". Hovering a finding shows its rule's page. Settings (``select``, ``ignore``,
``extendSelect``) come from ``initializationOptions`` and the ``lintdock`` section of
``workspace/configuration``; config files are re-read on every lint, and watched-file changes
re-lint every open document.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from lintdock import __version__
from lintdock.config import ConfigError, Layer, cli_layer
from lintdock.discovery import guess_kind
from lintdock.docs import page_url, rule_page
from lintdock.fixes import apply_fixes
from lintdock.model.diagnostic import Diagnostic, Severity
from lintdock.model.span import Span
from lintdock.rules import registry
from lintdock.rules.codes import UNUSED_SUPPRESSION
from lintdock.server import suppress
from lintdock.server.debounce import Debouncer
from lintdock.server.linting import Buffer, Linter, Outcome, Scope
from lintdock.server.positions import UTF16, LineIndex, Range

SOURCE = "lintdock"
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.{SOURCE}"
DEBOUNCE_SECONDS = 0.1
WATCHED = (
    "**/{pyproject.toml,.lintdock.toml,lintdock.toml,.env}",
    "**/*{Dockerfile,Containerfile,dockerfile}*",
    "**/*compose*.{yml,yaml}",
)
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}

log = logging.getLogger(__name__)


class LintdockServer(LanguageServer):
    """The server's state: open documents' findings, settings, and the lint queue."""

    def __init__(self) -> None:
        super().__init__(SOURCE, __version__)
        self.linter = Linter()
        self.initial_settings: Mapping[str, Any] = {}  # initializationOptions
        self.published: dict[str, list[types.Diagnostic]] = {}
        self.linted: dict[str, tuple[str, tuple[Diagnostic, ...]]] = {}  # uri -> text, findings
        self.reported: set[str] = set()  # problems already shown, shown once
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lint")
        self.debouncer = Debouncer(self.lint_scopes, DEBOUNCE_SECONDS)

    # -- settings -------------------------------------------------------------------------------

    def apply_settings(self, settings: object) -> None:
        """Take ``select``/``ignore``/``extendSelect`` from an editor's settings object; what it
        leaves out, ``initializationOptions`` still say."""
        try:
            self.linter.layer = settings_layer({**self.initial_settings, **_table(settings)})
        except ConfigError as error:
            self.show_once(f"lintdock settings: {error}", types.MessageType.Error)

    def show_once(self, message: str, level: types.MessageType) -> None:
        if message not in self.reported:
            self.reported.add(message)
            self.window_show_message(types.ShowMessageParams(type=level, message=message))

    # -- linting --------------------------------------------------------------------------------

    def buffers(self) -> dict[str, Buffer]:
        """The open documents, by absolute path."""
        buffers = {}
        for uri, document in self.workspace.text_documents.items():
            path = to_fs_path(uri)
            if path is not None:
                path = os.path.abspath(path)
                buffers[path] = Buffer(
                    path, document.source, document.version, _language(document), uri
                )
        return buffers

    def request_lint(self, uris: Iterable[str] | None = None) -> None:
        """Lint the scopes of ``uris`` (None: of every open document) soon."""
        chosen = self.workspace.text_documents.keys() if uris is None else uris
        scopes = {self.linter.scope_of(os.path.abspath(p)) for p in map(to_fs_path, chosen) if p}
        self.debouncer.request(scopes)

    async def lint_scopes(self, scopes: set[Scope]) -> None:
        loop = asyncio.get_running_loop()
        for scope in sorted(scopes, key=lambda s: s.path):
            try:
                outcome = await loop.run_in_executor(
                    self.executor, self.linter.lint, scope, self.buffers()
                )
            except ConfigError as error:
                self.show_once(str(error), types.MessageType.Error)
                continue
            except Exception as error:  # never let one lint take the server down
                log.exception("linting %s failed", scope.path)
                self.show_once(f"lintdock failed on {scope.path}: {error}", types.MessageType.Error)
                continue
            self.publish(outcome)

    def publish(self, outcome: Outcome) -> None:
        """Send the findings of every open document the outcome covers."""
        for problem in outcome.problems:
            self.window_log_message(
                types.LogMessageParams(type=types.MessageType.Warning, message=problem)
            )
        open_now = self.buffers()
        encoding = str(self.workspace.position_encoding or UTF16)
        for path, found in outcome.findings.items():
            buffer = outcome.buffers[path]
            if path not in open_now:
                continue
            index = LineIndex(buffer.text, encoding)
            diagnostics = [lsp_diagnostic(d, index) for d in found]
            uri = buffer.uri
            self.published[uri] = diagnostics
            self.linted[uri] = (buffer.text, found)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri, diagnostics, buffer.version)
            )

    def forget(self, uri: str) -> None:
        """A closed document: its findings go from the editor."""
        self.published.pop(uri, None)
        self.linted.pop(uri, None)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))


def _language(document: Any) -> str:
    return str(getattr(document, "language_id", "") or "")


def _table(settings: object) -> Mapping[str, Any]:
    """An editor's settings object, or its ``lintdock`` section when it is nested in one."""
    table = settings if isinstance(settings, Mapping) else {}
    nested = table.get(SOURCE)
    return nested if isinstance(nested, Mapping) else table


def settings_layer(table: Mapping[str, Any]) -> Layer:
    """The command-line layer of an editor's settings (``{"select": [...], "ignore": [...],
    "extendSelect": [...]}``); ConfigError names a bad value."""

    def selectors(key: str) -> list[str]:
        value = table.get(key) or []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ConfigError(f"{key}: expected a list of rule codes, names or prefixes")
        return value

    return cli_layer(
        registry(),
        select=selectors("select") if table.get("select") else None,
        ignore=selectors("ignore"),
        extend_select=selectors("extendSelect"),
    )


def lsp_diagnostic(diagnostic: Diagnostic, index: LineIndex) -> types.Diagnostic:
    """A lintdock finding as an LSP diagnostic; ``data`` holds its fix as LSP edits."""
    rule = registry().get(diagnostic.code)
    described = types.CodeDescription(href=page_url(rule)) if rule else None
    data = None
    if diagnostic.fix is not None and diagnostic.fix.edits:
        data = {
            "fix": {
                "title": diagnostic.fix.description,
                "safe": diagnostic.fix.safe,
                "edits": [
                    {"range": index.range(edit.span).as_json(), "newText": edit.replacement}
                    for edit in diagnostic.fix.edits
                ],
            }
        }
    return types.Diagnostic(
        range=_lsp_range(index.range(diagnostic.span)),
        message=diagnostic.message,
        severity=SEVERITIES[diagnostic.severity or Severity.WARNING],
        code=diagnostic.code,
        code_description=described,
        source=SOURCE,
        tags=[types.DiagnosticTag.Unnecessary] if diagnostic.code == UNUSED_SUPPRESSION else None,
        data=data,
    )


def _lsp_range(span_range: Range) -> types.Range:
    start, end = span_range.start, span_range.end
    return types.Range(
        types.Position(start.line, start.character), types.Position(end.line, end.character)
    )


def _range_from_json(json: Mapping[str, Mapping[str, int]]) -> types.Range:
    start, end = json["start"], json["end"]
    return types.Range(
        types.Position(start["line"], start["character"]),
        types.Position(end["line"], end["character"]),
    )


# -- code actions ---------------------------------------------------------------------------------


def code_actions(server: LintdockServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """For each lintdock diagnostic in the request: its fix, then the two suppressions."""
    uri = params.text_document.uri
    document = server.workspace.get_text_document(uri)
    path = os.path.abspath(to_fs_path(uri) or uri)
    kind = guess_kind(path, document.source)
    index = LineIndex(document.source, str(server.workspace.position_encoding or UTF16))
    fixes: list[types.CodeAction] = []
    suppressions: dict[str, types.CodeAction] = {}
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != SOURCE or not isinstance(diagnostic.code, str):
            continue
        fix = _fix_action(uri, diagnostic)
        if fix is not None:
            fixes.append(fix)
        code, line = diagnostic.code, diagnostic.range.start.line + 1
        edits = {
            f"Suppress {code} on this line": suppress.on_line(
                document.source, path, kind, code, line
            ),
            f"Suppress {code} in this file": suppress.in_file(document.source, path, kind, code),
        }
        for title, edit in edits.items():
            text_edit = types.TextEdit(_lsp_range(index.range(edit.span)), edit.replacement)
            suppressions.setdefault(
                title,
                types.CodeAction(
                    title=title,
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=types.WorkspaceEdit(changes={uri: [text_edit]}),
                ),
            )
    actions = sorted(fixes, key=lambda action: not action.is_preferred)
    fix_all = _fix_all_action(server, uri, document.source, index)
    extra = [fix_all] if fix_all is not None else []
    return _wanted([*actions, *suppressions.values(), *extra], params.context.only)


def _fix_action(uri: str, diagnostic: types.Diagnostic) -> types.CodeAction | None:
    data = diagnostic.data if isinstance(diagnostic.data, Mapping) else {}
    fix = data.get("fix")
    if not isinstance(fix, Mapping) or not fix.get("edits"):
        return None
    edits = [
        types.TextEdit(_range_from_json(edit["range"]), edit["newText"]) for edit in fix["edits"]
    ]
    safe = bool(fix.get("safe"))
    title = f"{fix.get('title') or 'Fix'} ({diagnostic.code})"
    return types.CodeAction(
        title=title if safe else f"{title} (unsafe)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=safe,
        edit=types.WorkspaceEdit(changes={uri: edits}),
    )


def _fix_all_action(
    server: LintdockServer, uri: str, text: str, index: LineIndex
) -> types.CodeAction | None:
    """Every safe fix of the document's last lint in one edit (``source.fixAll.lintdock``, for
    fix-on-save), while the document is still the text that was linted."""
    linted = server.linted.get(uri)
    if linted is None or linted[0] != text:
        return None
    found = sorted(linted[1], key=lambda d: (d.span, d.code))
    fixes = [d.fix for d in found if d.fix is not None and d.fix.edits and d.fix.safe]
    fixed = apply_fixes(text, fixes)
    if fixed == text:
        return None
    whole = _lsp_range(index.range(Span(1, 1, len(index.lines), len(index.lines[-1]) + 1)))
    return types.CodeAction(
        title="Fix all safe lintdock problems",
        kind=FIX_ALL,
        edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(whole, fixed)]}),
    )


def _wanted(actions: list[types.CodeAction], only: Sequence[str] | None) -> list[types.CodeAction]:
    if not only:
        return actions
    return [a for a in actions if any(str(a.kind).startswith(str(kind)) for kind in only)]


# -- hover ----------------------------------------------------------------------------------------


def hover(server: LintdockServer, params: types.HoverParams) -> types.Hover | None:
    """The pages of the rules whose findings cover the hovered position."""
    at = (params.position.line, params.position.character)
    pages: dict[str, str] = {}
    for diagnostic in server.published.get(params.text_document.uri, []):
        start, end = diagnostic.range.start, diagnostic.range.end
        inside = (start.line, start.character) <= at < (end.line, end.character)
        if not (inside or at == (start.line, start.character)):
            continue
        rule = registry().get(str(diagnostic.code))
        page = rule_page(rule) if rule is not None else None
        if rule is not None and rule.code not in pages:
            pages[rule.code] = page.text if page else f"**{rule.code}** {rule.summary}"
    if not pages:
        return None
    contents = types.MarkupContent(types.MarkupKind.Markdown, "\n\n---\n\n".join(pages.values()))
    return types.Hover(contents=contents)


# -- wiring ---------------------------------------------------------------------------------------


def create_server() -> LintdockServer:
    """The server with every feature registered."""
    server = LintdockServer()

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.linter.roots = _folders(params)
        server.initial_settings = _table(params.initialization_options)
        server.apply_settings({})

    @server.feature(types.INITIALIZED)
    async def initialized(_params: types.InitializedParams) -> None:
        await _register_watchers(server)
        await _pull_settings(server)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        server.request_lint([params.text_document.uri])

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.request_lint([params.text_document.uri])

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        server.request_lint([params.text_document.uri])

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        server.forget(params.text_document.uri)
        server.request_lint([params.text_document.uri])  # the others now see the file on disk

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(_params: types.DidChangeWatchedFilesParams) -> None:
        server.request_lint()

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        if not await _pull_settings(server) and params.settings is not None:
            server.apply_settings(params.settings)
        server.request_lint()

    @server.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_folders(params: types.DidChangeWorkspaceFoldersParams) -> None:
        removed = {_folder_path(f) for f in params.event.removed}
        kept = [root for root in server.linter.roots if root not in removed]
        server.linter.roots = kept + [_folder_path(f) for f in params.event.added]
        server.request_lint()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]),
    )
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        return code_actions(server, params)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(params: types.HoverParams) -> types.Hover | None:
        return hover(server, params)

    @server.feature(types.SHUTDOWN)
    def shutdown(_params: Any) -> None:
        server.debouncer.cancel()
        server.executor.shutdown(wait=False, cancel_futures=True)

    return server


def _folders(params: types.InitializeParams) -> list[str]:
    if params.workspace_folders:
        return [_folder_path(folder) for folder in params.workspace_folders]
    root = (to_fs_path(params.root_uri) if params.root_uri else None) or params.root_path
    return [os.path.abspath(root)] if root else []


def _folder_path(folder: types.WorkspaceFolder) -> str:
    return os.path.abspath(to_fs_path(folder.uri) or folder.uri)


async def _register_watchers(server: LintdockServer) -> None:
    """Ask the client to tell us when config files (and the project's files) change on disk."""
    capabilities = server.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if not (watched and watched.dynamic_registration):
        return
    options = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED]
    )
    registration = types.Registration(
        id="lintdock-watched-files",
        method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
        register_options=options,
    )
    try:
        await server.client_register_capability_async(types.RegistrationParams([registration]))
    except Exception as error:  # a client that refuses: config changes apply on the next edit
        log.warning("watching files refused: %s", error)


async def _pull_settings(server: LintdockServer) -> bool:
    """Read the ``lintdock`` section of ``workspace/configuration``; False when the client
    does not offer it."""
    capabilities = server.client_capabilities.workspace
    if not (capabilities and capabilities.configuration):
        return False
    try:
        answer = await server.workspace_configuration_async(
            types.ConfigurationParams([types.ConfigurationItem(section=SOURCE)])
        )
    except Exception as error:
        log.warning("workspace/configuration failed: %s", error)
        return False
    if answer and isinstance(answer[0], Mapping):
        server.apply_settings(answer[0])
        server.request_lint()
    return True
