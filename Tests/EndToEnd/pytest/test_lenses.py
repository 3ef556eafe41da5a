"""The command lenses end to end (issue 8 acceptance 1-3), through the RDS stand-in (Tests/Fixtures/rds/rds_standin.py)
that checks the IAM token as RDS does and relays a good connection to the test PostgreSQL.

Needs the test servers: `bash scripts/db-servers.sh start` and their env file sourced (MERCATOR_TEST_POSTGRES_SOCKET,
MERCATOR_TEST_DB_CA, MERCATOR_TEST_DB_KEY); the tests are skipped without them, and fail in CI (CI=true).

Every server runs behind `tee`, so each test sees the whole LSP trace (both directions) and the server's stderr, and
checks them for secrets: the AWS secret key, the test database password, and every token (read back from the Show
token file, the one place it is allowed) appear nowhere.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import pathlib
import re
import shlex
import stat
import subprocess
import sys
import time
import uuid

import pytest
from lsprotocol import types
from pytest_lsp import ClientServerConfig

from conftest import REPO, TIMEOUT, capabilities, make_client, mercator_bin, wait_until

RDS = REPO / "Tests" / "Fixtures" / "rds"
ACCESS_KEY = "AKIDSTANDINEXAMPLE"
SECRET_KEY = "standin/secret+key=example"
ENV = os.environ
CONFIGURED = bool(ENV.get("MERCATOR_TEST_POSTGRES_SOCKET") and ENV.get("MERCATOR_TEST_DB_KEY"))

pytestmark = pytest.mark.skipif(
    not CONFIGURED and ENV.get("CI") != "true",
    reason="the test servers are not configured (bash scripts/db-servers.sh start; source .build-db/env)",
)


def database_password() -> str:
    """The test PostgreSQL password (percent-decoded from its URL): it must never show either."""
    from urllib.parse import unquote, urlsplit

    url = ENV.get("MERCATOR_TEST_POSTGRES_URL", "")
    return unquote(urlsplit(url).password or "") if url else ""


@pytest.fixture(scope="module", autouse=True)
def fixture_schema():
    """Builds the schema expected.hcl describes (psql over the trusted Unix socket)."""
    if not CONFIGURED:
        pytest.fail("CI must start the test servers (MERCATOR_TEST_POSTGRES_SOCKET)")
    socket = pathlib.Path(ENV["MERCATOR_TEST_POSTGRES_SOCKET"])
    subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", str(socket.parent), "-p", socket.suffix.lstrip("."),
         "-U", "mercator", "-d", "mercator_test", "-f", str(RDS / "setup.sql")],
        check=True, capture_output=True, timeout=60,
    )


class StandIn:
    def __init__(self, tmp: pathlib.Path, *, region="us-east-1", clock_offset=0, relay_delay=0.0):
        self.log = tmp / f"standin-{uuid.uuid4().hex[:8]}.log"
        self.process = subprocess.Popen(
            [sys.executable, str(RDS / "rds_standin.py"), "--region", region,
             "--access-key", f"{ACCESS_KEY}={SECRET_KEY}", "--cert", ENV["MERCATOR_TEST_DB_CA"],
             "--key", ENV["MERCATOR_TEST_DB_KEY"], "--backend-socket", ENV["MERCATOR_TEST_POSTGRES_SOCKET"],
             "--clock-offset", str(clock_offset), "--relay-delay", str(relay_delay), "--log", str(self.log)],
            stdout=subprocess.PIPE, text=True,
        )
        line = self.process.stdout.readline() if self.process.stdout else ""
        assert line.startswith("READY "), f"the stand-in did not start: {line!r}"
        self.port = int(line.split()[1])

    def log_text(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def config(port: int, *, user="mercator", region="us-east-1") -> str:
    text = (RDS / "atlas.hcl").read_text()
    text = (text.replace("PORT", str(port)).replace("USER", user).replace("REGION", region)
            .replace("sslrootcert=CA", f"sslrootcert={ENV['MERCATOR_TEST_DB_CA']}"))
    if user != "mercator":
        # The token names another user than the one the URL logs in as.
        text = text.replace("postgres://${local.username}:", "postgres://mercator:")
    return text


class Session:
    """A server behind tee (trace and stderr kept), with a project folder holding atlas.hcl, and the client."""

    def __init__(self, tmp: pathlib.Path):
        self.tmp = tmp
        self.trace_in = tmp / "trace-in.jsonrpc"
        self.trace_out = tmp / "trace-out.jsonrpc"
        self.stderr = tmp / "server.stderr"
        self.cache = tmp / "cache"
        self.project = tmp / "project"
        self.project.mkdir(exist_ok=True)
        self.tokens: list[str] = []
        self.answers: list[types.ShowMessageRequestParams] = []
        self.finished = False
        # Passwords the test itself wrote into the document: they may be in what the client sent, nowhere else.
        self.document_passwords: list[str] = []

    async def start(self, settings: dict | None = None):
        q = shlex.quote
        # exec: the server is the process the client stops; the two tees end when its pipes close.
        command = (f"exec {q(mercator_bin())} serve --stdio < <(exec tee {q(str(self.trace_in))} 2>/dev/null)"
                   f" > >(exec tee {q(str(self.trace_out))} 2>/dev/null) 2>{q(str(self.stderr))}")
        env = {
            "PATH": ENV.get("PATH", "/usr/bin:/bin"), "HOME": str(self.tmp), "XDG_CACHE_HOME": str(self.cache),
            "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_CONFIG_FILE": str(self.tmp / "no-aws-config"), "AWS_SHARED_CREDENTIALS_FILE": str(self.tmp / "none"),
            "AWS_EC2_METADATA_DISABLED": "true",
        }
        answers = self.answers

        def factory():
            client = make_client()
            if settings:
                client.set_configuration(settings, section="mercator")

            @client.feature(types.WINDOW_SHOW_MESSAGE_REQUEST)
            def show_message_request(ls, params: types.ShowMessageRequestParams):
                answers.append(params)
                # The user clicks Show token when it is offered.
                return next((a for a in params.actions or [] if a.title == "Show token"), None)

            return client

        self.client = await ClientServerConfig(
            server_command=["bash", "-c", command], client_factory=factory, server_env=env).start()
        caps = capabilities(pull=True)
        caps.window = types.WindowClientCapabilities(
            work_done_progress=True, show_document=types.ShowDocumentClientCapabilities(support=True),
            show_message=types.ShowMessageRequestClientCapabilities())
        await asyncio.wait_for(
            self.client.initialize_session(types.InitializeParams(
                capabilities=caps, root_uri=self.project.as_uri(),
                initialization_options={"mercator": settings} if settings else None)),
            TIMEOUT)
        return self.client

    def open(self, text: str) -> str:
        path = self.project / "atlas.hcl"
        path.write_text(text)
        self.uri = path.as_uri()
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=self.uri, language_id="hcl", version=1, text=text)))
        return self.uri

    async def lenses(self) -> dict[str, types.CodeLens]:
        """Every lens resolved, by title (reference counts by their `data`)."""
        listed = await self.client.text_document_code_lens_async(
            types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=self.uri)))
        resolved = {}
        for lens in listed or []:
            assert lens.command is None, "lenses are listed unresolved"
            done = await self.client.code_lens_resolve_async(lens)
            assert done.command is not None
            resolved[done.command.title] = done
        return resolved

    def execute(self, lens: types.CodeLens, msg_id: str | None = None):
        """Sends the lens's command; returns (id, future)."""
        msg_id = msg_id or f"exec-{uuid.uuid4().hex[:8]}"
        assert lens.command is not None
        future = self.client.protocol.send_request(
            types.WORKSPACE_EXECUTE_COMMAND,
            types.ExecuteCommandParams(command=lens.command.command, arguments=lens.command.arguments),
            msg_id=msg_id)
        if isinstance(future, concurrent.futures.Future):
            future = asyncio.wrap_future(future)
        return msg_id, future

    async def finish(self):
        if self.finished:
            return
        self.finished = True
        try:
            await asyncio.wait_for(self.client.shutdown_session(), TIMEOUT)
        finally:
            await self.client.stop()
        # Show token files are deleted when the server exits.
        leftovers = list((self.cache / "mercator" / "tokens").glob("*")) if (self.cache / "mercator").exists() else []
        assert not leftovers, f"token files left behind: {leftovers}"
        self.check_hygiene()

    def check_hygiene(self):
        """Acceptance 3: no secret anywhere in the trace (both ways) or stderr."""
        secrets = [SECRET_KEY, *self.tokens, database_password()]
        for path in (self.trace_in, self.trace_out, self.stderr):
            text = path.read_text(errors="replace") if path.exists() else ""
            for secret in filter(None, secrets + (self.document_passwords if path != self.trace_in else [])):
                if path == self.trace_in and secret in self.document_passwords:
                    continue
                assert secret not in text, f"a secret reached {path.name}"
            assert "X-Amz-Signature" not in text, f"a token reached {path.name}"
            assert "X-Amz-Credential" not in text, f"a token reached {path.name}"


