#!/usr/bin/env bash
# Builds, without any container registry, the two base images Pobyt's Dockerfile and compose.yaml
# can use: localhost/debian:bookworm (debootstrap from Debian's mirror) and
# localhost/node:20-bookworm-slim (that plus this host's Node 20 and npm, user node 1000:1000).
# Run as root. Idempotent: an image that exists is kept (FORCE=1 rebuilds). README.md here.
set -euo pipefail

WORK=${WORK:-/var/tmp/pobyt-local-base}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
NODE_BIN=${NODE_BIN:-$(command -v node)}
NPM_DIR=${NPM_DIR:-$(npm root -g)/npm}
FORCE=${FORCE:-0}
export CONTAINERS_CONF=${CONTAINERS_CONF:-$WORK/containers.conf}
run() { nice -n 19 ionice -c3 "$@"; }
have() { [ "$FORCE" != 1 ] && podman image exists "$1"; }

[ "$(id -u)" = 0 ] || { echo 'run as root' >&2; exit 1; }
"$NODE_BIN" -e 'process.exit(process.versions.node.split(".")[0] === "20" ? 0 : 1)' \
	|| { echo "$NODE_BIN is not Node 20" >&2; exit 1; }
command -v podman >/dev/null && command -v debootstrap >/dev/null && command -v runc >/dev/null \
	|| { run apt-get update -q && run env DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -q podman buildah debootstrap runc; }
mkdir -p "$WORK"

# This VM: hybrid cgroups (crun refuses them; runc does not) and no CAP_SYS_RESOURCE (podman's
# default ulimits, nofile 1048576, cannot be set). Harmless elsewhere.
if [ ! -e "$CONTAINERS_CONF" ]; then
	cat >"$CONTAINERS_CONF" <<CONF
[containers]
default_ulimits = ["nofile=$(ulimit -Hn):$(ulimit -Hn)", "nproc=32768:32768"]
[engine]
runtime = "runc"
CONF
fi

if ! have localhost/debian:bookworm; then
	rm -rf "$WORK/rootfs"
	run debootstrap --variant=minbase bookworm "$WORK/rootfs" "$MIRROR"
	rm -rf "$WORK"/rootfs/var/cache/apt/*.bin "$WORK"/rootfs/var/cache/apt/archives/*.deb \
		"$WORK"/rootfs/var/lib/apt/lists/*
	cat >"$WORK/rootfs/etc/apt/sources.list" <<SRC
deb $MIRROR bookworm main
deb $MIRROR bookworm-updates main
deb ${MIRROR%/debian}/debian-security bookworm-security main
SRC
	tar -C "$WORK/rootfs" -c . | run podman import --change 'CMD ["/bin/bash"]' - localhost/debian:bookworm
	rm -rf "$WORK/rootfs"
fi
podman run --rm localhost/debian:bookworm true

if ! have localhost/node:20-bookworm-slim; then
	ctx=$WORK/node-context
	rm -rf "$ctx" && mkdir -p "$ctx/ca"
	cp "$NODE_BIN" "$ctx/node"
	cp -a "$NPM_DIR" "$ctx/npm"
	# CAs this host added itself (e.g. a TLS-inspecting proxy's) are needed to reach the registry.
	cp /usr/local/share/ca-certificates/*.crt "$ctx/ca/" 2>/dev/null || true
	cat >"$ctx/Containerfile" <<'CF'
FROM localhost/debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
	&& rm -rf /var/lib/apt/lists/* \
	&& groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
COPY ca/ /usr/local/share/ca-certificates/
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
RUN update-ca-certificates && mkdir -p /usr/local/etc \
	&& ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
	&& ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
	&& printf 'cafile=/etc/ssl/certs/ca-certificates.crt\nupdate-notifier=false\nfund=false\n' \
		>/usr/local/etc/npmrc
CMD ["node"]
CF
	run podman build -t localhost/node:20-bookworm-slim "$ctx"
	rm -rf "$ctx"
fi
podman run --rm localhost/node:20-bookworm-slim sh -c 'node -v && npm -v && id node'
echo "Now: export CONTAINERS_CONF=$CONTAINERS_CONF"
