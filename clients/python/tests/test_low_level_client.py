"""smartcontainers.Client, docker-py's APIClient with the SmartContainers functions, against the real daemon."""
import io
import json
import pathlib

import docker
import pytest

import smartcontainers
from jsonld_terms import types_in, values_of

IRI = "https://w3id.org/daspos/smartcontainers/"


def bare(image_id):
    return image_id.split(":", 1)[-1]


def test_client_is_docker_pys_api_client_with_every_method(cli):
    assert isinstance(cli, docker.APIClient)
    for unchanged in ("build", "commit", "create_container", "inspect_image", "remove_container"):
        assert getattr(smartcontainers.Client, unchanged) is getattr(docker.APIClient, unchanged), unchanged


def test_sc_version_names_smartcontainers_and_the_docker_daemon_behind_it(cli):
    version = cli.sc_version()
    assert version["SmartContainers"]["ApiVersion"] == "1"
    assert version["SmartContainers"]["Version"]
    assert version["Docker"]["ApiVersion"] == cli.version()["ApiVersion"]


def test_a_build_through_the_client_is_recorded_and_labelled(cli, built_image):
    label = cli.get_label(built_image)
    assert {"docker:BuildPlan", "prov:Plan"} <= types_in(label), label
    assert built_image in values_of(label, "docker:tag")
    image_id = bare(cli.inspect_image(built_image)["Id"])
    answer = cli.query("PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX docker: <http://w3id.org/daspos/docker#>"
                       f" SELECT ?run WHERE {{ <{IRI}image/{image_id}> prov:wasGeneratedBy ?run . ?run a docker:ImageBuild }}")
    assert len(answer["results"]["bindings"]) == 1, answer


def test_a_create_and_a_commit_through_the_client_are_labelled(cli, created_container, name, leftovers):
    created = cli.get_label(created_container)
    assert "docker:ContainerCreate" in types_in(created), created
    committed = cli.commit(created_container, repository=name + "/committed", tag="c1")
    leftovers.image(committed["Id"])
    label = cli.get_label(committed["Id"])
    assert "docker:ContainerCommit" in types_in(label), label


def test_get_label_takes_a_tag_an_id_a_dict_and_a_container_name(cli, built_image, created_container, name):
    image_id = cli.inspect_image(built_image)["Id"]
    by_tag = cli.get_label(built_image)
    assert cli.get_label(image_id) == by_tag
    assert cli.get_label({"Id": image_id}) == by_tag
    by_name = cli.get_label(name + "-c")
    assert cli.get_label(created_container) == by_name
    assert cli.get_label(created_container["Id"], kind="container") == by_name
    assert "docker:ContainerCreate" in types_in(by_name) and "docker:ContainerCreate" not in types_in(by_tag)


def test_get_label_errors_say_what_the_daemon_says(cli, base_image, name):
    with pytest.raises(docker.errors.NotFound) as neither:
        cli.get_label(name + "-none:v1")
    assert neither.value.explanation == f"no such image or container: {name}-none:v1"
    assert neither.value.status_code == 404
    with pytest.raises(docker.errors.ImageNotFound) as no_image:
        cli.get_label(name + "-none:v1", kind="image")
    assert "No such image" in no_image.value.explanation
    with pytest.raises(docker.errors.NotFound) as no_container:
        cli.get_label(name + "-none", kind="container")
    assert "No such container" in no_container.value.explanation
    # Found, without a label: the image's own answer, not a search among containers.
    with pytest.raises(docker.errors.NotFound) as unlabelled:
        cli.get_label(base_image)
    assert "has no smartcontainer label" in unlabelled.value.explanation
    with pytest.raises(docker.errors.InvalidArgument):
        cli.get_label(base_image, kind="volume")


def document(title):
    return {"@context": {"dct": "http://purl.org/dc/terms/"}, "@id": "", "dct:title": title}


def test_put_label_attaches_a_document_to_an_image_and_to_a_container(cli, built_image, created_container):
    image_id = bare(cli.inspect_image(built_image)["Id"])
    on_image = cli.put_label(built_image, document("on the image"))
    assert f"/images/{image_id}/metadata/" in on_image["Location"], on_image
    assert "Id" not in on_image
    on_container = cli.put_label(created_container, json.dumps(document("on the container")))
    assert f"/containers/{created_container['Id']}/metadata/" in on_container["Location"], on_container
    stored = cli.query("PREFIX dct: <http://purl.org/dc/terms/>"
                       f" SELECT ?title WHERE {{ <{IRI}container/{created_container['Id']}> dct:title ?title }}")
    assert [row["title"]["value"] for row in stored["results"]["bindings"]] == ["on the container"]


