"""The language server: an editor's documents in -> lint's diagnostics, completions, hovers, links and edits out.

A thin adapter over the stages before it: the same reading, the same checks and the same last step as
`glossary lint`, on the text the editor holds. `state` keeps each project's terms in memory, `columns`
converts positions to the client's units (the one place that does), and `server` wires it to pygls.
"""
