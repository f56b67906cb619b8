"""Reading what the daemon's compact JSON-LD states, without an RDF library (the tests need docker-py alone)."""


def types_in(document):
    """Every ``@type`` a JSON-LD document states, anywhere in it (compact IRIs as written)."""
    found = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "@type":
                found.update(value if isinstance(value, list) else [value])
            elif key != "@context":
                found |= types_in(value)
    elif isinstance(document, list):
        for item in document:
            found |= types_in(item)
    return found


def values_of(document, key):
    """Every value of ``key`` anywhere in a JSON-LD document (lists flattened, ``@value``/``@id`` unwrapped)."""
    found = []
    if isinstance(document, dict):
        for k, value in document.items():
            if k == key:
                for item in value if isinstance(value, list) else [value]:
                    found.append(item.get("@value", item.get("@id")) if isinstance(item, dict) else item)
            elif k != "@context":
                found += values_of(value, key)
    elif isinstance(document, list):
        for item in document:
            found += values_of(item, key)
    return found
