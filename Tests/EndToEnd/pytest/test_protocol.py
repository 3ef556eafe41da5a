"""Protocol services beyond requests and answers: settings through `workspace/configuration`, `window/logMessage`
for clamped edits, `$/setTrace` and `$/logTrace`, and `$/cancelRequest` (a storm of them, after which the server
still answers)."""

import asyncio

from lsprotocol import types
from pytest_lsp import ClientServerConfig

from conftest import REPO, TIMEOUT, Doc, capabilities, finish, make_client, mercator_bin, wait_until

BROKEN = 'env "local" {\n  url = \n}\n'


async def start_with(client_setup, workspace: types.WorkspaceClientCapabilities | None = None):
    """A server whose client declares `workspace` capabilities; `client_setup(client)` registers handlers first."""

    def factory():
        client = make_client()
        client_setup(client)
        return client

    config = ClientServerConfig(server_command=[mercator_bin(), "serve", "--stdio"], client_factory=factory)
    client = await config.start()
    caps = capabilities()
    caps.workspace = workspace
    await asyncio.wait_for(
        client.initialize_session(types.InitializeParams(capabilities=caps, root_uri=REPO.as_uri())), TIMEOUT
    )
    return client


async def test_settings_from_workspace_configuration_turn_diagnostics_off():
    # pytest-lsp's client answers `workspace/configuration` from what is set here.
    client = await start_with(
        lambda c: c.set_configuration({"mercator": {"diagnostics": {"enable": False}}}),
        types.WorkspaceClientCapabilities(configuration=True),
    )
    try:
        # With diagnostics off, a broken document ends up published with none (a first publish may race the
        # configuration answer; once the settings arrive the server publishes again).
        doc = Doc(client, BROKEN)
        await wait_until(
            lambda: doc.published() and list(doc.published()[-1].diagnostics) == [], "diagnostics turned off"
        )
        # Turning them back on through didChangeConfiguration brings them back at the next change.
        seen = len(doc.published())
        client.workspace_did_change_configuration(
            types.DidChangeConfigurationParams(settings={"mercator": {"diagnostics": {"enable": True}}})
        )
        at = doc.find("url = ", delta=6)
        doc.edit((types.Range(start=at, end=at), " "))
        diagnostics = await doc.wait_diagnostics(after=seen)
        assert [d.code for d in diagnostics] == ["syntax.invalid-expression"]
    finally:
        await finish(client)


async def test_clamped_edit_is_logged_as_a_warning(client):
    doc = Doc(client, "a = 1\n")
    await doc.wait_diagnostics()
    past_end = types.Range(start=types.Position(line=40, character=0), end=types.Position(line=99, character=7))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=doc.uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=past_end, text="b = 2\n")],
        )
    )
    message = await wait_until(
        lambda: [m for m in client.log_messages if "clamped" in m.message], "window/logMessage about clamping"
    )
    assert message[0].type == types.MessageType.Warning
    # The edit landed at the end; the document is still served.
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc.ident))
    assert [s.name for s in symbols] == ["a", "b"]


async def test_set_trace_then_requests_are_traced():
    traces = []

    def setup(client):
        @client.feature(types.LOG_TRACE)
        def log_trace(ls, params: types.LogTraceParams):
            traces.append(params.message)

    client = await start_with(setup)
    try:
        client.protocol.notify(types.SET_TRACE, types.SetTraceParams(value=types.TraceValue.Messages))
        doc = Doc(client, "a = 1\n")
        await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc.ident))
        await wait_until(lambda: [t for t in traces if "documentSymbol" in t], "$/logTrace for the request")
        # Traces name the method, never the document's text.
        assert not any("a = 1" in t for t in traces)
    finally:
        await finish(client)


async def test_cancel_storm_then_the_server_still_answers(client):
    doc = Doc(client, 'env "local" {\n  url = "x"\n}\n')
    await doc.wait_diagnostics()
    # Cancels for ids that were never sent, or in the wrong shape, are ignored.
    for i in range(300):
        client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=100_000 + i))
    # Real requests, each followed at once by its `$/cancelRequest`: each is answered or refused with
    # RequestCancelled (-32800), whichever comes first on the server.
    futures = []
    for _ in range(20):
        before = set(client.protocol._request_futures)
        futures.append(
            client.protocol.send_request(
                types.TEXT_DOCUMENT_SEMANTIC_TOKENS_FULL, types.SemanticTokensParams(text_document=doc.ident)
            )
        )
        (request_id,) = set(client.protocol._request_futures) - before
        client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=request_id))
    outcomes = await asyncio.wait_for(
        asyncio.gather(*(asyncio.wrap_future(f) for f in futures), return_exceptions=True), TIMEOUT
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            assert "-32800" in str(getattr(outcome, "code", "")) or "cancel" in str(outcome).lower(), outcome
        else:
            assert outcome is not None
    symbols = await asyncio.wait_for(
        client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc.ident)), TIMEOUT
    )
    assert [s.name for s in symbols] == ['env "local"']
