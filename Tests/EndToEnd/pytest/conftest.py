"""End-to-end tests of the built `mercator serve --stdio` through pytest-lsp.

pytest-lsp (pygls + lsprotocol) structures every message the server sends into the LSP types, so a malformed
message fails the test; its spec checks (`LspSpecificationWarning`) are turned into errors in pytest.ini.

The binary is `$MERCATOR_BIN`, else `.build/debug/mercator` relative to the repository; the run stops at once,
with a message, when it is missing.
"""

from __future__ import annotations

import asyncio
import os
import pathlib
import sys
from typing import Any, Callable

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

REPO = pathlib.Path(__file__).resolve().parents[3]
EXAMPLE = REPO / "examples" / "atlas.hcl"
FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "fixtures"
TIMEOUT = 10.0

# Features whose handlers are not merged into this branch yet. Their tests are strict xfails: they fail as soon as
# the handler lands (XPASS), and the name comes off this list then.
NOT_MERGED: set[str] = set()


def mercator_bin() -> str:
    path = pathlib.Path(os.environ.get("MERCATOR_BIN") or REPO / ".build" / "debug" / "mercator")
    if not path.is_absolute():
        path = REPO / path
    return str(path)


def pytest_configure(config: pytest.Config) -> None:
    path = mercator_bin()
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise pytest.UsageError(
            f"mercator binary not found at {path}: build it (swift build) or set MERCATOR_BIN "
            "(Tests/EndToEnd/run.sh does both)."
        )


# ---- clients ---------------------------------------------------------------------------------------------------


def make_client() -> LanguageClient:
    """pytest-lsp's test client that also keeps every publishDiagnostics in order (`client.published`)."""

    def publish_diagnostics(ls: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        ls.diagnostics[params.uri] = params.diagnostics
        ls.published.append(params)  # type: ignore[attr-defined]

    features = dict(DEFAULT_CLIENT_FEATURES)
    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish_diagnostics
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]
    register_lsp_features(client, features)
    return client


def capabilities(
    *, encodings: list[str] | None = None, pull: bool = False, line_folding_only: bool = False
) -> types.ClientCapabilities:
    """A client declaring what Mercator serves. `pull` adds `textDocument.diagnostic` (the server then stops
    pushing); `encodings` goes to `general.positionEncodings`."""
    text_document = types.TextDocumentClientCapabilities(
        synchronization=types.TextDocumentSyncClientCapabilities(),
        publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True),
        document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
        folding_range=types.FoldingRangeClientCapabilities(line_folding_only=line_folding_only),
        selection_range=types.SelectionRangeClientCapabilities(),
        semantic_tokens=types.SemanticTokensClientCapabilities(
            requests=types.ClientSemanticTokensRequestOptions(
                range=True, full=types.ClientSemanticTokensRequestFullDelta(delta=True)
            ),
            token_types=[
                "namespace", "type", "class", "enum", "interface", "struct", "typeParameter", "parameter",
                "variable", "property", "enumMember", "event", "function", "method", "macro", "keyword",
                "modifier", "comment", "string", "number", "regexp", "operator", "decorator",
            ],
            token_modifiers=[
                "declaration", "definition", "readonly", "static", "deprecated", "abstract", "async",
                "modification", "documentation", "defaultLibrary",
            ],
            formats=[types.TokenFormat.Relative],
            overlapping_token_support=False,
            multiline_token_support=False,
        ),
        formatting=types.DocumentFormattingClientCapabilities(),
        range_formatting=types.DocumentRangeFormattingClientCapabilities(),
        linked_editing_range=types.LinkedEditingRangeClientCapabilities(),
        hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText]),
        diagnostic=types.DiagnosticClientCapabilities(related_document_support=False) if pull else None,
    )
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings is not None else None
    return types.ClientCapabilities(text_document=text_document, general=general)


async def start(
    *,
    encodings: list[str] | None = None,
    pull: bool = False,
    line_folding_only: bool = False,
    customize: Callable[[types.ClientCapabilities], None] | None = None,
) -> tuple[LanguageClient, types.InitializeResult]:
    """Starts a server, runs `initialize`/`initialized`; the caller shuts it down (`finish`). `customize` may add
    to the declared capabilities before they are sent."""
    config = ClientServerConfig(server_command=[mercator_bin(), "serve", "--stdio"], client_factory=make_client)
    client = await config.start()
    declared = capabilities(encodings=encodings, pull=pull, line_folding_only=line_folding_only)
    if customize:
        customize(declared)
    result = await asyncio.wait_for(
        client.initialize_session(
            types.InitializeParams(
                capabilities=declared,
                client_info=types.ClientInfo(name="pytest-lsp", version=pytest_lsp.__version__),
                root_uri=REPO.as_uri(),
            )
        ),
        TIMEOUT,
    )
    client.server_result = result  # type: ignore[attr-defined]
    return client, result


async def finish(client: LanguageClient) -> int | None:
    """shutdown + exit; returns the server's exit code."""
    try:
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
        return client._server.returncode if client._server else None
    finally:
        await client.stop()


