"""docker-py through the proxy: each call the tests need, printed as one line `name: result`."""
import io
import os
import sys
import tarfile

import docker

base = sys.argv[1]
suffix = sys.argv[2]
client = docker.DockerClient(base_url=os.environ["DOCKER_HOST"])

print("ping:", client.ping())
print("images:", any(base in image.tags for image in client.images.list()))

dockerfile = f"FROM {base}\nRUN echo built-by-docker-py > /py.txt\n".encode()
context = io.BytesIO()
with tarfile.open(fileobj=context, mode="w") as tar:
    info = tarfile.TarInfo("Dockerfile")
    info.size = len(dockerfile)
    tar.addfile(info, io.BytesIO(dockerfile))
context.seek(0)
tag = f"sc-it-py-{suffix}:t"
image, logs = client.images.build(fileobj=context, custom_context=True, tag=tag, rm=True)
print("build:", tag in image.tags)

print("run:", client.containers.run(tag, "cat /py.txt", remove=True).decode().strip())

container = client.containers.run(base, "sh -c 'echo first; sleep 1; echo second; sleep 300'", detach=True)
try:
    streamed = []
    for chunk in container.logs(stream=True, follow=True):
        streamed.append(chunk.decode().strip())
        if "second" in streamed:
            break
    print("logs:", ",".join(streamed))
    exit_code, output = container.exec_run("sh -c 'echo exec-out; exit 4'")
    print("exec_run:", exit_code, output.decode().strip())
    committed = container.commit(repository=f"sc-it-pycommit-{suffix}", tag="c", changes=["LABEL from=docker-py"])
    print("commit:", committed.labels.get("from"))
    client.images.remove(committed.id, force=True)
finally:
    container.remove(force=True)
    client.images.remove(tag, force=True)
