"""One module per verb (or family of verbs); each exposes ``register(app)``."""