@pytest.fixture
async def client():
    """A UTF-16 client without pull diagnostics: the server pushes."""
    c, _ = await start()
    yield c
    await finish(c)


@pytest.fixture
async def pull_client():
    """A client that declares `textDocument.diagnostic`: it pulls, the server does not push."""
    c, _ = await start(pull=True)
    yield c
    await finish(c)


@pytest.fixture
async def utf8_client():
    c, _ = await start(encodings=["utf-8", "utf-16"])
    yield c
    await finish(c)


# ---- helpers ---------------------------------------------------------------------------------------------------


async def wait_until(predicate: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if asyncio.get_running_loop().time() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        await asyncio.sleep(0.01)


class Doc:
    """An open document on the client side: its text and version, kept in step with the server."""

    _count = 0

    def __init__(self, client: LanguageClient, text: str, name: str = "atlas.hcl", encoding: str = "utf-16"):
        Doc._count += 1
        self.client = client
        self.uri = (pathlib.Path("/tmp/mercator-e2e") / str(Doc._count) / name).as_uri()
        self.text = text
        self.version = 1
        self.encoding = encoding
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=self.uri, language_id="hcl", version=1, text=text)
            )
        )

    @property
    def ident(self) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=self.uri)

    # positions in the negotiated encoding
    def offset(self, pos: types.Position) -> int:
        return offset_of(self.text, pos, self.encoding)

    def position(self, offset: int) -> types.Position:
        return position_of(self.text, offset, self.encoding)

    def find(self, needle: str, nth: int = 0, delta: int = 0) -> types.Position:
        """The position of the `nth` occurrence of `needle`, plus `delta` characters."""
        at = -1
        for _ in range(nth + 1):
            at = self.text.index(needle, at + 1)
        return self.position(at + delta)

    def slice(self, rng: types.Range) -> str:
        return self.text[self.offset(rng.start) : self.offset(rng.end)]

    def edit(self, *changes: tuple[types.Range, str]) -> None:
        """Sends one didChange with ranged edits (applied in order, as the spec says) and applies them here."""
        events = []
        for rng, new_text in changes:
            start, end = self.offset(rng.start), self.offset(rng.end)
            self.text = self.text[:start] + new_text + self.text[end:]
            events.append(types.TextDocumentContentChangePartial(range=rng, text=new_text))
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=events,
            )
        )

    def replace_all(self, text: str) -> None:
        self.text = text
        self.version += 1
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=self.uri, version=self.version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
            )
        )

    def close(self) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=self.ident))

    def published(self) -> list[types.PublishDiagnosticsParams]:
        return [p for p in self.client.published if p.uri == self.uri]  # type: ignore[attr-defined]

    async def wait_diagnostics(self, *, version: int | None = None, after: int = 0) -> list[types.Diagnostic]:
        """The diagnostics of the first publish, after the first `after` ones, for `version` (default: current)."""
        version = self.version if version is None else version

        def found():
            for p in self.published()[after:]:
                if p.version is None or p.version == version:
                    return p
            return None

        p = await wait_until(found, f"publishDiagnostics for {self.uri} version {version}")
        return list(p.diagnostics)


def units(ch: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(ch.encode("utf-8"))
    if encoding == "utf-16":
        return len(ch.encode("utf-16-le")) // 2
    return 1


def position_of(text: str, offset: int, encoding: str) -> types.Position:
    line_start = text.rfind("\n", 0, offset) + 1
    line = text.count("\n", 0, offset)
    return types.Position(line=line, character=sum(units(c, encoding) for c in text[line_start:offset]))


def offset_of(text: str, pos: types.Position, encoding: str) -> int:
    lines = text.split("\n")
    if pos.line >= len(lines):
        return len(text)
    start = sum(len(l) + 1 for l in lines[: pos.line])
    col = 0
    for i, ch in enumerate(lines[pos.line]):
        if col >= pos.character:
            return start + i
        col += units(ch, encoding)
    return start + len(lines[pos.line])


def apply_edits(text: str, edits: list[types.TextEdit], encoding: str = "utf-16") -> str:
    """Applies TextEdits the way the spec says: all ranges refer to the original text; none may overlap."""
    spans = sorted(
        ((offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text) for e in edits),
        key=lambda s: (s[0], s[1]),
    )
    for (a0, a1, _), (b0, _, _) in zip(spans, spans[1:]):
        assert a1 <= b0, f"overlapping edits {spans}"
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def rng(start: types.Position, end: types.Position) -> types.Range:
    return types.Range(start=start, end=end)


def require_capability(result: types.InitializeResult, name: str) -> Any:
    """The server capability `name`; when absent the feature's handler is not there (yet), and the test fails
    saying so."""
    value = getattr(result.capabilities, name)
    if value is None or value is False:
        pytest.fail(f"server does not announce {name}: the handler is missing")
    return value


def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


sys.path.insert(0, str(pathlib.Path(__file__).parent))
