"""Which image or container a caller means, and in which of the API's two route families."""
from __future__ import annotations

from typing import Any, Callable, Optional, TypeVar, Union

from docker.errors import ImageNotFound, InvalidArgument, NotFound

IMAGE = "images"
CONTAINER = "containers"
KINDS = (IMAGE, CONTAINER)

#: An image or container: a reference Docker takes (ID, short ID, name, ``repo:tag``), a dict with
#: an ``Id`` (as ``create_container`` returns), or a docker-py ``Image`` or ``Container`` object.
Resource = Union[str, dict, Any]

T = TypeVar("T")


def reference(resource: Resource) -> str:
    """The reference Docker takes for ``resource``."""
    if isinstance(resource, str):
        return resource
    if isinstance(resource, dict):
        found = resource.get("Id") or resource.get("ID") or resource.get("id")
        if isinstance(found, str):
            return found
    found = getattr(resource, "id", None)
    if isinstance(found, str):
        return found
    raise InvalidArgument(f"expected an image or container reference, got {resource!r}")


def kind_of(resource: Resource, kind: Optional[str]) -> Optional[str]:
    """``images`` or ``containers`` when known: given, or told by a docker-py model's type; else None."""
    if kind is not None:
        plural = kind if kind.endswith("s") else kind + "s"
        if plural not in KINDS:
            raise InvalidArgument(f"kind must be 'image' or 'container', got {kind!r}")
        return plural
    # By name, so that this module needs no import of docker.models (and any model subclass counts).
    for cls in type(resource).__mro__:
        if cls.__module__.startswith("docker.models."):
            if cls.__name__ == "Image":
                return IMAGE
            if cls.__name__ == "Container":
                return CONTAINER
    return None


def image_then_container(kind: Optional[str], call: Callable[[str], T], ref: str,
                         is_image: Optional[Callable[[], bool]] = None) -> T:
    """``call(kind)``; with no kind, as ``docker inspect`` decides: the image, else the container.

    Without ``is_image``, ``call`` itself tells: only "no such image" (docker-py's ``ImageNotFound``)
    moves on to the container, so an image found but lacking what was asked for is that image's
    answer. A call that cannot tell (it takes a full ID as an image's) asks ``is_image`` first.
    """
    if kind is not None:
        return call(kind)
    if is_image is None:
        try:
            return call(IMAGE)
        except ImageNotFound:
            pass
    elif is_image():
        return call(IMAGE)
    try:
        return call(CONTAINER)
    except NotFound as error:
        if "no such container" not in (error.explanation or "").lower():
            raise
        raise NotFound(f"no such image or container: {ref}", response=error.response,
                       explanation=f"no such image or container: {ref}") from error