@pytest.fixture
async def session(tmp_path):
    s = Session(tmp_path)
    yield s
    await s.finish()


def progress_messages(client) -> list[str]:
    return [getattr(v, "message", None) or "" for values in client.progress_reports.values() for v in values]


async def test_inspect_schema_opens_the_expected_hcl(session, tmp_path):
    stand_in = StandIn(tmp_path)
    try:
        await session.start()
        session.open(config(stand_in.port))
        lenses = await session.lenses()
        for title in ("Generate token", "Inspect schema", "Test connection", "Show evaluated config"):
            assert title in lenses, f"{title} missing from {sorted(lenses)}"
        assert not stand_in.log_text(), "listing and resolving lenses connected to the database"
        _, future = session.execute(lenses["Inspect schema"])
        result = await asyncio.wait_for(future, 60)
        shown = await wait_until(lambda: session.client.shown_documents, "window/showDocument")
        path = pathlib.Path(shown[-1].uri.removeprefix("file://"))
        assert path == session.cache / "mercator" / "inspect" / "rds.hcl"
        assert path.read_text() == (RDS / "expected.hcl").read_text()
        assert not (path.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)), "the schema file is writable"
        messages = progress_messages(session.client)
        assert "connecting" in messages, messages
        assert any(re.fullmatch(r"inspecting \d+ tables?", m) for m in messages), messages
        assert "accepted user=mercator database=mercator_test" in stand_in.log_text()
    finally:
        stand_in.stop()


