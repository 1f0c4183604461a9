#!/bin/sh
# The article's "comprehensive security options", with a pinned image,
# a limited restart policy and the port on loopback.
docker run -d \
  --read-only \
  --tmpfs /tmp:rw,noexec,nosuid \
  --cap-drop=ALL \
  --security-opt=no-new-privileges:true \
  --memory=512m \
  --cpus=1 \
  --pids-limit=100 \
  --restart on-failure:5 \
  -p 127.0.0.1:3000:3000 \
  -e DATABASE_URL \
  --name api \
  my-app:1.4.2@sha256:3f1b6e0c1a4f6b1e2d8c9a7b5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d
