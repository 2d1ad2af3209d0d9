terraform {
  required_version = ">= 1.5"

  required_providers {
    hcloud = {
      source  = "hetznercloud/hcloud"
      version = ">= 1.45, < 2.0"
    }
  }
}

# The API token comes from HCLOUD_TOKEN.
provider "hcloud" {}

locals {
  provider_name = "hetzner"
  ssh_user      = "evac"
  sizes = merge({
    small  = "cx22"
    medium = "cx32"
    large  = "cx42"
  }, var.size_overrides)
  # Locations fsn1, nbg1 and hel1 share the eu-central network zone; ash and hil have their own.
  network_zone = lookup({ ash = "us-east", hil = "us-west", sin = "ap-southeast" }, var.region, "eu-central")
  network_id   = hcloud_network.main.id
  host_list = [
    for name, server in hcloud_server.host : {
      name            = name
      role            = local.hosts[name].role
      public_address  = server.ipv4_address
      private_address = one([for net in server.network : net.ip])
    }
  ]
}

resource "hcloud_ssh_key" "admin" {
  count      = length(var.ssh_keys)
  name       = "${var.name}-admin-${count.index}"
  public_key = var.ssh_keys[count.index]
}

resource "hcloud_network" "main" {
  name     = "${var.name}-net"
  ip_range = var.network_cidr
}

resource "hcloud_network_subnet" "hosts" {
  network_id   = hcloud_network.main.id
  type         = "cloud"
  network_zone = local.network_zone
  ip_range     = cidrsubnet(var.network_cidr, 8, 1)
}

resource "hcloud_firewall" "hosts" {
  name = "${var.name}-hosts"

  rule {
    description = "SSH"
    direction   = "in"
    protocol    = "tcp"
    port        = "22"
    source_ips  = var.admin_cidrs
  }

  dynamic "rule" {
    for_each = local.public_tcp
    content {
      description = "public tcp ${rule.value}"
      direction   = "in"
      protocol    = "tcp"
      port        = tostring(rule.value)
      source_ips  = ["0.0.0.0/0", "::/0"]
    }
  }

  dynamic "rule" {
    for_each = local.public_udp
    content {
      description = "public udp ${rule.value}"
      direction   = "in"
      protocol    = "udp"
      port        = tostring(rule.value)
      source_ips  = ["0.0.0.0/0", "::/0"]
    }
  }

  # Traffic inside the private network is not filtered by Hetzner firewalls, so the private role
  # ports (local.private_tcp) need no rule here: they are reachable only over hcloud_network.main.
}

resource "hcloud_server" "host" {
  for_each     = local.hosts
  name         = each.key
  server_type  = local.sizes[each.value.size]
  image        = coalesce(var.image, "debian-12")
  location     = var.region
  ssh_keys     = hcloud_ssh_key.admin[*].id
  firewall_ids = [hcloud_firewall.hosts.id]
  user_data    = local.cloud_init
  labels       = { project = var.name, role = each.value.role, "managed-by" = "evac" }

  public_net {
    ipv4_enabled = true
    ipv6_enabled = true
  }

  network {
    network_id = hcloud_network.main.id
  }

  depends_on = [hcloud_network_subnet.hosts]
}
