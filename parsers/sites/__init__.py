"""Site parsers: one module per outlet, each with ``NAME`` and ``parse_page(page) -> Article``.

A site parser overrides only the fields it knows better (with selectors kept as named constants)
and takes everything else from the generic chain (``parsers.generic``). Modules are chosen by host
in ``parsers.registry.SITE_PARSERS``.
"""
