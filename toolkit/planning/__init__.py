"""Planning internals: placement, step membership rules, hours, schedule; ``toolkit.plan`` is the façade."""
