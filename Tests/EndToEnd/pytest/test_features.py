"""The syntax features over the wire, on examples/atlas.hcl and on the formatting fixture: document symbols,
folding ranges, selection ranges, semantic tokens (full, delta, range), formatting, range formatting and linked
editing. Expected values are derived from the text (where a block starts, where its brace closes), so the tests
follow the example file as it changes."""

from __future__ import annotations

import asyncio
import re

import pytest
from lsprotocol import types

from conftest import (
    NOT_MERGED,
    TIMEOUT,
    Doc,
    apply_edits,
    example_text,
    finish,
    fixture_text,
    require_capability,
    rng,
    start,
)


def feature(name: str):
    """Marks a test of a feature whose handler is known not to be merged yet: an expected, strict failure (it turns
    into a failure the day the handler lands, so the mark gets removed)."""
    if name in NOT_MERGED:
        return pytest.mark.xfail(reason=f"{name}: handler not merged yet", strict=True)
    return lambda f: f


async def request(coro):
    return await asyncio.wait_for(coro, TIMEOUT)


def top_level_blocks(text: str) -> list[tuple[str, int, int]]:
    """(header, first line, closing-brace line) of each top-level block, 0-based, from the text's indentation."""
    lines = text.split("\n")
    blocks = []
    for i, line in enumerate(lines):
        m = re.match(r'^([a-z_]+(?: "[^"]*")*) \{$', line)
        if m:
            end = next(j for j in range(i + 1, len(lines)) if lines[j] == "}")
            blocks.append((m.group(1), i, end))
    return blocks


# ---- document symbols ------------------------------------------------------------------------------------------


@feature("documentSymbol")
async def test_document_symbols(client):
    require_capability(client.server_result, "document_symbol_provider")
    doc = Doc(client, example_text())
    symbols = await request(
        client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc.ident))
    )
    assert symbols and all(isinstance(s, types.DocumentSymbol) for s in symbols)
    expected = top_level_blocks(doc.text)
    assert [s.name for s in symbols] == [header for header, _, _ in expected]
    for s, (header, first, last) in zip(symbols, expected):
        assert (s.range.start.line, s.range.start.character) == (first, 0)
        assert s.range.end.line == last
        assert doc.slice(s.selection_range) == header  # the type and labels
        assert s.kind in (types.SymbolKind.Class, types.SymbolKind.Module, types.SymbolKind.Namespace,
                          types.SymbolKind.Struct, types.SymbolKind.Object)

    def check_nesting(parent):
        for child in parent.children or []:
            assert parent.range.start.line <= child.range.start.line <= child.range.end.line <= parent.range.end.line
            check_nesting(child)

    for s in symbols:
        check_nesting(s)
    prod = next(s for s in symbols if s.name == 'env "prod"')
    children = {c.name: c for c in prod.children or []}
    assert {"src", "url", "dev", "schemas", "exclude", "migration", "lint"} <= set(children)
    assert doc.slice(children["url"].selection_range) == "url"
    assert doc.slice(children["migration"].range).startswith("migration {")
    assert "dir" in {c.name for c in children["migration"].children or []}


# ---- folding ---------------------------------------------------------------------------------------------------


@feature("foldingRange")
@pytest.mark.parametrize("line_folding_only", [False, True])
async def test_folding_ranges(line_folding_only):
    client, _ = await start(line_folding_only=line_folding_only)
    try:
        require_capability(client.server_result, "folding_range_provider")
        doc = Doc(client, example_text())
        folds = await request(
            client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc.ident))
        )
        spans = {(f.start_line, f.end_line, f.end_character) for f in folds}
        for header, first, last in top_level_blocks(doc.text):
            if line_folding_only:
                # Whole lines: from the header to the line before the closing brace.
                expected = (first, last - 1, None)
            else:
                # By character: up to the closing brace, which stays visible.
                expected = (first, last, 0)
            assert expected in spans, f"no fold {expected} for {header}: {sorted(spans, key=str)}"
        # The two comment lines at the top fold as a comment.
        assert any(f.start_line == 0 and f.end_line == 1 and f.kind == types.FoldingRangeKind.Comment for f in folds)
        # The heredoc in env "prod" folds.
        heredoc = doc.find("<<-EOT").line
        assert any(f.start_line == heredoc and f.end_line > heredoc for f in folds)
        for f in folds:
            assert f.start_line < f.end_line
            if line_folding_only:
                assert f.start_character is None and f.end_character is None
        assert len({(f.start_line, f.end_line) for f in folds}) == len(folds), "a fold sent twice"
    finally:
        assert await finish(client) == 0


# ---- selection ranges ------------------------------------------------------------------------------------------


