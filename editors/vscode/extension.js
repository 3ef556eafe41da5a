// VS Code client for Mercator: starts `mercator serve --stdio` for atlas.hcl (and other HCL) documents and maps
// the client-side command the reference-count lenses carry. Plain JavaScript so no compile step is needed.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function documentSelector(config) {
  const selector = [
    { scheme: "file", language: "atlas-hcl" },
    { scheme: "untitled", language: "atlas-hcl" },
  ];
  // `hcl` is contributed by an HCL extension when one is installed; the server gives such files syntax-level
  // features only (the atlas.hcl checks go by file name).
  if (config.get("hclFiles", true)) selector.push({ scheme: "file", language: "hcl" });
  return selector;
}

async function start() {
  const config = vscode.workspace.getConfiguration("mercator");
  const command = config.get("server.path") || "mercator";
  // No `transport`: the arguments are given in full (the client would otherwise append --stdio itself).
  const serverOptions = { run: { command, args: ["serve", "--stdio"] }, debug: { command, args: ["serve", "--stdio"] } };
  const clientOptions = {
    documentSelector: documentSelector(config),
    // The server pulls section "mercator" with workspace/configuration; this also pushes changes to it. Every
    // `mercator.*` setting is sent as it is, so a setting the server learns needs only a line in package.json.
    synchronize: { configurationSection: "mercator" },
    outputChannelName: "Mercator",
  };
  client = new LanguageClient("mercator", "Mercator", serverOptions, clientOptions);
  await client.start();
}

async function stop() {
  if (!client) return;
  const old = client;
  client = undefined;
  await old.stop();
}

async function activate(context) {
  // Reference-count lenses carry `mercator.showReferences` with [uri, position, locations] (the arguments of
  // editor.action.showReferences, but as protocol JSON): convert and show them in the peek view.
  context.subscriptions.push(
    vscode.commands.registerCommand("mercator.showReferences", (uri, position, locations) => {
      if (!client) return;
      const p2c = client.protocol2CodeConverter;
      return vscode.commands.executeCommand("editor.action.showReferences",
        vscode.Uri.parse(uri), p2c.asPosition(position), (locations || []).map((l) => p2c.asLocation(l)));
    }),
    vscode.commands.registerCommand("mercator.restartServer", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("mercator.server.path") || event.affectsConfiguration("mercator.hclFiles")) {
        await stop();
        await start();
      }
    }),
    { dispose: () => { stop(); } },
  );
  try {
    await start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `Mercator could not start (${error && error.message ? error.message : error}). ` +
      "Install mercator on PATH or set mercator.server.path.");
  }
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
