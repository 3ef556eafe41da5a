"""Opening a hostile atlas.hcl starts no process and opens no socket (issue 4, DESIGN §3 "Nothing runs without a
click"): the server and `mercator check` run under strace, which records every execve, socket and connect."""

import asyncio
import pathlib
import shutil
import subprocess

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig

from conftest import FIXTURES, REPO, TIMEOUT, capabilities, make_client, mercator_bin

HOSTILE = FIXTURES / "hostile.atlas.hcl"
TRACED = "trace=execve,socket,connect"


def strace() -> str:
    path = shutil.which("strace")
    if path is None:
        pytest.fail("strace is not installed (Tests/EndToEnd/run.sh installs it)")
    return path


def events(trace: pathlib.Path) -> list[str]:
    """The traced system calls, without strace's pid prefix."""
    return [line.split(" ", 1)[1].strip() for line in trace.read_text().splitlines() if " " in line]


def assert_ran_nothing(trace: pathlib.Path) -> None:
    calls = events(trace)
    execs = [c for c in calls if c.startswith("execve(")]
    assert len(execs) == 1 and mercator_bin() in execs[0], f"processes started: {execs}"
    assert not [c for c in calls if c.startswith(("socket(", "connect("))], f"sockets: {calls}"


def test_check_runs_nothing(tmp_path):
    trace = tmp_path / "check.trace"
    subprocess.run(
        [strace(), "-f", "-qq", "-e", TRACED, "-o", str(trace), mercator_bin(), "check", str(HOSTILE)],
        check=False, capture_output=True, timeout=60,
    )
    assert trace.exists()
    assert_ran_nothing(trace)


async def test_server_runs_nothing(tmp_path):
    trace = tmp_path / "serve.trace"
    command = [strace(), "-f", "-qq", "-e", TRACED, "-o", str(trace), mercator_bin(), "serve", "--stdio"]
    client = await ClientServerConfig(server_command=command, client_factory=make_client).start()
    try:
        await asyncio.wait_for(
            client.initialize_session(
                types.InitializeParams(capabilities=capabilities(pull=True), root_uri=REPO.as_uri())
            ),
            TIMEOUT,
        )
        uri = (tmp_path / "atlas.hcl").as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="hcl", version=1, text=HOSTILE.read_text())
            )
        )
        ident = types.TextDocumentIdentifier(uri=uri)
        report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=ident))
        assert report.kind == "full"
        await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=ident))
        await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=ident))
        # Lenses are listed and resolved (issue 8 acceptance 4): that runs nothing either; only a click would.
        lenses = await client.text_document_code_lens_async(types.CodeLensParams(text_document=ident))
        titles = []
        for lens in lenses or []:
            resolved = await client.code_lens_resolve_async(lens)
            titles.append(resolved.command.title if resolved.command else None)
        assert {"Generate token", "Inspect schema", "Test connection"} <= set(titles), titles
        # Even a click on env "x" runs nothing: its url needs data.external, which Mercator never runs.
        with pytest.raises(Exception) as refused:
            await client.workspace_execute_command_async(
                types.ExecuteCommandParams(command="mercator.inspectSchema", arguments=[uri, "x"]))
        assert "data.external.dump" in str(refused.value), str(refused.value)
        await asyncio.wait_for(client.shutdown_session(), TIMEOUT)
    finally:
        await client.stop()
    assert_ran_nothing(trace)
