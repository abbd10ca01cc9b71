"""The session's results and marks as open data: CSV, JSON and workbooks.

``columns`` says what each column is and how its values are written, ``results`` turns the
results one visitor may see into rows and JSON, ``responses`` reads the anonymised marks (one
query, in chunks), ``files`` writes CSV lines and workbooks. The views (``feedback.views.exports``)
fetch, check and stream.
"""
