terraform {
  required_version = ">= 1.5"

  required_providers {
    digitalocean = {
      source  = "digitalocean/digitalocean"
      version = ">= 2.34, < 3.0"
    }
  }
}

# The API token comes from DIGITALOCEAN_TOKEN.
provider "digitalocean" {}

locals {
  provider_name = "digitalocean"
  ssh_user      = "evac"
  sizes = merge({
    small  = "s-1vcpu-2gb"
    medium = "s-2vcpu-4gb"
    large  = "s-4vcpu-8gb"
  }, var.size_overrides)
  network_id = digitalocean_vpc.main.id
  host_list = [
    for name, droplet in digitalocean_droplet.host : {
      name            = name
      role            = local.hosts[name].role
      public_address  = droplet.ipv4_address
      private_address = droplet.ipv4_address_private
    }
  ]
}

resource "digitalocean_ssh_key" "admin" {
  count      = length(var.ssh_keys)
  name       = "${var.name}-admin-${count.index}"
  public_key = var.ssh_keys[count.index]
}

resource "digitalocean_vpc" "main" {
  name     = "${var.name}-net"
  region   = var.region
  ip_range = var.network_cidr
}

resource "digitalocean_droplet" "host" {
  for_each   = local.hosts
  name       = each.key
  size       = local.sizes[each.value.size]
  image      = coalesce(var.image, "debian-12-x64")
  region     = var.region
  vpc_uuid   = digitalocean_vpc.main.id
  ssh_keys   = digitalocean_ssh_key.admin[*].fingerprint
  user_data  = local.cloud_init
  ipv6       = true
  monitoring = true
  tags       = [var.name, "role-${each.value.role}"]
}

resource "digitalocean_firewall" "hosts" {
  name        = "${var.name}-hosts"
  droplet_ids = [for droplet in digitalocean_droplet.host : droplet.id]

  inbound_rule {
    protocol         = "tcp"
    port_range       = "22"
    source_addresses = var.admin_cidrs
  }

  dynamic "inbound_rule" {
    for_each = local.public_tcp
    content {
      protocol         = "tcp"
      port_range       = tostring(inbound_rule.value)
      source_addresses = ["0.0.0.0/0", "::/0"]
    }
  }

  dynamic "inbound_rule" {
    for_each = local.public_udp
    content {
      protocol         = "udp"
      port_range       = tostring(inbound_rule.value)
      source_addresses = ["0.0.0.0/0", "::/0"]
    }
  }

  dynamic "inbound_rule" {
    for_each = local.private_tcp
    content {
      protocol         = "tcp"
      port_range       = tostring(inbound_rule.value)
      source_addresses = [var.network_cidr]
    }
  }

  outbound_rule {
    protocol              = "tcp"
    port_range            = "1-65535"
    destination_addresses = ["0.0.0.0/0", "::/0"]
  }

  outbound_rule {
    protocol              = "udp"
    port_range            = "1-65535"
    destination_addresses = ["0.0.0.0/0", "::/0"]
  }

  outbound_rule {
    protocol              = "icmp"
    destination_addresses = ["0.0.0.0/0", "::/0"]
  }
}
