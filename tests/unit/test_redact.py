"""Masking of secrets in text and log records."""

from __future__ import annotations

import io
import logging

from kiosk.core.redact import MASK, RedactingFilter, redact, register_secret


def test_registered_secret_is_masked_anywhere_in_text() -> None:
    register_secret("zz-very-secret-key-zz")
    assert redact("key=zz-very-secret-key-zz;") == f"key={MASK};"


def test_token_in_a_url_path_is_masked_even_unregistered() -> None:
    text = "GET http://h:1/api/v1.0/flow/sessions/AbCdEfGhIjKlMnOpQrStUv_-12 200"
    assert redact(text) == f"GET http://h:1/api/v1.0/flow/sessions/{MASK} 200"
    assert redact("http://h/flow/AbCdEfGhIjKlMnOpQrStUv") == f"http://h/flow/{MASK}"


def test_short_strings_are_not_registered_so_words_survive() -> None:
    register_secret("a")
    assert redact("a banana") == "a banana"


def test_filter_masks_arguments_and_tracebacks() -> None:
    secret = "secret-in-a-traceback-123"
    register_secret(secret)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("test.redact")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("value %s", secret)
        try:
            raise ValueError(secret)
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "value ***" in output
    assert "ValueError: ***" in output
    assert secret not in output


def test_filter_masks_the_causes_of_a_chained_exception_and_the_stack() -> None:
    token = "ChainedTokenAbCdEfGhIjKl"  # never registered: found by its place in the URL
    key = "chained-cause-app-key-456"
    register_secret(key)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    handler.addFilter(RedactingFilter())
    logger = logging.getLogger("test.redact.chain")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            try:
                raise OSError(f"GET http://h/api/v1.0/flow/sessions/{token} with {key}")
            except OSError as exc:
                raise RuntimeError("the status read failed") from exc
        except RuntimeError:
            logger.exception("session failed")
        logger.warning("where: %s", key, stack_info=True)
    finally:
        logger.removeHandler(handler)
    output = stream.getvalue()
    assert "The above exception was the direct cause" in output  # the chain is kept
    assert f"sessions/{MASK} with {MASK}" in output
    assert token not in output and key not in output
    assert "Stack (most recent call last)" in output
