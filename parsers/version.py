"""The parser output version. Bump it whenever any parser's output for the same page changes, so
the pipeline knows which stored articles a re-parse of the archive would change.
"""

PARSER_VERSION = "1.4.0"
