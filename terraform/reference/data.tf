resource "aws_db_subnet_group" "main" {
  name       = "${var.name}-db"
  subnet_ids = aws_subnet.private[*].id
}

resource "aws_db_instance" "orders" {
  identifier             = "${var.name}-orders"
  engine                 = "postgres"
  engine_version         = "15.5"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  db_name                = "shop"
  username               = "shop"
  password               = var.db_password
  db_subnet_group_name   = aws_db_subnet_group.main.name
  vpc_security_group_ids = [aws_security_group.data.id]
  storage_encrypted      = true
  kms_key_id             = aws_kms_key.main.arn
  skip_final_snapshot    = true
}

resource "aws_s3_bucket" "media" {
  bucket        = "${var.name}-media"
  force_destroy = true
}

resource "aws_s3_object" "media" {
  for_each = {
    "index.html"         = "<h1>evac shop</h1>\n"
    "img/logo.svg"       = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n"
    "catalog/items.json" = "[{\"sku\": \"A-1\", \"price\": 12.5}]\n"
  }
  bucket  = aws_s3_bucket.media.id
  key     = each.key
  content = each.value
}

resource "aws_dynamodb_table" "sessions" {
  name         = "${var.name}-sessions"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "session_id"

  attribute {
    name = "session_id"
    type = "S"
  }

  ttl {
    attribute_name = "expires_at"
    enabled        = true
  }
}

# moto never finishes deleting a cache cluster (it stays "deleting"), so the moto test turns it off.
resource "aws_elasticache_cluster" "cache" {
  count           = var.elasticache ? 1 : 0
  cluster_id      = "${var.name}-cache"
  engine          = "redis"
  engine_version  = "7.1"
  node_type       = "cache.t3.micro"
  num_cache_nodes = 1
  port            = 6379
}
