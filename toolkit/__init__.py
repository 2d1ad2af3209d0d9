"""evac: hosting-migration readiness and multi-provider failover toolkit."""

__version__ = "0.1.0"
