# syntax=docker/dockerfile:1
ARG BASE=debian
ARG TAG=12
FROM ${BASE}:${TAG} AS Build
ARG TAG
ENV A=1 B="two words" C=$TAG
# hadolint ignore=DL3008
RUN apt-get update && \
    # comment inside
    apt-get install -y curl \

    && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=1:1 a b /dst/
RUN --mount=type=secret,id=x,target=/s --mount=type=cache,target=/c <<EOF
set -e
echo $(id -u) | tee /x
EOF
CMD ["nginx", "-g", "daemon off;"]
FROM build
ENV legacy value with spaces
LABEL a=b "c d"=e
HEALTHCHECK --interval=5s CMD curl -f http://x || exit 1
ONBUILD COPY . /app
FROM localhost:5000/foo/bar:1.0@sha256:abc
