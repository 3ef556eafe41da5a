"""Completion and signature help over the wire, on examples/atlas.hcl and on text being typed: pytest-lsp checks every
answer against the LSP types. One client declares snippets, insert/replace edits, item defaults and lazy
documentation (as VS Code does); another declares none of them. The server runs with a HOME whose ~/.aws files hold
known profiles, so profile completion reads them as it would on a user's machine."""

from __future__ import annotations

import asyncio
import os
import pathlib
import tempfile

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig

from conftest import REPO, TIMEOUT, Doc, example_text, finish, make_client, mercator_bin


def rich_capabilities() -> types.ClientCapabilities:
    return types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(
                    snippet_support=True,
                    insert_replace_support=True,
                    label_details_support=True,
                    documentation_format=[types.MarkupKind.Markdown, types.MarkupKind.PlainText],
                    resolve_support=types.ClientCompletionItemResolveOptions(properties=["documentation"]),
                    tag_support=types.CompletionItemTagOptions(value_set=[types.CompletionItemTag.Deprecated]),
                    insert_text_mode_support=types.ClientCompletionItemInsertTextModeOptions(
                        value_set=[types.InsertTextMode.AsIs, types.InsertTextMode.AdjustIndentation]
                    ),
                ),
                completion_list=types.CompletionListCapabilities(
                    item_defaults=["editRange", "insertTextFormat", "insertTextMode", "data"]
                ),
            ),
            signature_help=types.SignatureHelpClientCapabilities(
                signature_information=types.ClientSignatureInformationOptions(
                    documentation_format=[types.MarkupKind.Markdown],
                    parameter_information=types.ClientSignatureParameterInformationOptions(label_offset_support=True),
                )
            ),
        )
    )


def bare_capabilities() -> types.ClientCapabilities:
    return types.ClientCapabilities(
        text_document=types.TextDocumentClientCapabilities(
            synchronization=types.TextDocumentSyncClientCapabilities(),
            completion=types.CompletionClientCapabilities(),
        )
    )


async def start_with(capabilities: types.ClientCapabilities, home: str):
    env = dict(os.environ)
    env["HOME"] = home
    for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE"):
        env.pop(name, None)
    config = ClientServerConfig(
        server_command=[mercator_bin(), "serve", "--stdio"], client_factory=make_client, server_env=env
    )
    client = await config.start()
    result = await asyncio.wait_for(
        client.initialize_session(
            types.InitializeParams(
                capabilities=capabilities,
                client_info=types.ClientInfo(name="pytest-lsp", version=pytest_lsp.__version__),
                root_uri=REPO.as_uri(),
            )
        ),
        TIMEOUT,
    )
    return client, result


@pytest.fixture
def aws_home():
    with tempfile.TemporaryDirectory(prefix="mercator-e2e-home-") as home:
        aws = pathlib.Path(home) / ".aws"
        aws.mkdir()
        (aws / "config").write_text("[default]\nregion = eu-west-1\n\n[profile orders-dev]\nregion = eu-west-1\n")
        (aws / "credentials").write_text("[ci]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = s3cr3t\n")
        yield home


@pytest.fixture
async def rich(aws_home):
    client, result = await start_with(rich_capabilities(), aws_home)
    client.server_result = result  # type: ignore[attr-defined]
    yield client
    await finish(client)


@pytest.fixture
async def bare(aws_home):
    client, _ = await start_with(bare_capabilities(), aws_home)
    yield client
    await finish(client)


async def complete(client, doc: Doc, position: types.Position, trigger: str | None = None) -> types.CompletionList:
    context = (
        types.CompletionContext(trigger_kind=types.CompletionTriggerKind.TriggerCharacter, trigger_character=trigger)
        if trigger
        else types.CompletionContext(trigger_kind=types.CompletionTriggerKind.Invoked)
    )
    result = await asyncio.wait_for(
        client.text_document_completion_async(
            types.CompletionParams(text_document=doc.ident, position=position, context=context)
        ),
        TIMEOUT,
    )
    assert isinstance(result, types.CompletionList), result
    return result


def labels(result: types.CompletionList) -> list[str]:
    return [item.label for item in result.items]


def by_label(result: types.CompletionList, label: str) -> types.CompletionItem:
    for item in result.items:
        if item.label == label:
            return item
    pytest.fail(f"no item {label!r} in {labels(result)}")


async def test_capabilities_announced(rich):
    capabilities = rich.server_result.capabilities
    assert capabilities.completion_provider is not None
    assert capabilities.completion_provider.resolve_provider is True
    assert {".", '"'} <= set(capabilities.completion_provider.trigger_characters or [])
    assert capabilities.signature_help_provider is not None
    assert set(capabilities.signature_help_provider.trigger_characters or []) == {"(", ","}


