"""Hover, inlay hints and code lenses over the wire on examples/atlas.hcl: documentation, evaluated values and URL
parts in Markdown with the hovered range, values after uses of locals, lenses resolved into reference counts; and
no password or token in any of them."""

from __future__ import annotations

import asyncio
import re

from lsprotocol import types

from conftest import TIMEOUT, Doc, example_text, require_capability


async def request(coro):
    return await asyncio.wait_for(coro, TIMEOUT)


async def hover_at(client, doc: Doc, needle: str, nth: int = 0, delta: int = 0) -> types.Hover:
    result = await request(
        client.text_document_hover_async(
            types.HoverParams(text_document=doc.ident, position=doc.find(needle, nth=nth, delta=delta))
        )
    )
    assert result is not None, f"no hover on {needle!r}"
    assert isinstance(result.contents, types.MarkupContent)
    assert result.contents.kind == types.MarkupKind.Markdown
    return result


async def test_hover_reference_value(client):
    require_capability(client.server_result, "hover_provider")
    doc = Doc(client, example_text())
    hover = await hover_at(client, doc, "${local.db_name}", delta=3)
    assert doc.slice(hover.range) == "local.db_name"
    assert "Local value" in hover.contents.value
    assert 'db_name  = "orders"' in hover.contents.value or '"orders"' in hover.contents.value


async def test_hover_documentation(client):
    doc = Doc(client, example_text())
    function = await hover_at(client, doc, "urlescape(", delta=2)
    assert doc.slice(function.range) == "urlescape"
    assert "urlescape(string string) string" in function.contents.value
    source = await hover_at(client, doc, '"aws_rds_token"', delta=3)
    assert "RDS IAM" in source.contents.value
    attribute = await hover_at(client, doc, "exec_order", delta=1)
    assert "LINEAR_SKIP" in attribute.contents.value and "https://atlasgo.io" in attribute.contents.value


async def test_hover_url_parts_masked(client):
    doc = Doc(client, example_text())
    local_url = await hover_at(client, doc, "postgres://postgres:pass@", delta=3)
    value = local_url.contents.value
    assert "password: `****`" in value
    assert ":pass@" not in value
    assert "host: `localhost`" in value and "port: `5432`" in value and "database: `orders`" in value
    prod_url = await hover_at(client, doc, "?sslmode=require", delta=3)
    assert "password: `****`" in prod_url.contents.value
    token = await hover_at(client, doc, "data.aws_rds_token.db", delta=20)
    assert "(sensitive)" in token.contents.value


async def test_inlay_hints(client):
    require_capability(client.server_result, "inlay_hint_provider")
    doc = Doc(client, example_text())
    end = doc.position(len(doc.text))
    hints = await request(
        client.text_document_inlay_hint_async(
            types.InlayHintParams(
                text_document=doc.ident, range=types.Range(start=types.Position(line=0, character=0), end=end)
            )
        )
    )
    assert hints
    labels = [h.label for h in hints]
    assert all(isinstance(label, str) for label in labels)
    assert '= "orders"' in labels
    assert not any(":pass@" in label for label in labels)
    url_hints = [label for label in labels if label.startswith("→ postgres://")]
    assert any("postgres:****@localhost" in label for label in url_hints), url_hints
    # Each hint sits right after the use it describes.
    first = next(h for h in hints if h.label == '= "orders"')
    before = doc.text[: doc.offset(first.position)]
    assert before.endswith("local.db_name")


async def test_code_lens_resolve(client):
    require_capability(client.server_result, "code_lens_provider")
    doc = Doc(client, example_text())
    lenses = await request(client.text_document_code_lens_async(types.CodeLensParams(text_document=doc.ident)))
    assert lenses and all(lens.command is None for lens in lenses)
    names = [doc.slice(lens.range) for lens in lenses]
    assert "db_name" in names
    lens = lenses[names.index("db_name")]
    resolved = await request(client.code_lens_resolve_async(lens))
    assert resolved.command is not None
    assert re.fullmatch(r"\d+ references?", resolved.command.title)
    assert resolved.command.command == "mercator.showReferences"
    count = int(resolved.command.title.split()[0])
    assert count == doc.text.count("local.db_name")
