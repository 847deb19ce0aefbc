"""The writers' tools: a writer's request in, term files changed in place out, never silently.

`new` writes a draft from the template; `fmt` rewrites front matter in one canonical layout (`emit`
writes the YAML, `comments` keeps every comment with its field, `safety` proves the data unchanged);
`rename` moves a term and rewrites every reference (`edits`), recording the old slug in the redirects
file (`redirects`); `editor` prints schemas and editor configuration.
"""
