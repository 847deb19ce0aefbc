// A Node.js consumer's check of an export: every JSON file against the export.schema.json published beside
// it, with Ajv (JSON Schema 2020-12, strict mode) and ajv-formats (the "date" format); not the files in
// other formats that index.json lists in `formats`.
// Usage: node ajv_check.cjs <node_modules folder> <export folder>. Prints {"checked": n, "errors": {...}}.
const fs = require("fs");
const path = require("path");
const [modules, folder] = process.argv.slice(2);
const Ajv2020 = require(path.join(modules, "ajv", "dist", "2020"));
const addFormats = require(path.join(modules, "ajv-formats"));

const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const schema = JSON.parse(fs.readFileSync(path.join(folder, "export.schema.json"), "utf8"));
ajv.addSchema(schema, "export");
const part = (name) => ajv.getSchema(name ? `export#/$defs/${name}` : "export");

function partOf(name, document) {
  if (name === "glossary.json") return part(null);
  if (name === "index.json") return part("index");
  if (name === "changes/index.json") return part("changes_index");
  if (name === "changes.json" || name.startsWith("changes/")) return part("changes");
  if (document.redirect === true) return part("redirect");
  return part(document.removed === true ? "tombstone" : "term");
}

function files(at, prefix = "") {
  return fs.readdirSync(at, { withFileTypes: true }).flatMap((entry) => entry.isDirectory()
    ? files(path.join(at, entry.name), `${prefix}${entry.name}/`)
    : [`${prefix}${entry.name}`]);
}

// the files in other standards' formats (docusaurus/glossary.json) follow their own, not this schema
const index = JSON.parse(fs.readFileSync(path.join(folder, "index.json"), "utf8"));
const standards = new Set((index.formats || []).map((listed) => listed.path));

const errors = {};
let checked = 0;
for (const name of files(folder).filter((n) => n.endsWith(".json") && n !== "export.schema.json"
                                          && !standards.has(n))) {
  const document = JSON.parse(fs.readFileSync(path.join(folder, name), "utf8"));
  const validate = partOf(name, document);
  checked += 1;
  if (!validate(document)) errors[name] = validate.errors;
}
console.log(JSON.stringify({ checked, errors }));
