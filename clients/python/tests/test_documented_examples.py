"""docs/python.md's examples, run as doctests against the daemon: the page shows what really happens."""
import doctest
import pathlib

import docker
import pytest

PAGE = pathlib.Path(__file__).resolve().parents[3] / "docs" / "python.md"


def test_the_python_page_examples_run_as_shown(docker_host, base_image, name):
    # The page's stand-ins: the base image, a user's repository names and root's default socket.
    text = (PAGE.read_text(encoding="utf-8").replace("busybox:latest", base_image)
            .replace("yourname", name).replace("unix:///var/run/sc.sock", docker_host))
    test = doctest.DocTestParser().get_doctest(text, {}, PAGE.name, str(PAGE), 0)
    assert len(test.examples) > 40, "the page's examples were found"
    report = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    try:
        runner.run(test, out=report.append)
    finally:
        tidy(docker_host, name, test.globs)
    assert runner.failures == 0, "".join(report)


def tidy(docker_host, name, names):
    """What a failing example left behind."""
    api = docker.APIClient(base_url=docker_host)
    try:
        if isinstance(names.get("container"), dict):
            try:
                api.remove_container(names["container"], force=True)
            except docker.errors.NotFound:
                pass
        for image in api.images(name=f"{name}/*"):
            api.remove_image(image["Id"], force=True)
    finally:
        api.close()
