"""SmartContainers for Python: docker-py's client with provenance.

``Client`` is docker-py's ``APIClient`` with the original SmartContainers functions; ``DockerClient``
is its high-level face; ``Provenance`` gives the functions over any docker-py client.
"""
from .api import SmartContainersApiMixin
from .client import Client, DockerClient, from_env
from .environment import default_socket
from .models import SmartContainer, SmartImage
from .provenance import Provenance

__version__ = "1.0.0"

__all__ = [
    "Client",
    "DockerClient",
    "Provenance",
    "SmartContainer",
    "SmartContainersApiMixin",
    "SmartImage",
    "default_socket",
    "from_env",
]