async def test_references_in_the_example(rich):
    text = example_text()
    # Type `local.` at the end of the local env's `dev = local.dev_url` line, as if writing it again.
    anchor = "  dev     = local.dev_url\n"
    assert anchor in text
    text = text.replace(anchor, anchor + "  exclude = local.\n", 1)
    doc = Doc(rich, text)
    result = await complete(rich, doc, doc.find("  exclude = local.", delta=len("  exclude = local.")), trigger=".")
    assert {"db_name", "db_user", "rds_host", "rds_port", "dev_url", "schemas"} <= set(labels(result))
    assert result.item_defaults is not None and result.item_defaults.edit_range is not None
    # A static, non-secret value is shown beside the name.
    db_name = by_label(result, "db_name")
    assert db_name.label_details is not None and db_name.label_details.description == '"orders"'


async def test_data_source_steps(rich):
    doc = Doc(rich, example_text() + 'env "typing" {\n  url = data.aws_rds_token.\n}\n')
    result = await complete(rich, doc, doc.find("data.aws_rds_token.\n", delta=len("data.aws_rds_token.")), ".")
    assert labels(result) == ["db"]


async def test_block_snippet_and_lazy_documentation(rich):
    doc = Doc(rich, 'env "x" {\n  mig\n}\n')
    result = await complete(rich, doc, types.Position(line=1, character=5))
    migration = by_label(result, "migration")
    assert migration.text_edit_text == "migration {\n    $0\n  }"
    assert result.item_defaults.insert_text_format == types.InsertTextFormat.Snippet
    assert migration.documentation is None
    resolved = await asyncio.wait_for(rich.completion_item_resolve_async(migration), TIMEOUT)
    assert isinstance(resolved.documentation, types.MarkupContent)
    assert resolved.documentation.kind == types.MarkupKind.Markdown
    assert "atlasgo.io" in resolved.documentation.value


async def test_plain_text_client(bare):
    doc = Doc(bare, 'env "x" {\n  mig\n}\n')
    result = await complete(bare, doc, types.Position(line=1, character=5))
    assert result.item_defaults is None
    for item in result.items:
        assert item.insert_text_format in (None, types.InsertTextFormat.PlainText)
        assert isinstance(item.text_edit, types.TextEdit)
        assert "${" not in item.text_edit.new_text and "$0" not in item.text_edit.new_text
    migration = by_label(result, "migration")
    assert migration.text_edit.new_text == "migration {\n    \n  }"
    assert migration.documentation is not None


async def test_regions_and_profiles(rich):
    doc = Doc(
        rich,
        'data "aws_rds_token" "db" {\n'
        '  endpoint = "db.abc.ap-southeast-2.rds.amazonaws.com:5432"\n'
        '  username = "app"\n'
        '  region   = ""\n'
        '  profile  = ""\n'
        "}\n",
    )
    regions = await complete(rich, doc, types.Position(line=3, character=14), '"')
    assert {"us-east-1", "cn-north-1", "us-gov-west-1", "eu-isoe-west-1"} <= set(labels(regions))
    preselected = [item.label for item in regions.items if item.preselect]
    assert preselected == ["ap-southeast-2"]
    profiles = await complete(rich, doc, types.Position(line=4, character=14), '"')
    assert labels(profiles) == ["ci", "default", "orders-dev"]


async def test_url_scheme_and_parameters(rich):
    doc = Doc(rich, 'env "x" {\n  url = "postgres://h:5432/db?"\n  dev = ""\n}\n')
    parameters = await complete(rich, doc, doc.find("db?", delta=3), "?")
    assert "sslmode" in labels(parameters) and "search_path" in labels(parameters)
    schemes = await complete(rich, doc, types.Position(line=2, character=9), '"')
    assert "docker://" in labels(schemes)


async def test_while_typing(rich):
    """Completion while the file is being typed, after each keystroke of `  url = local.` in an unclosed env."""
    doc = Doc(rich, 'locals {\n  name = "x"\n}\nenv "x" {\n')
    typed = "  url = local."
    for index, character in enumerate(typed):
        line = doc.text.count("\n")
        doc.edit((types.Range(start=types.Position(line=line, character=index),
                              end=types.Position(line=line, character=index)), character))
        result = await complete(rich, doc, types.Position(line=line, character=index + 1),
                                "." if character == "." else None)
        if typed[: index + 1] == "  u":
            assert "url" in labels(result)
    assert labels(result) == ["name"]


async def test_signature_help(rich):
    doc = Doc(rich, 'locals {\n  a = urlqueryset("postgres://h", \n}\n')
    help = await asyncio.wait_for(
        rich.text_document_signature_help_async(
            types.SignatureHelpParams(text_document=doc.ident, position=types.Position(line=1, character=35))
        ),
        TIMEOUT,
    )
    assert help is not None
    assert help.active_parameter == 1
    signature = help.signatures[0]
    assert signature.label == "urlqueryset(url string, key string, value string) string"
    start, end = signature.parameters[1].label
    assert signature.label[start:end] == "key string"
    outside = await asyncio.wait_for(
        rich.text_document_signature_help_async(
            types.SignatureHelpParams(text_document=doc.ident, position=types.Position(line=0, character=3))
        ),
        TIMEOUT,
    )
    assert outside is None