@pytest.mark.parametrize(
    "name, region, user, clock_offset, reason",
    [
        ("wrong region", "us-west-2", "mercator", 0, "signed for region 'us-west-2'"),
        ("expired token", "us-east-1", "mercator", 20 * 60, "expired"),
        ("wrong user", "us-east-1", "someone_else", 0, "token for user 'someone_else', connecting as 'mercator'"),
    ],
)
async def test_refused_tokens_are_clear_messages(session, tmp_path, name, region, user, clock_offset, reason):
    stand_in = StandIn(tmp_path, clock_offset=clock_offset)
    try:
        await session.start()
        session.open(config(stand_in.port, user=user, region=region))
        lenses = await session.lenses()
        _, future = session.execute(lenses["Inspect schema"])
        with pytest.raises(Exception) as failure:
            await asyncio.wait_for(future, 60)
        assert "the RDS IAM token was refused" in str(failure.value), str(failure.value)
        errors = await wait_until(
            lambda: [m for m in session.client.messages if m.type == types.MessageType.Error], "an error message")
        text = errors[-1].message
        assert "Inspect schema (env \"rds\") failed while connecting" in text, text
        assert 'PAM authentication failed for user "mercator"' in text, text
        assert "Try: the RDS IAM token was refused: check the region, the user's rds_iam grant, the clock" in text
        assert "****" in text, text
        assert reason in stand_in.log_text(), stand_in.log_text()
        assert not session.client.shown_documents
    finally:
        stand_in.stop()


