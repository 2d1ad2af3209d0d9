terraform {
  required_version = ">= 1.5"

  required_providers {
    openstack = {
      source  = "terraform-provider-openstack/openstack"
      version = ">= 1.54, < 4.0"
    }
  }
}

# Credentials come from the OS_* environment (an openrc file, e.g. OVHcloud Public Cloud's);
# var.region is the OpenStack region (OVHcloud: GRA11, SBG5, BHS5, ...).
provider "openstack" {
  region = var.region
}

locals {
  provider_name = "openstack"
  ssh_user      = "evac"
  # OVHcloud Public Cloud flavors; other clouds set size_overrides.
  sizes = merge({
    small  = "b3-8"
    medium = "b3-16"
    large  = "b3-32"
  }, var.size_overrides)
  network_id = openstack_networking_network_v2.main.id
  host_list = [
    for name, server in openstack_compute_instance_v2.host : {
      name            = name
      role            = local.hosts[name].role
      public_address  = server.network[0].fixed_ip_v4
      private_address = server.network[1].fixed_ip_v4
    }
  ]
}

# The public network hosts attach to directly (OVHcloud: Ext-Net).
data "openstack_networking_network_v2" "public" {
  external = true
}

resource "openstack_compute_keypair_v2" "admin" {
  name       = "${var.name}-admin"
  public_key = var.ssh_keys[0]
}

resource "openstack_networking_network_v2" "main" {
  name           = "${var.name}-net"
  admin_state_up = true
}

resource "openstack_networking_subnet_v2" "hosts" {
  name       = "${var.name}-hosts"
  network_id = openstack_networking_network_v2.main.id
  cidr       = cidrsubnet(var.network_cidr, 8, 1)
  ip_version = 4
  no_gateway = true
}

resource "openstack_networking_secgroup_v2" "hosts" {
  name        = "${var.name}-hosts"
  description = "SSH from admin ranges, role ports (public and private)"
}

resource "openstack_networking_secgroup_rule_v2" "ssh" {
  for_each          = toset(var.admin_cidrs)
  direction         = "ingress"
  ethertype         = strcontains(each.value, ":") ? "IPv6" : "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = each.value
  security_group_id = openstack_networking_secgroup_v2.hosts.id
}

resource "openstack_networking_secgroup_rule_v2" "public" {
  for_each = merge(
    { for port in local.public_tcp : "tcp-${port}" => { protocol = "tcp", port = port } },
    { for port in local.public_udp : "udp-${port}" => { protocol = "udp", port = port } },
  )
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = each.value.protocol
  port_range_min    = each.value.port
  port_range_max    = each.value.port
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.hosts.id
}

resource "openstack_networking_secgroup_rule_v2" "private" {
  for_each          = toset([for port in local.private_tcp : tostring(port)])
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = tonumber(each.value)
  port_range_max    = tonumber(each.value)
  remote_ip_prefix  = var.network_cidr
  security_group_id = openstack_networking_secgroup_v2.hosts.id
}

resource "openstack_compute_instance_v2" "host" {
  for_each        = local.hosts
  name            = each.key
  flavor_name     = local.sizes[each.value.size]
  image_name      = coalesce(var.image, "Debian 12")
  key_pair        = openstack_compute_keypair_v2.admin.name
  security_groups = [openstack_networking_secgroup_v2.hosts.name]
  user_data       = local.cloud_init
  metadata        = { project = var.name, role = each.value.role, managed_by = "evac" }

  network {
    uuid = data.openstack_networking_network_v2.public.id
  }

  network {
    uuid = openstack_networking_network_v2.main.id
  }

  depends_on = [openstack_networking_subnet_v2.hosts]
}
