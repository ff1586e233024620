# The serving API: the latest published feature vectors over HTTP.
#
# Build context: the repository root after `./mvnw -q -B -DskipTests package`, or the small
# context that docker/build-images.sh stages with the same paths. The server listens on the host's
# network: `docker run --network host -v "$PWD/data:/data" loyaltylens-api --port 8080`.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

RUN groupadd --system --gid 10001 loyaltylens \
    && useradd --system --uid 10001 --gid loyaltylens --home-dir /app --no-create-home --shell /usr/sbin/nologin loyaltylens \
    && mkdir -p /data \
    && chown loyaltylens:loyaltylens /data

COPY docker/api-health.sh /app/bin/api-health
COPY api/target/loyaltylens-api.jar /app/loyaltylens-api.jar

ENV LOYALTYLENS_HOME=/data

VOLUME /data
WORKDIR /data
USER loyaltylens

# A minimal image has no curl: the check speaks HTTP through bash's /dev/tcp.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["/app/bin/api-health"]

ENTRYPOINT ["java", "-Duser.timezone=UTC", "-jar", "/app/loyaltylens-api.jar"]
CMD ["--home", "/data", "--port", "8080"]
