"""Reading: term files in, a corpus of parsed terms with positions out.

files (`files`: find, decode, split) -> front matter parsed with the line and column of every key and
value (`frontmatter`, or `fastpath` for plainly clean YAML) -> `Term`s in a `Corpus` (`corpus`), with the
switch comments (`switches`), body links (`bodylinks`), the related-terms graph (`graph`) and the
redirects file (`redirects`) read from them. Nothing here judges a term: problems that stop a file
being read (GL0xx) come out as diagnostics; every other judgement is the checks' job.
"""
