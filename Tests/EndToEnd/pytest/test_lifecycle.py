"""initialize (serverInfo, capabilities, position-encoding negotiation), shutdown and exit."""

import asyncio
import re

import pytest
from lsprotocol import types

from conftest import TIMEOUT, finish, start


async def test_initialize_result_utf16_by_default():
    client, result = await start()
    try:
        assert result.server_info is not None
        assert result.server_info.name == "mercator"
        assert re.fullmatch(r"\d+\.\d+\.\d+.*", result.server_info.version or "")
        caps = result.capabilities
        # No positionEncodings offered: UTF-16, the protocol's default.
        assert caps.position_encoding == types.PositionEncodingKind.Utf16
        sync = caps.text_document_sync
        assert isinstance(sync, types.TextDocumentSyncOptions)
        assert sync.open_close is True
        assert sync.change == types.TextDocumentSyncKind.Incremental
        assert isinstance(caps.diagnostic_provider, types.DiagnosticOptions)
        assert caps.diagnostic_provider.identifier == "mercator"
        assert caps.diagnostic_provider.inter_file_dependencies is False
        assert caps.diagnostic_provider.workspace_diagnostics is False
    finally:
        assert await finish(client) == 0


@pytest.mark.parametrize(
    ("offered", "negotiated"),
    [
        (["utf-8", "utf-16"], "utf-8"),
        (["utf-16", "utf-8"], "utf-8"),  # UTF-8 is what the server works in: preferred whenever offered
        (["utf-16"], "utf-16"),
        (["utf-32"], "utf-16"),  # nothing it supports: the mandatory UTF-16
        ([], "utf-16"),
    ],
)
async def test_position_encoding_negotiation(offered, negotiated):
    client, result = await start(encodings=offered)
    try:
        assert result.capabilities.position_encoding == negotiated
    finally:
        assert await finish(client) == 0


async def test_requests_after_shutdown_are_refused_and_exit_is_0():
    client, _ = await start()
    try:
        assert await asyncio.wait_for(client.shutdown_async(None), TIMEOUT) is None
        with pytest.raises(Exception):
            await asyncio.wait_for(
                client.text_document_diagnostic_async(
                    types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri="file:///x.hcl"))
                ),
                TIMEOUT,
            )
        client.exit(None)
        assert await asyncio.wait_for(client._server.wait(), TIMEOUT) == 0
    finally:
        await client.stop()


async def test_exit_without_shutdown_is_1():
    client, _ = await start()
    try:
        client.exit(None)
        assert await asyncio.wait_for(client._server.wait(), TIMEOUT) == 1
    finally:
        await client.stop()
