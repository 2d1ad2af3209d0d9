"""Terminal views (rich) of catalog knowledge; report renderers live in toolkit.report."""
