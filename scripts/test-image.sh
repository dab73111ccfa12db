#!/usr/bin/env bash
# `make test-image`: build the sidecar image, a stand-in of the upstream Triplo image and the
# drop-in image on top of it with podman, then run tests/triplo/test_image.py against them.
#
# The machine has no Docker engine and no registry access (REFERENCE §6): podman runs as root
# with runc and lowered ulimits, and python:3.11-slim is a local mmdebstrap stand-in. Images and
# build layers stay in $TRIPLO_IMAGE_CACHE, outside the repo, so later runs are warm.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE="${TRIPLO_IMAGE_CACHE:-/var/cache/triplo-config-images}"
PYTEST="${PYTEST:-.venv/bin/pytest}"
BASE=docker.io/library/python:3.11-slim
export CONTAINERS_CONF="$PWD/docker/podman/containers.conf"
export CONTAINERS_STORAGE_CONF="$CACHE/storage.conf"
export TRIPLO_TEST_STANDIN_IMAGE=localhost/triplo-standin:test
export TRIPLO_TEST_SIDECAR_IMAGE=localhost/triplo-config:test
export TRIPLO_TEST_DROPIN_IMAGE=localhost/triplo-dropin:test

step() { printf '\n== %s (%ss)\n' "$1" "$SECONDS"; }

install_tools() {
  local missing=()
  for tool in podman runc mmdebstrap fuse-overlayfs slirp4netns newuidmap; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return
  step "installing podman and friends (missing: ${missing[*]})"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    podman buildah runc fuse-overlayfs slirp4netns uidmap mmdebstrap >/dev/null
}

configure_storage() {
  mkdir -p "$CACHE/storage"
  cat >"$CACHE/storage.conf" <<CONF
[storage]
driver = "overlay"
graphroot = "$CACHE/storage"
runroot = "/run/$(basename "$CACHE")"
CONF
}

# What differs from the real python:3.11-slim: Debian's python3.11 in /usr/bin (linked from
# /usr/local/bin) instead of a python.org build in /usr/local; everything the images use is there.
base_image() {
  podman image exists "$BASE" && return
  step "making the $BASE stand-in with mmdebstrap"
  local rootfs="$CACHE/python-3.11-slim.tar"
  mmdebstrap --quiet --variant=minbase \
    --include=python3,python3-venv,python3-pip,ca-certificates,netbase,tzdata \
    --customize-hook='ln -sf /usr/bin/python3 "$1/usr/local/bin/python"' \
    --customize-hook='ln -sf /usr/bin/python3 "$1/usr/local/bin/python3"' \
    --customize-hook='ln -sf /usr/bin/pip3 "$1/usr/local/bin/pip"' \
    --customize-hook='rm -f "$1/usr/lib/python3.11/EXTERNALLY-MANAGED"' \
    bookworm "$rootfs"
  podman import --change 'CMD ["python3"]' "$rootfs" "$BASE" >/dev/null
  rm -f "$rootfs"
}

build() {  # tag, Dockerfile, extra arguments...
  local tag="$1" file="$2"
  shift 2
  step "building $tag"
  podman build --quiet --format docker --network host \
    -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
    -t "$tag" -f "$file" "$@" . >/dev/null
}

install_tools
configure_storage
base_image
build "$TRIPLO_TEST_STANDIN_IMAGE" docker/standin/Dockerfile
build "$TRIPLO_TEST_SIDECAR_IMAGE" Dockerfile
build "$TRIPLO_TEST_DROPIN_IMAGE" docker/triplo/Dockerfile \
  --build-arg TRIPLO_IMAGE="$TRIPLO_TEST_STANDIN_IMAGE"
podman image prune -f >/dev/null  # earlier builds' images, so the cache does not grow
if [ "${1:-}" = "--build-only" ]; then exit 0; fi
step "running tests/triplo/test_image.py"
"$PYTEST" -m image tests/triplo/test_image.py -p no:cacheprovider "$@"
step "done"
