# The serving API: the latest published feature vectors over HTTP.
#
# Build context: the repository root after `./mvnw -q -B -DskipTests package`, or the small
# context that docker/build-images.sh stages with the same paths. By default the server listens on
# every interface on port 8080, as a pod's server must; on a host network, `--host 127.0.0.1` keeps
# it to the machine: `docker run --network host -v "$PWD/data:/data" loyaltylens-api --host 127.0.0.1`.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

RUN groupadd --system --gid 10001 loyaltylens \
    && useradd --system --uid 10001 --gid loyaltylens --home-dir /app --no-create-home --shell /usr/sbin/nologin loyaltylens \
    && mkdir -p /data \
    && chown loyaltylens:loyaltylens /data

COPY docker/api-health.sh /app/bin/api-health
COPY api/target/loyaltylens-api.jar /app/loyaltylens-api.jar
# DuckDB's native library, beside the jar: the driver loads it from there in place
COPY api/target/libduckdb_java.so_linux_* /app/

ENV LOYALTYLENS_HOME=/data

VOLUME /data
WORKDIR /data
USER loyaltylens

# A minimal image has no curl: the check speaks HTTP through bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/app/bin/api-health"]

ENTRYPOINT ["java", "-Duser.timezone=UTC", "-jar", "/app/loyaltylens-api.jar"]
CMD ["--host", "0.0.0.0", "--port", "8080"]
