# Sourced by tests/run and bench/run (bash): Docker 26 with buildx and compose fetched once from
# Debian trixie into tests/docker26, a docker CLI configuration with those plugins, and private
# dockerds started and stopped. The caller sets docker26_caller (the name its messages begin with),
# sets scratch to a directory of its own before fetch_docker26, make_docker_config or start_dockerd,
# and calls stop_private_daemons on exit (which also removes $scratch).
docker26_caller=${docker26_caller:-tests/run}

# Docker 26 with buildx and compose: Debian trixie's packages, unpacked (never installed) into this
# directory of the tests, kept between runs (gitignored) so only the first run downloads them.
# Bookworm's libc, containerd and runc serve this dockerd as they serve the 20.10 one.
DOCKER26="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)/docker26"
readonly DOCKER26
readonly DOCKER26_PACKAGES=(docker.io docker-buildx docker-compose)
readonly CLI_PLUGINS=usr/libexec/docker/cli-plugins   # where the trixie packages put buildx and compose

have_docker26() {
    [ -x "$DOCKER26/usr/sbin/dockerd" ] && [ -x "$DOCKER26/$CLI_PLUGINS/docker-buildx" ] \
        && [ -x "$DOCKER26/$CLI_PLUGINS/docker-compose" ]
}

# The Debian archive this machine's apt already uses for its own release (whatever mirror or cache its
# sources name): trixie comes from the same place.
debian_archive() {
    local codename
    codename=$(. /etc/os-release && echo "$VERSION_CODENAME")
    # --no-release-info: from the sources alone, so it answers before the first apt-get update too
    apt-get indextargets --no-release-info --format '$(REPO_URI)' "Release: $codename" 'Target-Of: deb' \
        'Identifier: Packages' | head -1
}

# apt with a configuration of its own in $apt: trixie's sources alone, its own lists, cache and (empty)
# dpkg status, no lock: the machine's apt state, its sources and other engineers' apt runs stay untouched.
apt_trixie() {
    local apt=$1
    shift
    apt-get -q -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$apt/sources.list.d" \
        -o Dir::State::Lists="$apt/lists" -o Dir::State::Status="$apt/status" \
        -o Dir::Cache="$apt/cache" -o Dir::Cache::Archives="$apt/archives" \
        -o Debug::NoLocking=1 -o APT::Sandbox::User=root "$@"
}

