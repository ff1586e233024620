#!/usr/bin/env bash
# Builds the images `loyaltylens-tasks` and `loyaltylens-api` from the jars, without a registry.
#
# The base image is `loyaltylens-jre:17` from build-base-image.sh unless BASE_IMAGE names another.
# The engine here has only the legacy builder, which would send the whole work tree (venvs, data)
# as context, so the few files the images need are staged under their repository paths first.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
base_image=${BASE_IMAGE:-loyaltylens-jre:17}
tag=${LOYALTYLENS_IMAGE_TAG:-latest}
cd "$repo_root"

if [[ ! -f tasks/target/loyaltylens-tasks.jar || ! -f api/target/loyaltylens-api.jar ]]; then
  ./mvnw -q -B -DskipTests package
fi

context=$(mktemp -d /tmp/loyaltylens-context.XXXXXX)
trap 'rm -rf "$context"' EXIT

stage() {
  for path in "$@"; do
    mkdir -p "$context/$(dirname "$path")"
    cp -R "$path" "$context/$path"
  done
}

build() {
  local name=$1
  docker build --quiet --network host --build-arg "BASE_IMAGE=$base_image" \
    -f "docker/$name.Dockerfile" -t "loyaltylens-$name:$tag" "$context" >/dev/null
  echo "built loyaltylens-$name:$tag on $base_image"
}

stage sql migrations docker/with-xcom.sh docker/api-health.sh \
  tasks/target/loyaltylens-tasks.jar api/target/loyaltylens-api.jar

build tasks
build api
