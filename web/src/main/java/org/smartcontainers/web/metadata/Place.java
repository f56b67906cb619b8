package org.smartcontainers.web.metadata;

/**
 * Where a metadata container lives: the image or container it is about, the stable IRI prefix its
 * resources are stored under, and the URL prefix they are served at to this client.
 */
record Place(String entity, String stable, String url) {
    IriRewrite toStored() {
        return new IriRewrite(url, stable);
    }

    IriRewrite toServed() {
        return new IriRewrite(stable, url);
    }
}
