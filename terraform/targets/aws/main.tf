terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
  }
}

# Credentials come from the standard chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...); AWS_ENDPOINT_URL
# redirects every service, e.g. to an emulator.
provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = var.name, ManagedBy = "evac" }
  }
}

locals {
  provider_name = "aws"
  ssh_user      = "evac"
  sizes = merge({
    small  = "t3.small"
    medium = "t3.xlarge"
    large  = "m6i.2xlarge"
  }, var.size_overrides)
  network_id = aws_vpc.main.id
  host_list = [
    for name, host in aws_instance.host : {
      name            = name
      role            = local.hosts[name].role
      public_address  = host.public_ip
      private_address = host.private_ip
    }
  ]
}

data "aws_availability_zones" "available" {
  state = "available"
}

# Debian 12 from the Debian project's account, unless var.image names an AMI.
data "aws_ami" "debian" {
  count       = var.image == null ? 1 : 0
  most_recent = true
  owners      = ["136693071363"]

  filter {
    name   = "name"
    values = ["debian-12-amd64-*"]
  }
}

resource "aws_vpc" "main" {
  cidr_block           = var.network_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = { Name = "${var.name}-net" }
}

resource "aws_internet_gateway" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_subnet" "hosts" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = cidrsubnet(var.network_cidr, 8, 1)
  availability_zone       = data.aws_availability_zones.available.names[0]
  map_public_ip_on_launch = true

  tags = { Name = "${var.name}-hosts" }
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.main.id
  }
}

resource "aws_route_table_association" "hosts" {
  subnet_id      = aws_subnet.hosts.id
  route_table_id = aws_route_table.public.id
}

resource "aws_security_group" "hosts" {
  name        = "${var.name}-hosts"
  description = "SSH from admin ranges, role ports (public and private)"
  vpc_id      = aws_vpc.main.id

  ingress {
    description      = "SSH"
    from_port        = 22
    to_port          = 22
    protocol         = "tcp"
    cidr_blocks      = [for cidr in var.admin_cidrs : cidr if !strcontains(cidr, ":")]
    ipv6_cidr_blocks = [for cidr in var.admin_cidrs : cidr if strcontains(cidr, ":")]
  }

  dynamic "ingress" {
    for_each = local.public_tcp
    content {
      description      = "public tcp ${ingress.value}"
      from_port        = ingress.value
      to_port          = ingress.value
      protocol         = "tcp"
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = ["::/0"]
    }
  }

  dynamic "ingress" {
    for_each = local.public_udp
    content {
      description      = "public udp ${ingress.value}"
      from_port        = ingress.value
      to_port          = ingress.value
      protocol         = "udp"
      cidr_blocks      = ["0.0.0.0/0"]
      ipv6_cidr_blocks = ["::/0"]
    }
  }

  dynamic "ingress" {
    for_each = local.private_tcp
    content {
      description = "private tcp ${ingress.value}"
      from_port   = ingress.value
      to_port     = ingress.value
      protocol    = "tcp"
      cidr_blocks = [var.network_cidr]
    }
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }
}

resource "aws_key_pair" "admin" {
  key_name   = "${var.name}-admin"
  public_key = var.ssh_keys[0]
}

resource "aws_instance" "host" {
  for_each               = local.hosts
  ami                    = var.image != null ? var.image : data.aws_ami.debian[0].id
  instance_type          = local.sizes[each.value.size]
  subnet_id              = aws_subnet.hosts.id
  vpc_security_group_ids = [aws_security_group.hosts.id]
  key_name               = aws_key_pair.admin.key_name
  user_data              = local.cloud_init

  metadata_options {
    http_tokens = "required"
  }

  root_block_device {
    encrypted   = true
    volume_type = "gp3"
    volume_size = 20
  }

  tags = { Name = each.key, Role = each.value.role }
}
