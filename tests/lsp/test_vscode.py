"""The VS Code extension in editors/vscode/ starts `glossary lsp` for Markdown files (run under Node with
stand-ins for VS Code's modules, since VS Code itself is not installed here)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import REPO

EXTENSION = REPO / "editors" / "vscode"
STAND_INS = """
const Module = require("module");
const made = [];
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === "vscode") {
    return { workspace: { getConfiguration: (section) => ({ get: (key, fallback) => fallback }) } };
  }
  if (request === "vscode-languageclient/node") {
    return { LanguageClient: class { constructor(...args) { made.push(args); } start() { return "started"; } } };
  }
  return load.apply(this, arguments);
};
const extension = require(process.argv[1]);
const context = { subscriptions: [] };
const started = extension.activate(context);
console.log(JSON.stringify({ made, started, kept: context.subscriptions.length }));
"""


def test_the_manifest_names_the_script_the_command_and_the_client() -> None:
    manifest = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    assert (EXTENSION / manifest["main"]).is_file()
    assert manifest["activationEvents"] == ["onLanguage:markdown"]
    setting = manifest["contributes"]["configuration"]["properties"]["glossary.server.command"]
    assert setting["default"] == ["glossary", "lsp"]
    assert "vscode-languageclient" in manifest["dependencies"]
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert "node_modules/" in ignored and "*.vsix" in ignored


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed, so the extension's script "
                                                          "cannot be run (apt-get install nodejs)")
def test_the_extension_starts_glossary_lsp_for_markdown() -> None:
    done = subprocess.run(["node", "-e", STAND_INS, str(EXTENSION / "extension.js")], capture_output=True,
                          text=True, timeout=60, check=True)
    found = json.loads(done.stdout)
    [(client_id, name, server, client)] = found["made"]
    assert (client_id, name, found["started"], found["kept"]) == ("glossary", "AI glossary", "started", 1)
    assert server == {"command": "glossary", "args": ["lsp"]}
    assert client == {"documentSelector": [{"scheme": "file", "language": "markdown"}]}
