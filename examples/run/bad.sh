#!/bin/sh
# docker run lines as they are often written in deploy scripts.
docker run -d --name api \
  -e DATABASE_URL="postgres://user:pass@db:5432/myapp" \
  -p 80:3000 \
  my-app:latest

docker run --rm --net host --pid host --userns host --cap-add audit_control \
  -v /var/lib:/var/lib:ro \
  -v /var/run/docker.sock:/var/run/docker.sock:ro \
  -v /etc:/etc:ro \
  docker/docker-bench-security
