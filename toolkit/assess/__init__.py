"""The parts of an audit: findings, score, data gravity, estimate, egress, blockers and gates.

``toolkit.audit.assess`` puts them together; each module here does one job and does no I/O.
"""
