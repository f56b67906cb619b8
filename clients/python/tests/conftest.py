"""Fixtures for the tests, which run against a real SmartContainers daemon at DOCKER_HOST.

SC_TEST_BASE_IMAGE names an image the daemon behind it has (default ``sc-busybox:latest``, which
tests/run imports). Everything a test makes has a name of its own and is removed after it.
"""
import hashlib
import io
import json
import os
import tarfile
import uuid

import docker
import pytest
import requests
import urllib3

import smartcontainers


def pytest_report_header(config):
    # PythonClientTest reads the first line to check which docker-py ran and that smartcontainers is the installed one.
    return [f"smartcontainers-test: docker-py {docker.__version__} ({os.path.dirname(docker.__file__)});"
            f" smartcontainers {smartcontainers.__version__} ({os.path.dirname(smartcontainers.__file__)})",
            f"docker-py's dependencies: requests {requests.__version__} ({os.path.dirname(requests.__file__)}),"
            f" urllib3 {urllib3.__version__} ({os.path.dirname(urllib3.__file__)})"]


@pytest.fixture(scope="session")
def base_image():
    return os.environ.get("SC_TEST_BASE_IMAGE", "sc-busybox:latest")


@pytest.fixture(scope="session")
def docker_host():
    host = os.environ.get("DOCKER_HOST")
    if not host:
        pytest.fail("DOCKER_HOST must name the SmartContainers daemon's socket (unix:///path/sc.sock)")
    return host


@pytest.fixture
def cli(docker_host):
    client = smartcontainers.from_env()
    yield client
    client.close()


@pytest.fixture
def name():
    """A name nothing else on the daemon has: ``sc-pytest-<hex>``."""
    return "sc-pytest-" + uuid.uuid4().hex[:10]


class Leftovers:
    """What a test made, removed after it: containers first, then images."""

    def __init__(self, api):
        self.api = api
        self.containers = []
        self.images = []

    def container(self, container):
        self.containers.append(container["Id"] if isinstance(container, dict) else container)
        return container

    def image(self, ref):
        """An image the test made: removed by its ID, whatever tags it has by then."""
        self.images.append(self.api.inspect_image(ref)["Id"])
        return ref

    def tag(self, ref):
        """A name the test gave an image it did not make: only the name goes."""
        self.images.append(ref)
        return ref

    def remove(self):
        for container in self.containers:
            try:
                self.api.remove_container(container, force=True)
            except docker.errors.NotFound:
                pass
        for image in reversed(self.images):
            try:
                self.api.remove_image(image, force=True)
            except docker.errors.NotFound:
                pass


@pytest.fixture
def leftovers(docker_host):
    api = docker.APIClient(base_url=docker_host)
    made = Leftovers(api)
    yield made
    made.remove()
    api.close()


def dockerfile_context(text):
    """A Dockerfile as docker-py's ``build(fileobj=...)`` takes it (docker-py puts it in a tar)."""
    return io.BytesIO(text.encode("utf-8"))


@pytest.fixture
def built_image(cli, base_image, name, leftovers):
    """An image built through the proxy, as the original documentation's example builds one: its tag."""
    tag = f"{name}/volume:v1"
    dockerfile = f'FROM {base_image}\nVOLUME /data\nCMD ["/bin/sh"]\n'
    output = [line for line in cli.build(fileobj=dockerfile_context(dockerfile), rm=True, tag=tag)]
    assert any(b"Successfully tagged" in line for line in output), output
    leftovers.image(tag)
    return tag


@pytest.fixture
def created_container(cli, built_image, name, leftovers):
    """A container created through the proxy from ``built_image``: ``create_container``'s answer."""
    return leftovers.container(cli.create_container(image=built_image, command="/bin/sleep 30", name=name + "-c"))


def image_archive(tag, marker):
    """A ``docker save`` archive of a one-layer image holding the file ``/marker`` (so its ID is new)."""
    layer = io.BytesIO()
    with tarfile.open(fileobj=layer, mode="w") as tar:
        content = marker.encode()
        info = tarfile.TarInfo(marker)
        info.size = len(content)
        tar.addfile(info, io.BytesIO(content))
    layer_bytes = layer.getvalue()
    config = json.dumps({
        "architecture": "amd64", "os": "linux", "created": "2016-01-01T00:00:00Z",
        "config": {"Cmd": ["/" + marker]},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer_bytes).hexdigest()]},
        "history": [{"created": "2016-01-01T00:00:00Z", "created_by": "made by hand, not through the proxy"}],
    }).encode()
    config_name = hashlib.sha256(config).hexdigest() + ".json"
    manifest = json.dumps([{"Config": config_name, "RepoTags": [tag], "Layers": ["layer/layer.tar"]}]).encode()
    archive = io.BytesIO()
    with tarfile.open(fileobj=archive, mode="w") as tar:
        for path, content in ((config_name, config), ("layer/layer.tar", layer_bytes), ("manifest.json", manifest)):
            info = tarfile.TarInfo(path)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    return archive.getvalue()


@pytest.fixture
def unrecorded_image(cli, name, leftovers):
    """An image nothing recorded made (a load uses an image, it does not make one): its tag."""
    tag = f"{name}/loaded:v1"
    cli.load_image(image_archive(tag, name))
    return leftovers.image(tag)