@feature("selectionRange")
async def test_selection_ranges(client):
    require_capability(client.server_result, "selection_range_provider")
    doc = Doc(client, example_text())
    inside_region = doc.find('"eu-west-1"', delta=3)
    on_rds_port = doc.find("rds_port}", delta=2)
    results = await request(
        client.text_document_selection_range_async(
            types.SelectionRangeParams(text_document=doc.ident, positions=[inside_region, on_rds_port])
        )
    )
    assert len(results) == 2

    def chain(sel):
        out = []
        while sel is not None:
            out.append(doc.slice(sel.range))
            sel = sel.parent
        return out

    region = chain(results[0])
    assert region[0] == "eu-west-1"
    assert region[1] == '"eu-west-1"'
    assert 'region   = "eu-west-1"' in region
    assert region[-1].strip() == doc.text.strip()
    for inner, outer in zip(region, region[1:]):
        assert inner in outer and len(inner) < len(outer)
    port = chain(results[1])
    assert port[0] == "rds_port"
    assert "local.rds_port" in port


# ---- semantic tokens -------------------------------------------------------------------------------------------


def decode(data: list[int], legend: types.SemanticTokensLegend, doc: Doc):
    """(line, start char, text, type name, modifier names) per token."""
    out, line, char = [], 0, 0
    for i in range(0, len(data), 5):
        dl, dc, length, kind, mods = data[i : i + 5]
        line += dl
        char = dc if dl else char + dc
        start = types.Position(line=line, character=char)
        end = types.Position(line=line, character=char + length)
        names = {m for b, m in enumerate(legend.token_modifiers) if mods >> b & 1}
        out.append((line, char, doc.slice(rng(start, end)), legend.token_types[kind], names))
    return out


def semantic_legend(client) -> types.SemanticTokensLegend:
    provider = require_capability(client.server_result, "semantic_tokens_provider")
    assert isinstance(provider, types.SemanticTokensOptions)
    return provider.legend


@feature("semanticTokens/full")
async def test_semantic_tokens_full(client):
    legend = semantic_legend(client)
    doc = Doc(client, example_text())
    result = await request(
        client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc.ident))
    )
    assert result.data and len(result.data) % 5 == 0
    tokens = decode(result.data, legend, doc)
    by_text = {}
    for line, char, text, kind, mods in tokens:
        by_text.setdefault(text, []).append((kind, mods))
        assert "\n" not in text
    assert ("comment", set()) in by_text[doc.text.split("\n")[0]]
    assert by_text["env"][0][0] == "type"
    assert by_text['"prod"'][0][0] == "class"
    url = by_text["url"][0]
    assert url[0] == "property" and "declaration" in url[1]
    assert by_text["toset"][0] == ("function", {"defaultLibrary"})
    local = by_text["local"][0]
    assert local[0] == "variable" and {"readonly", "defaultLibrary"} <= local[1]
    assert ("keyword", set()) in by_text["true"]
    assert by_text["5432"][0][0] == "number"
    assert by_text["<<-EOT"][0][0] == "keyword"
    # Sorted and non-overlapping.
    starts = [(line, char, len(text)) for line, char, text, _, _ in tokens]
    for (l1, c1, n1), (l2, c2, _) in zip(starts, starts[1:]):
        assert (l1, c1 + n1) <= (l2, c2) or l1 < l2


@feature("semanticTokens/full/delta")
async def test_semantic_tokens_delta(client):
    provider = require_capability(client.server_result, "semantic_tokens_provider")
    assert isinstance(provider.full, types.SemanticTokensFullDelta) and provider.full.delta is True
    doc = Doc(client, example_text())
    first = await request(
        client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc.ident))
    )
    assert first.result_id
    # Rename a local and add an attribute: tokens shift on one line and appear on another.
    at = doc.find("db_name  =")
    doc.edit((rng(at, doc.find("db_name  =", delta=len("db_name"))), "database"),
             (rng(doc.find("  rds_port = 5432"), doc.find("  rds_port = 5432")), '  extra    = "x"\n'))
    delta = await request(
        client.text_document_semantic_tokens_full_delta_async(
            types.SemanticTokensDeltaParams(text_document=doc.ident, previous_result_id=first.result_id)
        )
    )
    fresh = await request(
        client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc.ident))
    )
    assert isinstance(delta, types.SemanticTokensDelta), f"expected a delta, got {type(delta).__name__}"
    assert delta.result_id and delta.result_id != first.result_id
    data = list(first.data)
    for edit in sorted(delta.edits, key=lambda e: e.start, reverse=True):
        data[edit.start : edit.start + edit.delete_count] = list(edit.data or [])
    assert data == list(fresh.data)
    assert sum(len(e.data or []) for e in delta.edits) < len(fresh.data)  # a delta, not everything again

    # An unknown previous result id: the full tokens (or a delta from nothing) that equal a fresh request.
    unknown = await request(
        client.text_document_semantic_tokens_full_delta_async(
            types.SemanticTokensDeltaParams(text_document=doc.ident, previous_result_id="no-such-id")
        )
    )
    if isinstance(unknown, types.SemanticTokens):
        assert list(unknown.data) == list(fresh.data)
    else:
        assert [list(e.data or []) for e in unknown.edits] == [list(fresh.data)]


