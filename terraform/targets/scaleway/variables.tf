# The target-module contract: every module under terraform/targets/ declares exactly these
# variables (same names and types) and the same outputs. Keep them in sync; a test checks it.

variable "name" {
  description = "Prefix of every resource and host name (lowercase letters, digits, dashes)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name))
    error_message = "name must be 2-31 lowercase letters, digits or dashes, starting with a letter."
  }
}

variable "region" {
  description = "Provider region or location (e.g. fsn1, fra1, GRA11, fr-par-1, eu-central-1)."
  type        = string
}

variable "ssh_keys" {
  description = "SSH public keys (OpenSSH format) allowed to log in as ssh_user."
  type        = list(string)

  validation {
    condition     = length(var.ssh_keys) > 0 && alltrue([for key in var.ssh_keys : can(regex("^(ssh-|ecdsa-)", key))])
    error_message = "ssh_keys needs at least one OpenSSH public key."
  }
}

variable "roles" {
  description = "Hosts per role (web, app, postgres, objectstore, dns): how many, and size class small|medium|large."
  type = map(object({
    count = number
    size  = string
  }))

  validation {
    condition     = alltrue([for role in keys(var.roles) : contains(["web", "app", "postgres", "objectstore", "dns"], role)])
    error_message = "roles keys must be among web, app, postgres, objectstore, dns."
  }

  validation {
    condition     = alltrue([for spec in values(var.roles) : contains(["small", "medium", "large"], spec.size) && spec.count >= 0])
    error_message = "each role needs count >= 0 and size small, medium or large."
  }
}

variable "image" {
  description = "OS image name or id; null picks the module's Debian 12 default."
  type        = string
  default     = null
}

variable "size_overrides" {
  description = "Replace the module's provider type for a size class, e.g. { large = \"cx52\" }."
  type        = map(string)
  default     = {}
}

variable "network_cidr" {
  description = "Private network range for the hosts."
  type        = string
  default     = "10.60.0.0/16"
}

variable "admin_cidrs" {
  description = "Source ranges allowed to reach SSH (22)."
  type        = list(string)
  default     = ["0.0.0.0/0", "::/0"]
}
