"""The SmartContainers functions over any docker-py client, for those who hold ``docker.from_env()``."""
from __future__ import annotations

from typing import Any

from docker import APIClient

from .api import SmartContainersApiMixin


class Provenance(SmartContainersApiMixin):
    """The functions of :class:`smartcontainers.Client` (``sc_version``, ``get_config``,
    ``put_config``, ``get_label``, ``put_label``, ``get_entry``, ``create_sc``, ``query``,
    ``lineage``) over a client you already have, pointed at the SmartContainers daemon.

    Args:
        client (docker.DockerClient or docker.APIClient): Its requests carry these calls.

    Example:

        >>> import docker, smartcontainers
        >>> client = docker.from_env()          # DOCKER_HOST=unix:///run/user/1000/sc.sock
        >>> sc = smartcontainers.Provenance(client)
        >>> sc.lineage(client.images.get("team/tool:1.0"))
    """

    def __init__(self, client: Any) -> None:
        api = getattr(client, "api", client)
        if not isinstance(api, APIClient):
            raise TypeError(f"expected a docker.DockerClient or docker.APIClient, got {type(client).__name__}")
        self._api = api

    # What the mixin asks of its APIClient, passed to the one given.
    @property
    def base_url(self) -> str:
        return self._api.base_url

    def _url(self, *args: Any, **kwargs: Any) -> str:
        return self._api._url(*args, **kwargs)

    def _get(self, *args: Any, **kwargs: Any) -> Any:
        return self._api._get(*args, **kwargs)

    def _put(self, *args: Any, **kwargs: Any) -> Any:
        return self._api._put(*args, **kwargs)

    def _post(self, *args: Any, **kwargs: Any) -> Any:
        return self._api._post(*args, **kwargs)

    def _result(self, *args: Any, **kwargs: Any) -> Any:
        return self._api._result(*args, **kwargs)

    def _raise_for_status(self, *args: Any, **kwargs: Any) -> Any:
        return self._api._raise_for_status(*args, **kwargs)
