#!/usr/bin/env bash
# Builds the Java 17 runtime base image `loyaltylens-jre:17` without a registry.
#
# `docker pull` cannot reach a registry from these machines, so the base image is a Debian
# bookworm root file system made by debootstrap from Debian's packages and imported into the
# engine. Skipped when the image already exists; pass --force to rebuild it.
set -euo pipefail

image=${BASE_IMAGE:-loyaltylens-jre:17}
suite=bookworm

if [[ "${1:-}" != "--force" ]] && docker image inspect "$image" >/dev/null 2>&1; then
  echo "$image already present"
  exit 0
fi

rootfs=$(mktemp -d /tmp/loyaltylens-rootfs.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT

debootstrap --variant=minbase --include=openjdk-17-jre-headless "$suite" "$rootfs" >/dev/null
# The package cache and lists only add size to the image.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*

tar -C "$rootfs" -c . | docker import \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["java", "-version"]' \
  - "$image" >/dev/null

docker run --rm --network host "$image" java -version
echo "built $image"
