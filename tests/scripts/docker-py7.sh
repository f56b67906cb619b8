# Sourced by tests/run after docker26.sh (it uses unpack_from_trixie): docker-py 7, Debian trixie's
# python3-docker, unpacked (never installed) into tests/docker-py7 once and kept between runs
# (gitignored). PythonClientTest puts its dist-packages first on PYTHONPATH for its docker-py 7 run;
# the modules docker-py imports (requests, urllib3, websocket) stay bookworm's.
DOCKER_PY7="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/docker-py7"
readonly DOCKER_PY7

have_docker_py7() {
    [ -f "$DOCKER_PY7/usr/lib/python3/dist-packages/docker/version.py" ]
}

fetch_docker_py7() {
    have_docker_py7 && return 0
    unpack_from_trixie "$DOCKER_PY7" python3-docker
    have_docker_py7 || { echo "$docker26_caller: trixie's python3-docker gave no docker package" >&2; return 1; }
}
