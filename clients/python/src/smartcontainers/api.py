"""The SmartContainers functions, as a docker-py API mixin over the daemon's ``/sc/v1/`` API."""
from __future__ import annotations

import json
from typing import Any, Optional

from . import bodies, references
from .bodies import Document, DocumentOrPath
from .references import Resource

JSON = "application/json"
#: SELECT and ASK answer SPARQL JSON results; CONSTRUCT and DESCRIBE, JSON-LD.
QUERY_ANSWERS = "application/sparql-results+json, application/ld+json"


class SmartContainersApiMixin:
    """The original SmartContainers client functions, for a ``docker.APIClient``.

    Mixed into :class:`smartcontainers.Client`; every method uses only ``APIClient``'s own request
    helpers, so errors are docker-py's: :class:`docker.errors.NotFound` (``ImageNotFound`` for an
    unknown image) for 404, :class:`docker.errors.APIError` otherwise, with the daemon's message
    as ``explanation``.
    """

    def sc_version(self) -> dict:
        """The versions of SmartContainers and of the Docker daemon behind it.

        Returns:
            (dict): ``{"SmartContainers": {"Version", "ApiVersion", "Java"}, "Docker": <docker version>}``

        Raises:
            :py:class:`docker.errors.APIError`
                If the daemon returns an error (502 when Docker does not answer).
        """
        return self._sc_json("GET", self._sc_url("/sc/v1/version"))

    def get_config(self, stored: bool = False) -> dict:
        """The configuration naming who the records name (the default person, a person per user).

        Args:
            stored (bool): The file alone, without the daemon's environment and flags over it.

        Returns:
            (dict): ``{"agent": {...}, "users": {...}}``, ORCID iDs as IRIs.
        """
        return self._sc_json("GET", self._sc_url("/sc/v1/config"), params={"layer": "stored"} if stored else None)

    def put_config(self, config: DocumentOrPath) -> dict:
        """Replace the daemon's configuration file.

        Args:
            config (dict, str, os.PathLike or file): The configuration (``config.json``'s form):
                a dict, the path of a JSON file, JSON bytes, or an open file.

        Returns:
            (dict): The configuration that applies now.

        Raises:
            :py:class:`docker.errors.APIError`
                400 with the reason (an ORCID iD whose check digit is wrong, say); nothing changes.
        """
        return self._sc_json("PUT", self._sc_url("/sc/v1/config"), data=bodies.from_document_or_path(config))

    def get_label(self, resource: Resource, kind: Optional[str] = None) -> Any:
        """The ``smartcontainer`` label of an image or container, as JSON-LD.

        Args:
            resource (str, dict or model): An image or container: a reference, a dict with ``Id``,
                or a docker-py ``Image``/``Container``.
            kind (str): ``"image"`` or ``"container"``; by default an image of that name, else a
                container (as ``docker inspect`` decides).

        Returns:
            (dict): The label, parsed (a str for a label under our key that is not JSON).

        Raises:
            :py:class:`docker.errors.NotFound`
                No such image or container, or it has no label.
        """
        ref = references.reference(resource)
        return references.image_then_container(references.kind_of(resource, kind),
                                               lambda k: self._sc_json("GET", self._sc_path(k, ref, "label")), ref)

    def put_label(self, resource: Resource, jsonld: Document, commit: bool = False,
                  kind: Optional[str] = None) -> dict:
        """Attach a JSON-LD document to an image or container as metadata about it.

        Args:
            resource (str, dict or model): The image or container (see :meth:`get_label`).
            jsonld (dict, str, bytes or file): A JSON-LD document with an inline ``@context``
                (remote contexts are refused); ``"@id": ""`` is the image or container.
            commit (bool): Also commit a new image whose label holds the document (images only);
                a tag named as ``resource`` moves to it.
            kind (str): ``"image"`` or ``"container"`` (see :meth:`get_label`).

        Returns:
            (dict): ``{"Location"}``, the metadata resource made; with ``commit``, also
            ``{"Id", "Activity", "Tags"}`` of the new image.

        Raises:
            :py:class:`docker.errors.APIError`
                400 for a document that is not JSON-LD we can read, or has a remote ``@context``.
        """
        ref = references.reference(resource)
        data = bodies.from_document(jsonld)
        params = {"commit": "true"} if commit else None
        return references.image_then_container(
            references.kind_of(resource, kind),
            lambda k: self._sc_json("PUT", self._sc_path(k, ref, "label"), data=data, params=params), ref)

    def get_entry(self, container: Resource) -> dict:
        """A container's Hydra entry point (JSON-LD): links to its provenance, its image and the
        image's lineage, its metadata container, the SPARQL endpoint and the API documentation.

        Args:
            container (str, dict or Container): The container (see :meth:`get_label`).

        Returns:
            (dict): The entry point, ``"@type": "hydra:EntryPoint"``.

        Raises:
            :py:class:`docker.errors.NotFound`
                No such container.
        """
        return self._sc_json("GET", self._sc_path(references.CONTAINER, references.reference(container), "entry"))

    def create_sc(self, resource: Resource, kind: Optional[str] = None) -> dict:
        """Make an image or container smart after the fact: its provenance reconstructed from what
        Docker shows and recorded (marked reconstructed). An image then gets the label through a
        commit of a new image, which takes over a tag named as ``resource``; a container cannot be
        relabelled (Docker's labels are fixed at create), so it gets its record alone.

        Args:
            resource (str, dict or model): The image or container (see :meth:`get_label`).
            kind (str): ``"image"`` or ``"container"`` (see :meth:`get_label`).

        Returns:
            (dict): ``{"Id", "Reconstructed", "Labelled", ...}``; for an image also ``"Activity"``
            and ``"Tags"``.

        Raises:
            :py:class:`docker.errors.NotFound`
                No such image or container.
        """
        ref = references.reference(resource)
        return references.image_then_container(references.kind_of(resource, kind),
                                               lambda k: self._sc_json("POST", self._sc_path(k, ref, "smart")), ref)

    def query(self, sparql: str) -> dict:
        """A read-only SPARQL query over the provenance store.

        Args:
            sparql (str): The query; ``PREFIX`` lines as SPARQL has them.

        Returns:
            (dict): SPARQL JSON results for SELECT and ASK; JSON-LD for CONSTRUCT and DESCRIBE.

        Raises:
            :py:class:`docker.errors.APIError`
                400 with the parser's message for a malformed query or an update; 503 past the
                daemon's query timeout.
        """
        return self._sc_json("POST", self._sc_url("/sc/v1/sparql"), data=json.dumps({"query": sparql}).encode("utf-8"),
                             accept=QUERY_ANSWERS)

    def lineage(self, resource: Resource, kind: Optional[str] = None) -> dict:
        """What made an image (or container) and what it derives from, back to images nothing
        recorded made: activities, plans, agents, as one JSON-LD graph.

        Args:
            resource (str, dict or model): The image or container (see :meth:`get_label`).
            kind (str): ``"image"`` or ``"container"`` (see :meth:`get_label`).

        Returns:
            (dict): The lineage as JSON-LD (``@graph``, full IRIs).

        Raises:
            :py:class:`docker.errors.NotFound`
                No such image or container, or no record of what made it.
        """
        ref = references.reference(resource)

        def export(k: str) -> dict:
            params = {"format": "jsonld", k[:-1]: ref}
            return self._sc_json("GET", self._sc_url("/sc/v1/export"), params=params, accept="application/ld+json")

        # The export takes a full ID as an image's without asking Docker: a container's would be
        # "no record of image", so which one it is is asked first.
        return references.image_then_container(references.kind_of(resource, kind), export, ref,
                                               is_image=lambda: self._is_image(ref))

    def _is_image(self, ref: str) -> bool:
        answer = self._get(self._url("/images/{0}/json", ref))
        if answer.status_code == 404:
            return False
        self._raise_for_status(answer)
        return True

    def _sc_url(self, path: str, *args: str) -> str:
        # Unversioned: the extension API has its own version. docker-py's quoting keeps slashes and
        # colons in a reference, as Docker's routes take team/tool:1.0.
        return self._url(path, *args, versioned_api=False)

    def _sc_path(self, kind: str, ref: str, action: str) -> str:
        return self._sc_url("/sc/v1/{0}/{1}/{2}", kind, ref, action)

    def _sc_json(self, method: str, url: str, data: Optional[bytes] = None, params: Optional[dict] = None,
                 accept: str = JSON) -> Any:
        headers = {"Accept": accept}
        if data is not None:
            headers["Content-Type"] = JSON
        send = {"GET": self._get, "PUT": self._put, "POST": self._post}[method]
        return self._result(send(url, data=data, params=params, headers=headers), json=True)
