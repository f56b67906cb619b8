"""The clients: docker-py's low-level ``APIClient`` and high-level ``DockerClient``, with the SmartContainers functions."""
from __future__ import annotations

from typing import Any

import docker

from .api import SmartContainersApiMixin
from .environment import client_kwargs
from .models import SmartContainerCollection, SmartImageCollection
from .provenance import Provenance


class Client(SmartContainersApiMixin, docker.APIClient):
    """The original SmartContainers ``Client``: docker-py's ``APIClient``, every method as it is
    (``build``, ``commit`` and ``create_container`` are recorded by the daemon they pass through),
    plus ``sc_version``, ``get_config``, ``put_config``, ``get_label``, ``put_label``,
    ``get_entry``, ``create_sc``, ``query`` and ``lineage``.

    Takes ``APIClient``'s arguments; ``base_url`` is the SmartContainers daemon's socket
    (``unix:///run/user/1000/sc.sock``). :func:`from_env` finds it as docker-py finds Docker.

    Example:

        >>> import smartcontainers
        >>> cli = smartcontainers.Client(base_url='unix:///var/run/sc.sock')
        >>> cli.sc_version()['SmartContainers']['Version']
    """


def from_env(**kwargs: Any) -> Client:
    """A :class:`Client` for the daemon at ``DOCKER_HOST``, else at ``sc daemon``'s default socket
    (``/var/run/sc.sock`` as root, else ``$XDG_RUNTIME_DIR/sc.sock``).

    Args:
        kwargs: As docker-py's ``from_env``: ``version``, ``timeout``, ``environment`` (a dict in
            place of ``os.environ``), and any ``APIClient`` argument.
    """
    return Client(**client_kwargs(kwargs))


class DockerClient(docker.DockerClient):
    """docker-py's high-level ``DockerClient`` whose ``api`` is a :class:`Client`; ``sc`` gives the
    SmartContainers functions, and its images and containers have them as methods
    (``image.lineage()``, ``container.get_entry()``).

    Example:

        >>> import smartcontainers
        >>> client = smartcontainers.DockerClient.from_env()
        >>> image, _ = client.images.build(fileobj=dockerfile, tag='team/tool:1.0', rm=True)
        >>> image.get_label()['@context']
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.api = Client(*args, **kwargs)

    @classmethod
    def from_env(cls, **kwargs: Any) -> "DockerClient":
        """As :func:`smartcontainers.from_env`, high-level."""
        return cls(**client_kwargs(kwargs))

    @property
    def sc(self) -> Provenance:
        """The SmartContainers functions (:class:`Provenance`)."""
        return Provenance(self)

    @property
    def images(self) -> SmartImageCollection:
        return SmartImageCollection(client=self)

    @property
    def containers(self) -> SmartContainerCollection:
        return SmartContainerCollection(client=self)
