resource "aws_sqs_queue" "orders" {
  name                      = "${var.name}-orders"
  message_retention_seconds = 345600
  kms_master_key_id         = aws_kms_key.main.key_id
}

resource "aws_sns_topic" "order_events" {
  name = "${var.name}-order-events"
}

resource "aws_sns_topic_subscription" "orders_queue" {
  topic_arn = aws_sns_topic.order_events.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.orders.arn
}
