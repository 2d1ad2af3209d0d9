"""Scanners: each turns one kind of input (live AWS, Terraform, CloudFormation, code, ...) into Resources."""
