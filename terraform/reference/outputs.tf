output "vpc_id" {
  value = aws_vpc.main.id
}

output "web_instance_ids" {
  value = aws_instance.web[*].id
}

output "alb_dns_name" {
  value = aws_lb.web.dns_name
}

output "db_address" {
  value = aws_db_instance.orders.address
}

output "media_bucket" {
  value = aws_s3_bucket.media.id
}

output "media_objects" {
  value = sort(keys(aws_s3_object.media))
}

output "sessions_table" {
  value = aws_dynamodb_table.sessions.name
}

output "orders_queue_url" {
  value = aws_sqs_queue.orders.url
}

output "order_events_topic_arn" {
  value = aws_sns_topic.order_events.arn
}

output "lambda_function" {
  value = aws_lambda_function.thumbnailer.function_name
}

output "user_pool_id" {
  value = aws_cognito_user_pool.customers.id
}

output "kms_key_id" {
  value = aws_kms_key.main.key_id
}

output "db_secret_arn" {
  value = aws_secretsmanager_secret.db.arn
}

output "zone_id" {
  value = aws_route53_zone.shop.zone_id
}

output "cache_cluster_id" {
  value = one(aws_elasticache_cluster.cache[*].cluster_id)
}

output "log_group" {
  value = aws_cloudwatch_log_group.thumbnailer.name
}

output "lambda_role_arn" {
  value = aws_iam_role.lambda.arn
}
