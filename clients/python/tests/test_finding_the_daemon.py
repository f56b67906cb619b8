"""from_env: DOCKER_HOST, else the socket sc daemon listens on by default."""
import pytest

import smartcontainers
import smartcontainers.environment


def socket_of(client):
    return client._custom_adapter.socket_path


def test_from_env_honours_docker_host(docker_host):
    client = smartcontainers.from_env()
    assert socket_of(client) == docker_host[len("unix://"):]
    assert client.sc_version()["SmartContainers"]["ApiVersion"] == "1"
    high = smartcontainers.DockerClient.from_env(environment={"DOCKER_HOST": "unix:///elsewhere/sc.sock"}, version="1.41")
    assert socket_of(high.api) == "/elsewhere/sc.sock"


@pytest.mark.parametrize("uid, environment, expected", [
    (0, {"XDG_RUNTIME_DIR": "/run/user/0"}, "/var/run/sc.sock"),
    (1000, {"XDG_RUNTIME_DIR": "/run/user/1000"}, "/run/user/1000/sc.sock"),
    (1000, {"SC_HOME": "/home/ada/sc"}, "/home/ada/sc/sc.sock"),
])
def test_without_docker_host_the_daemons_default_socket(monkeypatch, uid, environment, expected):
    monkeypatch.setattr(smartcontainers.environment.os, "geteuid", lambda: uid)
    assert smartcontainers.default_socket(environment) == expected
    # version given: no call to a daemon that is not there
    assert socket_of(smartcontainers.from_env(environment=environment, version="1.41")) == expected
    assert socket_of(smartcontainers.DockerClient.from_env(environment=environment, version="1.41").api) == expected


def test_without_docker_host_or_sc_home_the_config_directory_is_home_dot_sc(monkeypatch, tmp_path):
    monkeypatch.setattr(smartcontainers.environment.os, "geteuid", lambda: 1000)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert smartcontainers.default_socket({}) == str(tmp_path / ".sc" / "sc.sock")
