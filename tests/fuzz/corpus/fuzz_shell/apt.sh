DEBIAN_FRONTEND=noninteractive apt-get update && apt-get install -y --no-install-recommends curl=7.* \
 && rm -rf /var/lib/apt/lists/* || (echo $(id -u) `date`; exit 1) | tee log 2>&1 &