data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "${var.name}-thumbnailer"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_cloudwatch_log_group" "thumbnailer" {
  name              = "/aws/lambda/${var.name}-thumbnailer"
  retention_in_days = 14
}

# A prebuilt zip (lambda/handler.py zipped) because the hashicorp/archive provider is not mirrored here.
resource "aws_lambda_function" "thumbnailer" {
  function_name    = "${var.name}-thumbnailer"
  role             = aws_iam_role.lambda.arn
  runtime          = "python3.12"
  handler          = "handler.handle"
  filename         = "${path.module}/lambda/handler.zip"
  source_code_hash = filebase64sha256("${path.module}/lambda/handler.zip")

  environment {
    variables = {
      MEDIA_BUCKET = aws_s3_bucket.media.id
    }
  }

  depends_on = [aws_cloudwatch_log_group.thumbnailer]
}

resource "aws_cognito_user_pool" "customers" {
  name                     = "${var.name}-customers"
  auto_verified_attributes = ["email"]
  username_attributes      = ["email"]

  password_policy {
    minimum_length    = 12
    require_lowercase = true
    require_numbers   = true
    require_symbols   = false
    require_uppercase = true
  }
}