def test_put_label_takes_bytes_and_files(cli, created_container, tmp_path):
    assert cli.put_label(created_container, json.dumps(document("bytes")).encode())["Location"]
    assert cli.put_label(created_container, io.StringIO(json.dumps(document("text file"))))["Location"]
    path = tmp_path / "doc.jsonld"
    path.write_text(json.dumps(document("binary file")))
    with open(path, "rb") as file:
        assert cli.put_label(created_container, file)["Location"]


def test_put_label_with_commit_makes_a_new_image_whose_label_holds_the_document(cli, built_image, leftovers):
    before = cli.inspect_image(built_image)["Id"]
    made = cli.put_label(built_image, document("committed"), commit=True)
    leftovers.image(made["Id"])
    assert made["Id"] != before and made["Tags"] == [built_image], made
    assert cli.inspect_image(built_image)["Id"] == made["Id"], "the tag moved to the new image"
    label = cli.get_label(built_image)
    assert "committed" in values_of(label, "dct:title") + values_of(label, "http://purl.org/dc/terms/title"), label
    assert "docker:ContainerCommit" in types_in(label), label


def test_put_label_refuses_what_is_not_an_inline_json_ld_document(cli, built_image, created_container, name):
    refusals = {
        "remote documents are not fetched": {"@context": "https://schema.org/", "@id": "", "name": "remote"},
        "not JSON": "<rdf:RDF/>",
        "no statements": {"title": "no context"},
    }
    for expected, body in refusals.items():
        with pytest.raises(docker.errors.APIError) as refused:
            cli.put_label(built_image, body)
        assert refused.value.status_code == 400, expected
        assert expected in refused.value.explanation, refused.value.explanation
    with pytest.raises(docker.errors.APIError) as remote_in_a_list:
        cli.put_label(created_container, {"@context": [{"dct": "http://purl.org/dc/terms/"}, "https://example.org/ctx.jsonld"],
                                          "@id": "", "dct:title": "x"})
    assert remote_in_a_list.value.status_code == 400
    assert "remote documents are not fetched (https://example.org/ctx.jsonld)" in remote_in_a_list.value.explanation
    with pytest.raises(docker.errors.APIError) as on_container:
        cli.put_label(created_container, document("x"), commit=True)
    assert on_container.value.status_code == 400 and "applies to images" in on_container.value.explanation
    with pytest.raises(docker.errors.NotFound):
        cli.put_label(name + "-none:v1", document("x"))
    with pytest.raises(docker.errors.InvalidArgument):
        cli.put_label(built_image, 42)


def test_get_entry_links_a_container_to_its_provenance(cli, created_container, built_image, name):
    entry = cli.get_entry(name + "-c")
    assert entry["@type"] == "hydra:EntryPoint"
    assert entry["container"] == f"{IRI}container/{created_container['Id']}"
    assert entry["image"].endswith("/images/" + bare(cli.inspect_image(built_image)["Id"]))
    assert entry["sparql"].endswith("/sparql") and "/sparql?query=" in entry["lineage"]
    with pytest.raises(docker.errors.NotFound) as unknown:
        cli.get_entry(name + "-none")
    assert "No such container" in unknown.value.explanation
    with pytest.raises(docker.errors.NotFound):
        cli.get_entry(built_image)  # an image has no entry point


def test_create_sc_records_an_image_made_without_the_proxy_and_labels_a_new_one(cli, unrecorded_image, leftovers):
    tag = unrecorded_image
    before = cli.inspect_image(tag)["Id"]
    with pytest.raises(docker.errors.NotFound) as unrecorded:
        cli.lineage(tag)
    assert "no record" in unrecorded.value.explanation
    with pytest.raises(docker.errors.NotFound):
        cli.get_label(tag)
    made = cli.create_sc(tag)
    leftovers.image(made["Id"])
    assert made["Labelled"] is True and made["Tags"] == [tag] and made["Id"] != before, made
    assert cli.inspect_image(tag)["Id"] == made["Id"], "the tag moved to the labelled image"
    assert values_of(cli.get_label(tag), "sc:reconstructed") == [True]
    answer = cli.query(f"PREFIX sc: <https://w3id.org/daspos/smartcontainers#> ASK {{ <{made['Reconstructed']}> sc:reconstructed true }}")
    assert answer["boolean"] is True, answer
    assert "docker:ContainerCommit" in types_in(cli.lineage(tag))


