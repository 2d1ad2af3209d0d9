"""Provisioning: build the replacement estate.

``terraform`` drives Terraform/OpenTofu modules (plan by default, apply when asked) and turns their
outputs into an Ansible inventory; ``ansible`` configures the hosts; ``libcloud`` creates nodes and
DNS records through Apache Libcloud drivers, with ``pdns_adapter`` and ``route53_adapter`` fixing
protocol details where libcloud and the servers disagree.
"""
