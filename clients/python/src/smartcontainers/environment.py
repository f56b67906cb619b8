"""Where the SmartContainers daemon is: ``DOCKER_HOST``, else the socket ``sc daemon`` listens on by default."""
from __future__ import annotations

import os
from typing import Any, Dict, Mapping, Optional

from docker.utils import kwargs_from_env


def default_socket(environment: Optional[Mapping[str, str]] = None) -> str:
    """``sc daemon``'s default socket: ``/var/run/sc.sock`` as root, else ``$XDG_RUNTIME_DIR/sc.sock``,
    else ``sc.sock`` in the config directory (``$SC_HOME``, else ``~/.sc``)."""
    env = os.environ if environment is None else environment
    if os.geteuid() == 0:
        return "/var/run/sc.sock"
    if env.get("XDG_RUNTIME_DIR", "").strip():
        return os.path.join(env["XDG_RUNTIME_DIR"], "sc.sock")
    config_dir = env.get("SC_HOME", "").strip() or os.path.join(os.path.expanduser("~"), ".sc")
    return os.path.join(config_dir, "sc.sock")


def client_kwargs(kwargs: Dict[str, Any]) -> Dict[str, Any]:
    """``APIClient`` arguments as docker-py's ``from_env`` makes them (``DOCKER_HOST``,
    ``DOCKER_TLS_VERIFY``, ``DOCKER_CERT_PATH``), with our daemon's socket when ``DOCKER_HOST`` is
    unset (docker-py's own default, Docker's socket, would pass the proxy by). ``kwargs`` win."""
    kwargs = dict(kwargs)
    environment = kwargs.pop("environment", None)
    settings = kwargs_from_env(environment=environment)
    settings.setdefault("base_url", "unix://" + default_socket(environment))
    settings.update(kwargs)
    return settings