@feature("semanticTokens/range")
async def test_semantic_tokens_range(client):
    legend = semantic_legend(client)
    provider = client.server_result.capabilities.semantic_tokens_provider
    assert provider.range is True
    doc = Doc(client, example_text())
    full = decode(
        (await request(
            client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=doc.ident))
        )).data, legend, doc)
    start, end = doc.find('env "prod"'), doc.find('env "tenant"')
    part = await request(
        client.text_document_semantic_tokens_range_async(
            types.SemanticTokensRangeParams(text_document=doc.ident, range=rng(start, end))
        )
    )
    tokens = decode(part.data, legend, doc)
    assert tokens, "no tokens in the range"
    assert all(start.line <= line < end.line for line, *_ in tokens)
    # Exactly the full result's tokens on those lines.
    assert tokens == [t for t in full if start.line <= t[0] < end.line]


# ---- formatting ------------------------------------------------------------------------------------------------

OPTIONS = types.FormattingOptions(tab_size=2, insert_spaces=True)


@feature("formatting")
async def test_formatting(client):
    require_capability(client.server_result, "document_formatting_provider")
    doc = Doc(client, fixture_text("unformatted.hcl"))
    edits = await request(
        client.text_document_formatting_async(types.DocumentFormattingParams(text_document=doc.ident, options=OPTIONS))
    )
    assert edits
    assert apply_edits(doc.text, edits) == fixture_text("unformatted.formatted.hcl")
    # Formatted text gives no edits.
    clean = Doc(client, fixture_text("unformatted.formatted.hcl"))
    assert not await request(
        client.text_document_formatting_async(
            types.DocumentFormattingParams(text_document=clean.ident, options=OPTIONS)
        )
    )


@feature("formatting")
async def test_formatting_utf8_positions(utf8_client):
    """Edits after non-ASCII text land where they should in UTF-8 columns."""
    require_capability(utf8_client.server_result, "document_formatting_provider")
    text = 'locals {\n  tags = {\n    "ключ😀" = 1\n    b =    2\n    c = "é"   # note\n  }\n}\n'
    doc = Doc(utf8_client, text, encoding="utf-8")
    edits = await request(
        utf8_client.text_document_formatting_async(
            types.DocumentFormattingParams(text_document=doc.ident, options=OPTIONS)
        )
    )
    # As hclwrite.Format has it (alignment counts characters, not bytes).
    assert apply_edits(text, edits, "utf-8") == (
        'locals {\n  tags = {\n    "ключ😀" = 1\n    b       = 2\n    c       = "é" # note\n  }\n}\n'
    )


@feature("rangeFormatting")
async def test_range_formatting(client):
    require_capability(client.server_result, "document_range_formatting_provider")
    doc = Doc(client, fixture_text("unformatted.hcl"))
    formatted = fixture_text("unformatted.formatted.hcl")
    start, end = doc.find('env "local"'), doc.find('env "tenant"')
    edits = await request(
        client.text_document_range_formatting_async(
            types.DocumentRangeFormattingParams(text_document=doc.ident, range=rng(start, end), options=OPTIONS)
        )
    )
    assert edits
    for e in edits:
        assert start.line <= e.range.start.line and e.range.end.line < end.line, f"edit outside the range: {e}"
    # The formatter keeps lines here, so the expected text is the formatted lines inside the range, the original
    # ones outside.
    old, new = doc.text.split("\n"), formatted.split("\n")
    expected = "\n".join(new[i] if start.line <= i < end.line else old[i] for i in range(len(old)))
    assert apply_edits(doc.text, edits) == expected


# ---- linked editing --------------------------------------------------------------------------------------------


@feature("linkedEditingRange")
async def test_linked_editing_heredoc_markers(client):
    require_capability(client.server_result, "linked_editing_range_provider")
    doc = Doc(client, example_text())

    async def linked(pos):
        return await request(
            client.text_document_linked_editing_range_async(
                types.LinkedEditingRangeParams(text_document=doc.ident, position=pos)
            )
        )

    opening = doc.find("<<-EOT", delta=len("<<-E"))
    closing = doc.find("    EOT\n", delta=len("    EO"))
    for pos in (opening, closing):
        result = await linked(pos)
        assert result is not None
        assert [doc.slice(r) for r in result.ranges] == ["EOT", "EOT"]
        assert result.ranges[0].start == doc.find("<<-EOT", delta=3)
        assert result.ranges[1].start == doc.find("    EOT\n", delta=4)
    assert await linked(doc.find("env \"local\"")) is None
