"""docker-py through the proxy: a build, a create and a commit, whose records the Java test checks."""
import io
import os
import sys
import tarfile

import docker

base, suffix = sys.argv[1], sys.argv[2]
client = docker.DockerClient(base_url=os.environ["DOCKER_HOST"])

dockerfile = f"FROM {base}\nRUN echo from-docker-py > /py.txt\n".encode()
context = io.BytesIO()
with tarfile.open(fileobj=context, mode="w:gz") as tar:
    info = tarfile.TarInfo("Dockerfile")
    info.size = len(dockerfile)
    tar.addfile(info, io.BytesIO(dockerfile))
context.seek(0)
image, _ = client.images.build(fileobj=context, custom_context=True, encoding="gzip",
                               tag=f"sc-it-pyrec-{suffix}:t", labels={"made-by": "docker-py"})
print("image", image.id)
container = client.containers.create(f"sc-it-pyrec-{suffix}:t", "sleep 300", name=f"sc-it-pyrec-{suffix}",
                                     environment={"TOKEN": "py-secret"})
print("container", container.id)
committed = container.commit(repository=f"sc-it-pyrec-{suffix}-c", tag="t")
print("committed", committed.id)
container.remove(force=True)
