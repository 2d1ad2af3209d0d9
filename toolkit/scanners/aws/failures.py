"""Turn the ways an AWS call can fail into a short code and message for a ScanError."""

from __future__ import annotations

ACCESS_DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "UnauthorizedAccess",
        "AuthorizationError",
        "AuthorizationErrorException",
        "NotAuthorized",
        "Forbidden",
        "403",
    }
)
BAD_CREDENTIALS = frozenset(
    {
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "UnrecognizedClientException",
        "InvalidAccessKeyId",
        "ExpiredToken",
        "ExpiredTokenException",
        "AuthFailure",
        "InvalidToken",
    }
)
NOT_ENABLED = frozenset({"OptInRequired", "SubscriptionRequiredException", "InvalidAction"})


TRANSIENT_CODES = frozenset(
    {"InternalError", "InternalFailure", "InternalServerError", "ServiceUnavailable", "RequestTimeout"}
)


def is_transient(exc: BaseException) -> bool:
    """True for failures a second try may not meet: 5xx answers, garbled replies, dropped connections.

    botocore retries most of these call by call; this catches what escapes it, such as an HTML error
    page that cannot be parsed (``ResponseParserError``), so the whole collector can run again.
    """
    import botocore.exceptions as bex
    from botocore.parsers import ResponseParserError

    from .base import EmulatorHiccup

    if isinstance(
        exc, EmulatorHiccup | ResponseParserError | bex.ConnectionClosedError | bex.ReadTimeoutError
    ):
        return True
    if isinstance(exc, bex.ClientError):
        status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0)
        return status >= 500 or str(exc.response.get("Error", {}).get("Code")) in TRANSIENT_CODES
    return False


def classify(exc: BaseException) -> tuple[str, str]:
    """``(code, message)`` for an exception raised while reading AWS."""
    import botocore.exceptions as bex

    if isinstance(exc, bex.ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code") or "ClientError")
        message = str(error.get("Message") or exc)
        if code in ACCESS_DENIED:
            return "AccessDenied", message
        if "Throttl" in code or code in {"RequestLimitExceeded", "TooManyRequestsException", "SlowDown"}:
            return "Throttling", message
        if code in NOT_ENABLED:
            return "NotEnabled", message
        if code.isdigit():
            return f"HTTP{code}", f"the endpoint answered HTTP {code} to {exc.operation_name}"
        return code, _first_line(message)
    if isinstance(exc, bex.EndpointConnectionError | bex.ConnectTimeoutError | bex.ConnectionClosedError):
        return "Unreachable", str(exc)
    if isinstance(exc, bex.ReadTimeoutError):
        return "Timeout", str(exc)
    if isinstance(exc, bex.NoCredentialsError | bex.PartialCredentialsError):
        return "NoCredentials", str(exc)
    if isinstance(exc, bex.BotoCoreError):
        return type(exc).__name__, str(exc)
    return "InternalError", f"{type(exc).__name__}: {exc}"


def is_bad_credentials(exc: BaseException) -> bool:
    """True when AWS rejected the credentials themselves (not a missing permission)."""
    import botocore.exceptions as bex

    if isinstance(exc, bex.ClientError):
        return str(exc.response.get("Error", {}).get("Code")) in BAD_CREDENTIALS
    return isinstance(exc, bex.NoCredentialsError | bex.PartialCredentialsError)


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else text
    return line[:300]
