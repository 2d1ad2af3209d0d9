# With var.endpoint set (moto, LocalStack) every service used here is sent to that endpoint and the
# provider skips the calls only real AWS answers; unset, the standard AWS endpoints and credential chain apply.
locals {
  emulated = var.endpoint != null
}

provider "aws" {
  region     = var.region
  access_key = var.access_key
  secret_key = var.secret_key

  skip_credentials_validation = local.emulated
  skip_requesting_account_id  = local.emulated
  skip_metadata_api_check     = local.emulated
  skip_region_validation      = local.emulated
  s3_use_path_style           = local.emulated

  endpoints {
    acm            = var.endpoint
    cloudwatchlogs = var.endpoint
    cognitoidp     = var.endpoint
    dynamodb       = var.endpoint
    ec2            = var.endpoint
    elasticache    = var.endpoint
    elbv2          = var.endpoint
    iam            = var.endpoint
    kms            = var.endpoint
    lambda         = var.endpoint
    rds            = var.endpoint
    route53        = var.endpoint
    s3             = var.endpoint
    secretsmanager = var.endpoint
    sns            = var.endpoint
    sqs            = var.endpoint
    sts            = var.endpoint
  }

  default_tags {
    tags = {
      Project = var.name
      Owner   = "evac-reference"
    }
  }
}
