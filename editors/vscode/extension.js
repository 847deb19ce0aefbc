// The AI glossary's VS Code extension: it starts `glossary lsp` for Markdown files and leaves the rest to it.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const [command, ...args] = vscode.workspace.getConfiguration("glossary").get("server.command", ["glossary", "lsp"]);
  client = new LanguageClient(
    "glossary",
    "AI glossary",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "markdown" }] },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