# unpack_from_trixie DIR PACKAGE...: Debian trixie's packages (not their dependencies) unpacked into DIR.
# Downloads into $scratch/apt, unpacks beside DIR (same file system) and moves the result into place
# whole, so an interrupted fetch leaves nothing that looks complete.
unpack_from_trixie() {
    local dir=$1
    shift
    local archive apt="$scratch/apt" unpacked="$dir.partial" deb
    archive=$(debian_archive)
    [ -n "$archive" ] || { echo "$docker26_caller: no Debian archive in the machine's apt sources" >&2; return 1; }
    mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache" "$apt/archives/partial" "$apt/debs"
    touch "$apt/status"
    # Trixie is signed with Debian archive keys that bookworm's keyring holds.
    printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: %s\n' \
        "$archive" /usr/share/keyrings/debian-archive-keyring.gpg >"$apt/sources.list.d/trixie.sources"
    echo "$docker26_caller: fetching $* from Debian trixie into $dir" >&2
    apt_trixie "$apt" update -qq
    (cd "$apt/debs" && apt_trixie "$apt" download -qq "$@")
    rm -rf "$unpacked"
    for deb in "$apt/debs"/*.deb; do
        dpkg-deb -x "$deb" "$unpacked"
    done
    rm -rf "$dir" "$apt"
    mv "$unpacked" "$dir"
}

fetch_docker26() {
    have_docker26 && return 0
    unpack_from_trixie "$DOCKER26" "${DOCKER26_PACKAGES[@]}"
    have_docker26 || { echo "$docker26_caller: trixie's packages gave no dockerd, buildx or compose" >&2; return 1; }
}

# The tests' own docker CLI configuration, exported for Maven (the tests' CLI processes inherit it):
# buildx and compose as CLI plugins, and nothing of the machine's ~/.docker (a current context there
# would send the CLI elsewhere). With buildx there, the CLI 28's `docker build` is BuildKit over /grpc.
make_docker_config() {
    export DOCKER_CONFIG="$scratch/docker-config"
    mkdir -p "$DOCKER_CONFIG/cli-plugins"
    ln -s "$DOCKER26/$CLI_PLUGINS/docker-buildx" "$DOCKER26/$CLI_PLUGINS/docker-compose" "$DOCKER_CONFIG/cli-plugins/"
    local buildx compose
    buildx=$(docker buildx version) && compose=$(docker compose version) || {
        echo "$docker26_caller: the docker CLI does not take the plugins in $DOCKER_CONFIG/cli-plugins" >&2
        return 1
    }
    echo "$docker26_caller: DOCKER_CONFIG=$DOCKER_CONFIG ($buildx; $compose)" >&2
}

# Everything the private daemons keep (data, runtime state, sockets, logs) lives under this one
# directory, removed at the end: nothing is shared with a Docker already on the machine.
scratch=""
started_pids=()
started_hosts=()

answers() {
    docker --host "$1" version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# start_dockerd HOST_VARIABLE DOCKERD_BINARY [extra dockerd args...]
# Starts a private dockerd in $scratch/HOST_VARIABLE, waits until it answers and exports
# HOST_VARIABLE=unix://its socket. daemon_json (default {}) is its configuration file's content and
# storage_driver (default overlay2) its storage driver: for the containerd image store,
# daemon_json='{"features": {"containerd-snapshotter": true}}' storage_driver=overlayfs (containerd's snapshotter).
# own_bridge=1 gives the daemon a default bridge network on an interface of its own (BuildKit runs RUN steps
# and SBOM generators on it); without it the daemon has none.
# The daemons started are stopped on exit. The helpers beside the
# binary (docker-proxy, docker-init: .../sbin and .../bin) come first on its PATH, so an unpacked
# dockerd uses its own and takes the rest (containerd, runc) from the machine.
start_dockerd() {
    local variable=$1 binary=$2
    shift 2
    local dir="$scratch/$variable"
    mkdir -p "$dir"
    # No iptables and, unless asked, no bridge: the tests need no outside network, and the machine's
    # firewall stays untouched.
    echo "${daemon_json:-{\}}" >"$dir/daemon.json"   # not /etc/docker/daemon.json: the machine's Docker config is not ours
    local bridge=none
    [ -z "${own_bridge:-}" ] || bridge=$(make_bridge) || return 1
    local prefix
    prefix=$(dirname "$(dirname "$binary")")
    PATH="$prefix/sbin:$prefix/bin:$PATH" "$binary" --config-file "$dir/daemon.json" --host "unix://$dir/docker.sock" \
        --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/docker.pid" \
        --iptables=false --ip6tables=false --bridge="$bridge" --storage-driver="${storage_driver:-overlay2}" "$@" \
        >"$dir/dockerd.log" 2>&1 &
    started_pids+=($!)
    started_hosts+=("unix://$dir/docker.sock")
    local host="unix://$dir/docker.sock" _
    for _ in $(seq 300); do
        answers "$host" && break
        kill -0 "${started_pids[-1]}" 2>/dev/null || break
        sleep 0.2
    done
    if ! answers "$host"; then
        echo "$docker26_caller: $binary did not start:" >&2
        tail -50 "$dir/dockerd.log" >&2
        return 1
    fi
    echo "$docker26_caller: $variable=$host (dockerd $(docker --host "$host" version --format '{{.Server.Version}}'))" >&2
    export "$variable=$host"
}

# make_bridge: a new bridge interface (its name printed), up, on the first 10.213.N.0/24 no route of the
# machine uses. bridges_of names it once its daemon uses it, so stop_private_daemons deletes it.
make_bridge() {
    local name="scbr$$${#started_pids[@]}" n
    for n in $(seq 0 255); do
        ip route show | grep -q "^10\.213\.$n\." && continue
        ip link add name "$name" type bridge && ip addr add "10.213.$n.1/24" dev "$name" \
            && ip link set "$name" up && echo "$name" && return 0
        break
    done
    echo "$docker26_caller: cannot make a bridge interface for a private daemon" >&2
    return 1
}

# The machine's interfaces for a daemon's bridge networks (e.g. a compose project's default network
# that a test left behind): they outlast the daemon, so they are deleted once it has stopped.
bridges_of() {
    local ids
    ids=$(docker --host "$1" network ls -q --filter driver=bridge 2>/dev/null) || return 0
    [ -n "$ids" ] || return 0
    # shellcheck disable=SC2086 # one argument per network ID
    docker --host "$1" network inspect $ids 2>/dev/null --format \
        '{{with index .Options "com.docker.network.bridge.name"}}{{.}}{{else}}br-{{printf "%.12s" .Id}}{{end}}' || true
}

# SIGTERM lets a daemon stop its containers and unmount; a daemon still there after a minute is killed.
# Whatever it left mounted under $scratch is unmounted (deepest first) before $scratch is removed.
stop_private_daemons() {
    local i pid bridges bridge _ mount mounts
    for i in "${!started_pids[@]}"; do
        pid=${started_pids[i]}
        bridges=$(bridges_of "${started_hosts[i]}")
        kill -TERM "$pid" 2>/dev/null || continue
        for _ in $(seq 300); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        for bridge in $bridges; do
            ip link delete "$bridge" 2>/dev/null || true
        done
    done
    [ -n "$scratch" ] || return 0
    mounts=$(awk -v under="$scratch/" 'index($2, under) == 1 { print $2 }' /proc/self/mounts | sort -r)
    for mount in $mounts; do
        umount "$mount" 2>/dev/null || umount -l "$mount" || true
    done
    if awk -v under="$scratch/" 'index($2, under) == 1 { found = 1 } END { exit !found }' /proc/self/mounts; then
        echo "$docker26_caller: mounts left under $scratch, not removing it" >&2
    else
        rm -rf --one-file-system "$scratch"
    fi
}