async def test_cancel_mid_inspect_while_hover_and_completion_answer(session, tmp_path):
    # Each query waits 0.7 s in the stand-in: the inspection takes seconds.
    stand_in = StandIn(tmp_path, relay_delay=0.7)
    try:
        client = await session.start()
        uri = session.open(config(stand_in.port))
        lenses = await session.lenses()
        for attempt, how in enumerate(("$/cancelRequest", "window/workDoneProgress/cancel")):
            client.progress_reports.clear()
            msg_id, future = session.execute(lenses["Inspect schema"])
            await wait_until(lambda: "connecting" in progress_messages(client), "progress: connecting", 30)
            # While the inspection runs, interactive requests answer at once.
            ident = types.TextDocumentIdentifier(uri=uri)
            for _ in range(3):
                started = time.monotonic()
                await asyncio.wait_for(client.text_document_hover_async(
                    types.HoverParams(text_document=ident, position=types.Position(line=4, character=14))), 2)
                await asyncio.wait_for(client.text_document_completion_async(
                    types.CompletionParams(text_document=ident, position=types.Position(line=4, character=14))), 2)
                assert time.monotonic() - started < 1.0, "hover and completion waited for the inspection"
            assert not future.done(), "the inspection finished before it could be cancelled"
            if how == "$/cancelRequest":
                client.protocol.notify("$/cancelRequest", types.CancelParams(id=msg_id))
            else:
                token = next(iter(client.progress_reports))
                client.protocol.notify(types.WINDOW_WORK_DONE_PROGRESS_CANCEL,
                                       types.WorkDoneProgressCancelParams(token=token))
            with pytest.raises(Exception) as failure:
                await asyncio.wait_for(future, 10)
            assert "cancel" in str(failure.value).lower(), f"{how}: {failure.value}"
            await wait_until(lambda: any(getattr(v, "kind", "") == "end" for vs in client.progress_reports.values()
                                         for v in vs), f"{how}: progress end")
        assert not client.shown_documents, "a cancelled inspection opened a document"
        assert not [m for m in client.messages if m.type == types.MessageType.Error], client.messages
    finally:
        stand_in.stop()


async def test_shutdown_stops_a_running_inspect(session, tmp_path):
    stand_in = StandIn(tmp_path, relay_delay=0.7)
    try:
        client = await session.start()
        session.open(config(stand_in.port))
        lenses = await session.lenses()
        _, future = session.execute(lenses["Inspect schema"])
        await wait_until(lambda: "connecting" in progress_messages(client), "progress: connecting", 30)
        started = time.monotonic()
        await session.finish()
        assert time.monotonic() - started < 3, "shutdown waited for the inspection"
        with pytest.raises(Exception):
            await asyncio.wait_for(future, 1)
    finally:
        stand_in.stop()


async def test_generate_token_reveals_it_only_on_show_token(session, tmp_path):
    stand_in = StandIn(tmp_path)
    try:
        client = await session.start()
        session.open(config(stand_in.port))
        lenses = await session.lenses()
        _, future = session.execute(lenses["Generate token"])
        result = await asyncio.wait_for(future, 30)
        offer = await wait_until(lambda: session.answers, "window/showMessageRequest")
        message = offer[-1].message
        assert message.startswith(f"token for mercator@localhost:{stand_in.port} in us-east-1"), message
        assert "credentials from environment" in message, message
        assert "valid until " in message, message
        shown = await wait_until(lambda: client.shown_documents, "window/showDocument of the token")
        path = pathlib.Path(shown[-1].uri.removeprefix("file://"))
        assert path.parent == session.cache / "mercator" / "tokens"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        token = path.read_text().splitlines()[-1]
        assert token.startswith(f"localhost:{stand_in.port}/?Action=connect&DBUser=mercator&"), "not a token"
        session.tokens.append(token)
        assert token not in str(result)
        assert not stand_in.log_text(), "Generate token connected to the database"
    finally:
        stand_in.stop()


