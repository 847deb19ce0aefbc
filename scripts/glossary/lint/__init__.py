"""The lint job: settings in, sorted and stamped diagnostics out.

`job.run_lint` finds the files, checks each one (`files`, in forked workers for large folders, each
result kept in `cache` by the file's bytes), then runs the checks across terms on the whole corpus.
"""
