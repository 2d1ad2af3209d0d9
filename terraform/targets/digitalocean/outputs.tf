# The target-module contract: the same outputs in every module under terraform/targets/.

output "hosts" {
  description = "Every host: name, role, public_address, private_address (the Ansible inventory)."
  value       = local.host_list
}

output "network_id" {
  description = "Id of the private network the hosts share."
  value       = local.network_id
}

output "ssh_user" {
  description = "User Ansible logs in as."
  value       = local.ssh_user
}

output "provider" {
  description = "Which target this module builds on."
  value       = local.provider_name
}

output "region" {
  description = "Region or location the hosts run in."
  value       = var.region
}
