"""Thumbnailer of the reference estate: reports the object it was told about."""


def handle(event, context):
    records = event.get("Records", [])
    return {"thumbnails": [r["s3"]["object"]["key"] for r in records]}
