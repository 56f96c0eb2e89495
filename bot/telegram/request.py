"""Bot API requests over aiohttp, with JSON bodies.

Why not python-telegram-bot's default `HTTPXRequest`: in bench/throughput.py the bot is CPU-bound,
and httpx with httpcore's AnyIO layer spent about 1 ms of CPU per request once several users were
answered at once — more than the whole bot's own work. aiohttp's C-accelerated client does the same
request for a fraction of that (2.45 → 1.2 ms of CPU per update for the whole bot). PTB supports
a custom `BaseRequest` for exactly this; its retries, error mapping and rate limiter sit above it
and are unchanged.

Why JSON: PTB sends parameters as an url-encoded form, and url-encoding a 4 KB answer card is a
Python loop over every byte. The Bot API accepts `application/json` just as well; files still go
as multipart.
"""

from __future__ import annotations

import functools
import json
import re
import ssl

import aiohttp
import certifi
from aiohttp.helpers import get_env_proxy_for_url
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from yarl import URL


class NotSent(NetworkError):
    """The request never reached the server (no connection, or none in time): it can be
    retried without any risk of doing it twice, even when connecting timed out."""


_NOT_GIVEN = type(BaseRequest.DEFAULT_NONE)  # PTB's "not given": use this request's default
_TOKEN_IN_URL = re.compile(r"/bot[^/\s]+")


@functools.cache
def _trust() -> ssl.SSLContext:
    """certifi's CA bundle, as httpx used (slim images may lack the system's): one context for
    every request object, as reading the bundle costs ~35 ms of CPU each time."""
    return ssl.create_default_context(cafile=certifi.where())


def _pick(value: object, default: float | None) -> float | None:
    return default if isinstance(value, _NOT_GIVEN) else value  # type: ignore[return-value]


def _sum(*parts: float | None) -> float | None:
    """A bound on the whole request; none if any phase may take forever."""
    return None if any(p is None for p in parts) else sum(parts)  # type: ignore[arg-type]


class AiohttpRequest(BaseRequest):
    """A `BaseRequest` on one `aiohttp.ClientSession` with at most `connection_pool_size`
    connections. Timeouts mean what they mean for `HTTPXRequest`; aiohttp has no separate
    write timeout, so the request as a whole is bounded by the sum of all four."""

    def __init__(
        self,
        connection_pool_size: int = 8,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
        media_write_timeout: float | None = 20.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._read_timeout = read_timeout
        self._write_timeout = write_timeout
        self._connect_timeout = connect_timeout
        self._pool_timeout = pool_timeout
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, tuple[URL | None, aiohttp.BasicAuth | None]] = {}

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._proxies.clear()  # the environment may have changed since
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size, ssl=_trust()),
                headers={"User-Agent": self.USER_AGENT},
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    def _proxy_for(self, url: str) -> tuple[URL | None, aiohttp.BasicAuth | None]:
        """The proxy from HTTP(S)_PROXY / NO_PROXY, as httpx honoured them. Looked up once per
        server: aiohttp's own `trust_env` reads the whole environment on every request."""
        origin = url[: url.find("/", url.find("//") + 2)]
        if origin not in self._proxies:
            try:
                self._proxies[origin] = get_env_proxy_for_url(URL(origin))
            except LookupError:
                self._proxies[origin] = (None, None)
        return self._proxies[origin]

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
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        files = request_data is not None and request_data.contains_files
        read = _pick(read_timeout, self._read_timeout)
        write = _pick(write_timeout, self._media_write_timeout if files else self._write_timeout)
        connect = _pick(connect_timeout, self._connect_timeout)
        pool = _pick(pool_timeout, self._pool_timeout)
        timeout = aiohttp.ClientTimeout(
            total=_sum(pool, connect, write, read),
            connect=_sum(pool, connect),  # aiohttp: waiting for a free connection, then connecting
            sock_connect=connect,
            sock_read=read,
        )
        data: bytes | aiohttp.FormData | None = None
        headers = None
        if files:
            assert request_data is not None
            data = aiohttp.FormData()
            for name, value in request_data.json_parameters.items():
                data.add_field(name, value)
            for name, (filename, content, mime) in request_data.multipart_data.items():
                data.add_field(name, content, filename=filename, content_type=mime)
        elif request_data is not None:
            data = json.dumps(request_data.parameters, ensure_ascii=False).encode("utf-8")
            headers = {"Content-Type": "application/json"}
        proxy, proxy_auth = self._proxy_for(url)
        try:
            async with self._session.request(
                method,
                url,
                data=data,
                headers=headers,
                timeout=timeout,
                proxy=proxy,
                proxy_auth=proxy_auth,
            ) as response:
                return response.status, await response.read()
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as err:
            raise NotSent(_describe(err)) from err
        except TimeoutError as err:  # aiohttp's own timeouts are TimeoutErrors too
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(_describe(err)) from err


def _describe(err: Exception) -> str:
    detail = _TOKEN_IN_URL.sub("/bot<token>", str(err))
    return f"aiohttp.{err.__class__.__name__}: {detail}"
