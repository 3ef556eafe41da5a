"""Navigation, rename, quick fixes and workspace symbols over the wire, on examples/atlas.hcl: definition,
references and highlights of the token data source, prepareRename and rename of it (label and every use), a refused
rename, the urlescape() quick fix tied to its diagnostic (eager, and lazy through codeAction/resolve with
documentChanges), source.fixAll, and workspace/symbol over the repository folder."""

from __future__ import annotations

import asyncio

import pytest
from lsprotocol import types

from conftest import TIMEOUT, Doc, apply_edits, example_text, finish, require_capability, start

ESCAPED = "${urlescape(data.aws_rds_token.db)}"
UNESCAPED = "${data.aws_rds_token.db}"


async def request(coro):
    return await asyncio.wait_for(coro, TIMEOUT)


def lazy_edits(caps: types.ClientCapabilities) -> None:
    """A client that resolves code action edits and takes versioned document changes (as VS Code does)."""
    caps.text_document.code_action = types.CodeActionClientCapabilities(
        code_action_literal_support=types.ClientCodeActionLiteralOptions(
            code_action_kind=types.ClientCodeActionKindOptions(value_set=["quickfix", "source.fixAll"])
        ),
        is_preferred_support=True,
        data_support=True,
        resolve_support=types.ClientCodeActionResolveOptions(properties=["edit"]),
    )
    caps.workspace = types.WorkspaceClientCapabilities(
        workspace_edit=types.WorkspaceEditClientCapabilities(document_changes=True)
    )


async def test_definition_references_and_highlights(client):
    require_capability(client.server_result, "definition_provider")
    doc = Doc(client, example_text())
    use = doc.find(ESCAPED, delta=len("${urlescape(data.aws_rds_token."))
    locations = await request(client.text_document_definition_async(
        types.DefinitionParams(text_document=doc.ident, position=use)))
    assert [doc.slice(l.range) for l in locations] == ["db"]
    assert locations[0].range.start == doc.find('"aws_rds_token" "db"', delta=len('"aws_rds_token" "'))

    references = await request(client.text_document_references_async(types.ReferenceParams(
        text_document=doc.ident, position=use, context=types.ReferenceContext(include_declaration=True))))
    assert len(references) == 1 + doc.text.count("data.aws_rds_token.db")
    assert all(doc.slice(r.range) == "db" and r.uri == doc.uri for r in references)

    highlights = await request(client.text_document_document_highlight_async(
        types.DocumentHighlightParams(text_document=doc.ident, position=use)))
    assert [h.kind for h in highlights] == [types.DocumentHighlightKind.Write] + [types.DocumentHighlightKind.Read] * 2


async def test_rename_of_the_token_data_source(client):
    require_capability(client.server_result, "rename_provider")
    doc = Doc(client, example_text())
    on_use = doc.find(ESCAPED, delta=len("${urlescape(data.aws_rds_token.") + 1)
    prepared = await request(client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc.ident, position=on_use)))
    assert prepared.placeholder == "db"
    assert doc.slice(prepared.range) == "db"

    edit = await request(client.text_document_rename_async(
        types.RenameParams(text_document=doc.ident, position=on_use, new_name="orders_token")))
    assert list(edit.changes) == [doc.uri]
    renamed = apply_edits(doc.text, edit.changes[doc.uri])
    assert 'data "aws_rds_token" "orders_token" {' in renamed
    assert renamed.count("urlescape(data.aws_rds_token.orders_token)") == 2
    assert "aws_rds_token.db" not in renamed and '"db"' not in renamed

    # A name that is not an identifier is refused with the reason.
    with pytest.raises(Exception) as refused:
        await request(client.text_document_rename_async(
            types.RenameParams(text_document=doc.ident, position=on_use, new_name="orders token")))
    assert "not a valid name" in str(refused.value)


async def test_quick_fix_wraps_the_token_in_urlescape(client):
    require_capability(client.server_result, "code_action_provider")
    original = example_text()
    doc = Doc(client, original.replace(ESCAPED, UNESCAPED, 1))
    diagnostics = await doc.wait_diagnostics()
    unescaped = [d for d in diagnostics if d.code == "atlas.rds-token-not-escaped"]
    assert len(unescaped) == 1
    actions = await request(client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc.ident, range=unescaped[0].range,
        context=types.CodeActionContext(diagnostics=unescaped))))
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert [f.title for f in fixes] == ["Wrap in urlescape()"]
    assert fixes[0].is_preferred is True
    assert list(fixes[0].diagnostics) == unescaped
    assert apply_edits(doc.text, fixes[0].edit.changes[doc.uri]) == original

    fix_all = await request(client.text_document_code_action_async(types.CodeActionParams(
        text_document=doc.ident, range=unescaped[0].range,
        context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]))))
    assert [a.kind for a in fix_all] == [types.CodeActionKind.SourceFixAll]
    assert apply_edits(doc.text, fix_all[0].edit.changes[doc.uri]) == original


async def test_quick_fix_resolved_lazily_with_document_changes():
    client, _ = await start(customize=lazy_edits)
    try:
        original = example_text()
        doc = Doc(client, original.replace(ESCAPED, UNESCAPED, 1))
        diagnostics = [d for d in await doc.wait_diagnostics() if d.code == "atlas.rds-token-not-escaped"]
        actions = await request(client.text_document_code_action_async(types.CodeActionParams(
            text_document=doc.ident, range=diagnostics[0].range,
            context=types.CodeActionContext(diagnostics=diagnostics, only=[types.CodeActionKind.QuickFix]))))
        assert len(actions) == 1 and actions[0].edit is None and actions[0].data is not None
        resolved = await request(client.code_action_resolve_async(actions[0]))
        change = resolved.edit.document_changes[0]
        assert change.text_document.uri == doc.uri and change.text_document.version == doc.version
        assert apply_edits(doc.text, change.edits) == original
    finally:
        await finish(client)


async def test_workspace_symbols_of_the_repository(client):
    require_capability(client.server_result, "workspace_symbol_provider")
    symbols = await request(client.workspace_symbol_async(types.WorkspaceSymbolParams(query="rdstokdb")))
    found = [s for s in symbols if s.name == "data.aws_rds_token.db" and s.location.uri.endswith("/examples/atlas.hcl")]
    assert len(found) == 1
    assert found[0].kind == types.SymbolKind.Struct
    text = example_text()
    line = text.count("\n", 0, text.index('data "aws_rds_token" "db"'))
    assert found[0].location.range.start.line == line
