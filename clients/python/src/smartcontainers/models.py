"""docker-py's image and container objects with the SmartContainers functions as methods."""
from __future__ import annotations

from typing import Any

from docker.models.containers import Container, ContainerCollection
from docker.models.images import Image, ImageCollection

from .bodies import Document
from .provenance import Provenance


class SmartImage(Image):
    """A docker-py ``Image`` that also answers for its provenance."""

    def get_label(self) -> Any:
        """Its ``smartcontainer`` label, as JSON-LD (:meth:`smartcontainers.Client.get_label`)."""
        return Provenance(self.client).get_label(self)

    def put_label(self, jsonld: Document, commit: bool = False) -> dict:
        """Attach a JSON-LD document to it (:meth:`smartcontainers.Client.put_label`)."""
        return Provenance(self.client).put_label(self, jsonld, commit=commit)

    def create_sc(self) -> dict:
        """Record it after the fact and commit a labelled image (:meth:`smartcontainers.Client.create_sc`)."""
        return Provenance(self.client).create_sc(self)

    def lineage(self) -> dict:
        """What made it and what it derives from, as JSON-LD (:meth:`smartcontainers.Client.lineage`)."""
        return Provenance(self.client).lineage(self)


class SmartContainer(Container):
    """A docker-py ``Container`` that also answers for its provenance."""

    def get_label(self) -> Any:
        """Its ``smartcontainer`` label, as JSON-LD (:meth:`smartcontainers.Client.get_label`)."""
        return Provenance(self.client).get_label(self)

    def put_label(self, jsonld: Document) -> dict:
        """Attach a JSON-LD document to it (:meth:`smartcontainers.Client.put_label`)."""
        return Provenance(self.client).put_label(self, jsonld)

    def get_entry(self) -> dict:
        """Its Hydra entry point (:meth:`smartcontainers.Client.get_entry`)."""
        return Provenance(self.client).get_entry(self)

    def create_sc(self) -> dict:
        """Record its create after the fact (:meth:`smartcontainers.Client.create_sc`)."""
        return Provenance(self.client).create_sc(self)

    def lineage(self) -> dict:
        """Its create and its image's lineage, as JSON-LD (:meth:`smartcontainers.Client.lineage`)."""
        return Provenance(self.client).lineage(self)


class SmartImageCollection(ImageCollection):
    model = SmartImage


class SmartContainerCollection(ContainerCollection):
    model = SmartContainer
