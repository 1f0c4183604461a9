#!/bin/sh
# Deploy the current image on this host.
set -eu
tag=${1:-1.4.2}
docker pull "example/app:$tag"
docker rm -f app 2>/dev/null || true
docker run -d --name app \
  --read-only --cap-drop ALL --security-opt no-new-privileges \
  --memory 256m --cpus 1 --pids-limit 100 --restart on-failure:5 \
  --user 10001 \
  --network host \
  "example/app:$tag@sha256:3f1b6e0c1a4f6b1e2d8c9a7b5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d"
