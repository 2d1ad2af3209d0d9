terraform {
  required_version = ">= 1.5"

  required_providers {
    scaleway = {
      source  = "scaleway/scaleway"
      version = ">= 2.40, < 3.0"
    }
  }
}

# Credentials come from SCW_ACCESS_KEY, SCW_SECRET_KEY and SCW_DEFAULT_PROJECT_ID;
# var.region is a zone (fr-par-1, nl-ams-1, pl-waw-1, ...).
provider "scaleway" {
  zone   = var.region
  region = regex("^[a-z]+-[a-z]+", var.region)
}

locals {
  provider_name = "scaleway"
  ssh_user      = "evac"
  sizes = merge({
    small  = "DEV1-M"
    medium = "GP1-XS"
    large  = "GP1-S"
  }, var.size_overrides)
  network_id = scaleway_vpc_private_network.main.id
  host_list = [
    for name, server in scaleway_instance_server.host : {
      name            = name
      role            = local.hosts[name].role
      public_address  = scaleway_instance_ip.host[name].address
      private_address = try(server.private_ips[0].address, null)
    }
  ]
}

resource "scaleway_iam_ssh_key" "admin" {
  count      = length(var.ssh_keys)
  name       = "${var.name}-admin-${count.index}"
  public_key = var.ssh_keys[count.index]
}

resource "scaleway_vpc_private_network" "main" {
  name = "${var.name}-net"
  tags = [var.name, "evac"]

  ipv4_subnet {
    subnet = cidrsubnet(var.network_cidr, 8, 1)
  }
}

resource "scaleway_instance_security_group" "hosts" {
  name                    = "${var.name}-hosts"
  inbound_default_policy  = "drop"
  outbound_default_policy = "accept"

  dynamic "inbound_rule" {
    for_each = [for cidr in var.admin_cidrs : cidr if !strcontains(cidr, ":")]
    content {
      action   = "accept"
      protocol = "TCP"
      port     = 22
      ip_range = inbound_rule.value
    }
  }

  dynamic "inbound_rule" {
    for_each = local.public_tcp
    content {
      action   = "accept"
      protocol = "TCP"
      port     = inbound_rule.value
      ip_range = "0.0.0.0/0"
    }
  }

  dynamic "inbound_rule" {
    for_each = local.public_udp
    content {
      action   = "accept"
      protocol = "UDP"
      port     = inbound_rule.value
      ip_range = "0.0.0.0/0"
    }
  }

  dynamic "inbound_rule" {
    for_each = local.private_tcp
    content {
      action   = "accept"
      protocol = "TCP"
      port     = inbound_rule.value
      ip_range = var.network_cidr
    }
  }
}

resource "scaleway_instance_ip" "host" {
  for_each = local.hosts
}

resource "scaleway_instance_server" "host" {
  for_each          = local.hosts
  name              = each.key
  type              = local.sizes[each.value.size]
  image             = coalesce(var.image, "debian_bookworm")
  ip_id             = scaleway_instance_ip.host[each.key].id
  security_group_id = scaleway_instance_security_group.hosts.id
  tags              = [var.name, "role-${each.value.role}", "evac"]
  user_data         = { "cloud-init" = local.cloud_init }

  private_network {
    pn_id = scaleway_vpc_private_network.main.id
  }

  depends_on = [scaleway_iam_ssh_key.admin]
}