async def test_test_connection_reports_version_and_round_trip(session, tmp_path):
    stand_in = StandIn(tmp_path)
    try:
        client = await session.start()
        session.open(config(stand_in.port))
        lenses = await session.lenses()
        _, future = session.execute(lenses["Test connection"])
        await asyncio.wait_for(future, 60)
        infos = await wait_until(
            lambda: [m for m in client.messages if m.type == types.MessageType.Info], "the connection report")
        text = infos[-1].message
        assert text.startswith("Connected to PostgreSQL 1"), text
        assert "round trip" in text and " ms" in text, text
        assert "****" in text, text
    finally:
        stand_in.stop()


async def test_database_passwords_never_leave_the_server(session):
    """Test connection on an env whose url holds the test database's password, and on one with a wrong password:
    the report and the refusal both show the url masked, and neither password is in what the server sends."""
    from urllib.parse import quote

    url = ENV["MERCATOR_TEST_POSTGRES_URL"]
    password = database_password()
    encoded = url.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    wrong = "wrong-Pa55word"
    session.document_passwords = [password, encoded, quote(password, safe=""), wrong]
    client = await session.start()
    ca = ENV["MERCATOR_TEST_DB_CA"]
    separator = "&" if "?" in url else "?"
    good = f"{url}{separator}sslrootcert={ca}"
    bad = good.replace(f":{encoded}@", f":{wrong}@")
    session.open(f'env "good" {{\n  url = "{good}"\n}}\nenv "bad" {{\n  url = "{bad}"\n}}\n')
    lenses = await session.lenses()
    assert "Test connection" in lenses
    for env, ok in (("good", True), ("bad", False)):
        msg_id = f"test-{env}"
        future = client.protocol.send_request(
            types.WORKSPACE_EXECUTE_COMMAND,
            types.ExecuteCommandParams(command="mercator.testConnection", arguments=[session.uri, env]), msg_id=msg_id)
        if isinstance(future, concurrent.futures.Future):
            future = asyncio.wrap_future(future)
        if ok:
            await asyncio.wait_for(future, 30)
        else:
            with pytest.raises(Exception) as failure:
                await asyncio.wait_for(future, 30)
            assert "password authentication failed" in str(failure.value), str(failure.value)
            assert "Try: check the user name and password of the url" in str(failure.value)
    texts = [m.message for m in client.messages]
    assert any(t.startswith("Connected to PostgreSQL") and "****" in t for t in texts), texts
    for text in texts:
        for secret in session.document_passwords:
            assert secret not in text


async def test_setting_turns_executing_lenses_off(session, tmp_path):
    await session.start(settings={"codeLens": {"run": False}})
    session.open(config(5432))
    lenses = await session.lenses()
    assert "Inspect schema" not in lenses and "Generate token" not in lenses and "Test connection" not in lenses
    assert "Show evaluated config" in lenses
    _, future = session.execute(lenses["Show evaluated config"])
    await asyncio.wait_for(future, 30)
    shown = await wait_until(lambda: session.client.shown_documents, "the evaluated config")
    text = pathlib.Path(shown[-1].uri.removeprefix("file://")).read_text()
    # The token's place in the url is shown masked, the rest of the url as evaluated.
    assert 'env "rds" {' in text and 'url = "postgres://mercator:****@localhost:5432/mercator_test?' in text, text
    assert "X-Amz" not in text
