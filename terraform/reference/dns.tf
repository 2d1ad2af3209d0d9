resource "aws_route53_zone" "shop" {
  name          = var.zone_name
  force_destroy = true
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.shop.zone_id
  name    = "www.${var.zone_name}"
  type    = "CNAME"
  ttl     = 300
  records = [aws_lb.web.dns_name]
}

resource "aws_route53_record" "web" {
  zone_id = aws_route53_zone.shop.zone_id
  name    = "web.${var.zone_name}"
  type    = "A"
  ttl     = 60
  records = aws_instance.web[*].public_ip
}

resource "aws_route53_record" "spf" {
  zone_id = aws_route53_zone.shop.zone_id
  name    = var.zone_name
  type    = "TXT"
  ttl     = 3600
  records = ["v=spf1 -all"]
}
