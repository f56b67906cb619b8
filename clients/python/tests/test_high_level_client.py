"""The functions from docker-py's high-level face: smartcontainers.DockerClient, and Provenance over docker.from_env()'s client."""
import io

import docker
import pytest

import smartcontainers
from jsonld_terms import types_in, values_of


@pytest.fixture
def client(docker_host):
    made = smartcontainers.DockerClient.from_env()
    yield made
    made.close()


def test_docker_client_builds_and_creates_smart_objects(client, base_image, name, leftovers):
    dockerfile = io.BytesIO(f"FROM {base_image}\nCMD [\"/bin/sh\"]\n".encode())
    image, _ = client.images.build(fileobj=dockerfile, tag=f"{name}/hl:v1", rm=True)
    leftovers.image(image.id)
    assert isinstance(image, smartcontainers.SmartImage) and isinstance(image, docker.models.images.Image)
    assert f"{name}/hl:v1" in values_of(image.get_label(), "docker:tag")
    assert "docker:ImageBuild" in types_in(image.lineage())
    assert client.images.get(f"{name}/hl:v1").get_label() == image.get_label()

    container = client.containers.create(image.id, "/bin/sleep 30", name=name + "-hl")
    leftovers.container(container.id)
    assert isinstance(container, smartcontainers.SmartContainer)
    assert "docker:ContainerCreate" in types_in(container.get_label())
    assert container.get_entry()["container"].endswith("/container/" + container.id)
    assert container.put_label({"@context": {"dct": "http://purl.org/dc/terms/"}, "@id": "", "dct:title": "hl"})["Location"]
    assert container.create_sc()["Labelled"] is False
    assert "docker:ContainerCreate" in types_in(container.lineage())

    committed = container.commit(repository=f"{name}/hl-committed", tag="c1")
    leftovers.image(committed.id)
    assert isinstance(committed, smartcontainers.SmartImage)
    assert "docker:ContainerCommit" in types_in(committed.get_label())
    relabelled = committed.put_label({"@context": {"dct": "http://purl.org/dc/terms/"}, "@id": "", "dct:title": "c"},
                                     commit=True)
    leftovers.image(relabelled["Id"])
    assert client.images.get(f"{name}/hl-committed:c1").id == relabelled["Id"]


def test_client_sc_has_the_functions(client, unrecorded_image, leftovers):
    assert client.sc.sc_version()["SmartContainers"]["ApiVersion"] == "1"
    assert "agent" in client.sc.get_config()
    image = client.images.get(unrecorded_image)
    made = image.create_sc()
    leftovers.image(made["Id"])
    assert client.sc.get_label(unrecorded_image) == client.images.get(made["Id"]).get_label()
    assert client.sc.query("ASK { ?s ?p ?o }")["boolean"] is True
    with pytest.raises(docker.errors.NotFound) as unknown:
        client.sc.lineage(unrecorded_image + "-none")
    assert "no such image or container" in unknown.value.explanation


def test_provenance_over_the_client_docker_from_env_gives(docker_host, built_image, created_container):
    plain = docker.from_env()  # DOCKER_HOST names our daemon
    try:
        sc = smartcontainers.Provenance(plain)
        assert sc.get_label(plain.images.get(built_image)) == sc.get_label(built_image)
        # A Container object says it is one: its ID is asked for as a container's.
        container = plain.containers.get(created_container["Id"])
        assert "docker:ContainerCreate" in types_in(sc.lineage(container))
        assert sc.get_entry(container)["container"].endswith(created_container["Id"])
        assert smartcontainers.Provenance(plain.api).sc_version() == sc.sc_version()
    finally:
        plain.close()
    with pytest.raises(TypeError):
        smartcontainers.Provenance("unix:///var/run/sc.sock")
