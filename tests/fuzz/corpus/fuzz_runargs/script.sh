#!/bin/sh
docker run -itd -uapp -p80:80 --mount type=bind,src=/,dst=/h --tmpfs /tmp:noexec -e "A=$B" \
  --security-opt=no-new-privileges:true img:1 sh -c "docker run x"
podman run --privileged y
