"""Shared parts of the path scanners: hits, text handling, name resolution, the file walk."""
