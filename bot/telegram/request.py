"""Bot API requests with JSON bodies.

python-telegram-bot sends parameters as an url-encoded form, and url-encoding a 4 KB answer card
— which this bot sends all the time — is a Python loop over every byte: measured as the single
largest cost per reply. The Bot API accepts `application/json` bodies just as well (files still go
as multipart), and `json.dumps` is C code. Everything else — timeouts, errors — is PTB's.
"""

from __future__ import annotations

import json

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import HTTPXRequest, RequestData
from telegram.request._baserequest import BaseRequest

_JSON = "application/json"
_DEFAULT = type(BaseRequest.DEFAULT_NONE)  # "not given": use the client's own timeout


class JSONRequest(HTTPXRequest):
    """`HTTPXRequest` that posts JSON instead of a form when no file is attached."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        if self._client.is_closed:
            raise RuntimeError("This HTTPXRequest is not initialized!")
        defaults = self._client.timeout

        def pick(value: object, default: float | None) -> float | None:
            return default if isinstance(value, _DEFAULT) else value  # type: ignore[return-value]

        timeout = httpx.Timeout(
            connect=pick(connect_timeout, defaults.connect),
            read=pick(read_timeout, defaults.read),
            write=pick(write_timeout, defaults.write),
            pool=pick(pool_timeout, defaults.pool),
        )
        body = json.dumps(request_data.parameters, ensure_ascii=False).encode("utf-8")
        try:
            response = await self._client.request(
                method=method,
                url=url,
                headers={"User-Agent": self.USER_AGENT, "Content-Type": _JSON},
                timeout=timeout,
                content=body,
            )
        except httpx.TimeoutException as err:
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return response.status_code, response.content
