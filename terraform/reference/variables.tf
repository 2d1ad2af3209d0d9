variable "name" {
  description = "Prefix for every resource of the reference estate."
  type        = string
  default     = "evac-shop"
}

variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-east-1"
}

variable "endpoint" {
  description = "Send every AWS API call here (e.g. a moto server URL); null for real AWS."
  type        = string
  default     = null
}

variable "access_key" {
  description = "AWS access key; null to use the standard credential chain."
  type        = string
  default     = null
}

variable "secret_key" {
  description = "AWS secret key; null to use the standard credential chain."
  type        = string
  default     = null
  sensitive   = true
}

variable "db_password" {
  description = "Master password of the PostgreSQL instance."
  type        = string
  sensitive   = true
}

variable "web_count" {
  description = "Number of EC2 web instances behind the load balancer."
  type        = number
  default     = 2
}

variable "ami" {
  description = "AMI of the web instances."
  type        = string
  default     = "ami-0fa1de1d60de6a97e"
}

variable "zone_name" {
  description = "Route53 hosted zone of the shop."
  type        = string
  default     = "evac-shop.example"
}

variable "elasticache" {
  description = "Create the ElastiCache Redis cluster (off against moto, which never finishes deleting one)."
  type        = bool
  default     = true
}