def test_create_sc_records_a_container_without_relabelling_it(cli, created_container, name):
    made = cli.create_sc(name + "-c")
    assert made["Labelled"] is False and made["Id"] == created_container["Id"], made
    assert cli.query(f"ASK {{ <{made['Reconstructed']}> ?p ?o }}")["boolean"] is True
    with pytest.raises(docker.errors.NotFound) as unknown:
        cli.create_sc(name + "-none")
    assert unknown.value.explanation == f"no such image or container: {name}-none"


def test_query_answers_select_ask_and_construct_and_refuses_bad_queries(cli, built_image):
    image_iri = f"{IRI}image/{bare(cli.inspect_image(built_image)['Id'])}"
    derived = cli.query(f"SELECT ?base WHERE {{ <{image_iri}> <http://www.w3.org/ns/prov#wasDerivedFrom> ?base }}")
    assert derived["head"]["vars"] == ["base"] and len(derived["results"]["bindings"]) == 1, derived
    assert cli.query(f"ASK {{ <{image_iri}> ?p ?o }}")["boolean"] is True
    graph = cli.query(f"CONSTRUCT {{ <{image_iri}> ?p ?o }} WHERE {{ <{image_iri}> ?p ?o }}")
    assert image_iri in json.dumps(graph), graph
    with pytest.raises(docker.errors.APIError) as malformed:
        cli.query("SELECT ?x WHERE {")
    assert malformed.value.status_code == 400
    with pytest.raises(docker.errors.APIError) as update:
        cli.query("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert update.value.status_code == 400 and "read-only" in update.value.explanation


def test_lineage_of_an_image_and_of_a_container(cli, built_image, created_container, base_image, name):
    image = cli.lineage(built_image)
    assert {"docker:ImageBuild", "docker:BuildPlan"} <= types_in(image), image
    base_iri = f"{IRI}image/{bare(cli.inspect_image(base_image)['Id'])}"
    assert base_iri in json.dumps(image)
    container = cli.lineage(created_container)
    assert {"docker:ContainerCreate", "docker:ImageBuild"} <= types_in(container), container
    with pytest.raises(docker.errors.NotFound) as unknown:
        cli.lineage(name + "-none:v1")
    assert unknown.value.explanation == f"no such image or container: {name}-none:v1"


def test_config_is_read_and_replaced_from_a_dict_or_a_file(cli, tmp_path):
    person = {"agent": {"name": "Josiah Carberry", "orcid": "0000-0002-1825-0097"}}
    now = cli.put_config(person)
    assert now["agent"]["orcid"] == "https://orcid.org/0000-0002-1825-0097"
    assert now["agent"]["name"] == "Josiah Carberry"
    assert cli.get_config()["agent"]["orcid"] == "https://orcid.org/0000-0002-1825-0097"
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"agent": {"name": "Zoë Tester", "email": "zoe@example.org"}}))
    assert cli.put_config(str(path))["agent"]["name"] == "Zoë Tester"
    assert cli.put_config(pathlib.Path(path))["agent"]["email"] == "zoe@example.org"
    with open(path, "rb") as file:
        assert cli.put_config(file)["agent"]["name"] == "Zoë Tester"
    assert cli.get_config(stored=True)["agent"]["name"] == "Zoë Tester"


def test_an_invalid_orcid_id_is_refused_and_nothing_changes(cli):
    stored = cli.put_config({"agent": {"name": "Before"}})
    with pytest.raises(docker.errors.APIError) as refused:
        cli.put_config({"agent": {"name": "After", "orcid": "0000-0002-1825-0098"}})
    assert refused.value.status_code == 400
    assert "check digit" in refused.value.explanation and "0000-0002-1825-0098" in refused.value.explanation
    assert "check digit" in str(refused.value), "docker-py's message carries the daemon's"
    assert cli.get_config(stored=True) == stored
    with pytest.raises(docker.errors.APIError) as not_json:
        cli.put_config(b"{\"agent\": ")
    assert not_json.value.status_code == 400 and "not JSON" in not_json.value.explanation
