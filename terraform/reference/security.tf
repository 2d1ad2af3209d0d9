resource "aws_kms_key" "main" {
  description             = "${var.name} data key"
  deletion_window_in_days = 7
}

resource "aws_kms_alias" "main" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.main.key_id
}

resource "aws_secretsmanager_secret" "db" {
  name                    = "${var.name}/db"
  kms_key_id              = aws_kms_key.main.arn
  recovery_window_in_days = 0
}

resource "aws_secretsmanager_secret_version" "db" {
  secret_id = aws_secretsmanager_secret.db.id
  secret_string = jsonencode({
    username = aws_db_instance.orders.username
    password = var.db_password
    host     = aws_db_instance.orders.address
  })
}
