"""Diagnostics: pushed to a client without pull support (and cleared after a fix or on close), pulled with result
ids by a client that declares `textDocument.diagnostic` (and then never pushed), positions in the negotiated
encoding, incremental edits."""

import asyncio

from lsprotocol import types

from conftest import TIMEOUT, Doc, example_text, rng, wait_until

BROKEN = 'env "local" {\n  url = \n  dev = "docker://postgres/15/dev"\n}\n'
FIXED = 'env "local" {\n  url = "sqlite://file?mode=memory"\n  dev = "docker://postgres/15/dev"\n}\n'


async def test_push_for_broken_file_then_cleared_after_fix(client):
    doc = Doc(client, BROKEN)
    diagnostics = await doc.wait_diagnostics()
    assert len(diagnostics) >= 1
    first = diagnostics[0]
    assert first.severity == types.DiagnosticSeverity.Error
    assert first.source == "mercator"
    assert first.code == "syntax.invalid-expression"
    assert "expression" in first.message.lower()
    # `url = ` ends the line: the error is at its end (line 2, 0-based 1).
    assert first.range.start.line == 1
    assert first.range.start.character >= len("  url =")

    # The fix, as an incremental edit inserting the value.
    seen = len(doc.published())
    at = doc.find("url = ", delta=len("url = "))
    doc.edit((rng(at, at), '"sqlite://file?mode=memory"'))
    assert doc.text == FIXED
    assert await doc.wait_diagnostics(after=seen) == []


async def test_clean_example_has_no_diagnostics_and_close_clears(client):
    doc = Doc(client, example_text())
    assert await doc.wait_diagnostics() == []
    broken = Doc(client, BROKEN)
    assert await broken.wait_diagnostics() != []
    seen = len(broken.published())
    broken.close()
    p = await wait_until(lambda: broken.published()[seen:], "publishDiagnostics after didClose")
    assert list(p[0].diagnostics) == []


async def test_positions_follow_negotiated_encoding(client, utf8_client):
    # `!` after two astral-plane characters: column 13 in UTF-16 code units, 17 in UTF-8 bytes.
    text = 'locals {\n  s = "😀😀" ! 1\n}\n'
    u16 = await Doc(client, text).wait_diagnostics()
    u8 = await Doc(utf8_client, text, encoding="utf-8").wait_diagnostics()
    assert [d.range.start for d in u16][:1] == [types.Position(line=1, character=13)]
    assert [d.range.start for d in u8][:1] == [types.Position(line=1, character=17)]


async def test_pull_with_result_ids(pull_client):
    client = pull_client
    doc = Doc(client, BROKEN)

    async def pull(previous=None):
        return await asyncio.wait_for(
            client.text_document_diagnostic_async(
                types.DocumentDiagnosticParams(text_document=doc.ident, previous_result_id=previous)
            ),
            TIMEOUT,
        )

    report = await pull()
    assert isinstance(report, types.RelatedFullDocumentDiagnosticReport)
    assert report.kind == "full"
    assert report.result_id
    assert [d.code for d in report.items] == ["syntax.invalid-expression"]

    again = await pull(report.result_id)
    assert isinstance(again, types.RelatedUnchangedDocumentDiagnosticReport)
    assert again.kind == "unchanged"
    assert again.result_id == report.result_id

    # A stale result id gets the full report.
    assert isinstance(await pull("no-such-id"), types.RelatedFullDocumentDiagnosticReport)

    at = doc.find("url = ", delta=len("url = "))
    doc.edit((rng(at, at), "1"))
    fixed = await pull(report.result_id)
    assert isinstance(fixed, types.RelatedFullDocumentDiagnosticReport)
    assert list(fixed.items) == []
    assert fixed.result_id and fixed.result_id != report.result_id

    # A document that is not open has nothing to report.
    closed = await asyncio.wait_for(
        client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri="file:///nowhere/atlas.hcl"))
        ),
        TIMEOUT,
    )
    assert isinstance(closed, types.RelatedFullDocumentDiagnosticReport) and list(closed.items) == []

    # The client pulls, so the server never pushed.
    await asyncio.sleep(0.2)
    assert client.published == []


async def test_incremental_edits_utf16(client):
    """Several ranged edits in one didChange and across several, around non-BMP characters and CRLF; after each, the
    server's diagnostics must match the text the client has."""
    # Not named atlas.hcl: this test is about syntax diagnostics following the text, not about unused locals.
    doc = Doc(client, 'locals {\r\n  a = "😀"\r\n  b = 2\r\n}\r\n', name="edits.hcl")
    assert await doc.wait_diagnostics() == []

    # Break line 2 after the emoji (UTF-16: the emoji is 2 units), and fix nothing yet.
    seen = len(doc.published())
    after_emoji = doc.find('😀"', delta=2)
    doc.edit((rng(after_emoji, after_emoji), " !"))
    assert doc.text == 'locals {\r\n  a = "😀" !\r\n  b = 2\r\n}\r\n'
    broken = await doc.wait_diagnostics(after=seen)
    assert broken and broken[0].range.start.line == 1

    # One didChange, two edits applied in order: delete the `!`, then replace `2` with a reference.
    seen = len(doc.published())
    bang = doc.find(" !")
    doc.edit(
        (rng(bang, doc.find(" !", delta=2)), ""),
        (rng(doc.find("2\r\n"), doc.find("2\r\n", delta=1)), "local.a"),
    )
    assert doc.text == 'locals {\r\n  a = "😀"\r\n  b = local.a\r\n}\r\n'
    assert await doc.wait_diagnostics(after=seen) == []

    # Insert a whole new block at the end (range at the end of the document), then a line in the middle.
    seen = len(doc.published())
    end = doc.position(len(doc.text))
    doc.edit((rng(end, end), 'env "x" {\r\n  url = \r\n}\r\n'))
    bad = await doc.wait_diagnostics(after=seen)
    assert [d.range.start.line for d in bad][:1] == [5]
    seen = len(doc.published())
    line5 = doc.find("  url = ", delta=len("  url = "))
    doc.edit((rng(line5, line5), '"sqlite://x"'))
    assert await doc.wait_diagnostics(after=seen) == []

    # A burst of single-character edits (typing), then a whole-document replacement.
    seen = len(doc.published())
    # (CR and LF go in together: a lone CR is a line break of its own to the server.)
    for piece in ["  c", " ", "=", " ", '"', "ü", "😀", '"', "\r\n"]:
        at = doc.find("}\r\nenv")
        doc.edit((rng(at, at), piece))
    assert await doc.wait_diagnostics(after=seen) == []
    assert 'c = "ü😀"\r\n}' in doc.text
    seen = len(doc.published())
    doc.replace_all(BROKEN)
    assert await doc.wait_diagnostics(after=seen) != []
    # Every edit range was inside the document as the server had it: nothing was clamped.
    assert [m.message for m in client.log_messages if "clamped" in m.message] == []
