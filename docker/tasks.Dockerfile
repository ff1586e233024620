# The batch tasks (generate, compute, validate, publish, versions, ...) in one image.
#
# Build context: the repository root after `./mvnw -q -B -DskipTests package`, or the small
# context that docker/build-images.sh stages with the same paths. Each argument after the image
# name is passed to the CLI: `docker run --network host -v "$PWD/data:/data" loyaltylens-tasks versions`.
ARG BASE_IMAGE=eclipse-temurin:17-jre
FROM ${BASE_IMAGE}

RUN groupadd --system --gid 10001 loyaltylens \
    && useradd --system --uid 10001 --gid loyaltylens --home-dir /app --no-create-home --shell /usr/sbin/nologin loyaltylens \
    && mkdir -p /data \
    && chown loyaltylens:loyaltylens /data

COPY sql/ /app/sql/
COPY migrations/ /app/migrations/
COPY docker/with-xcom.sh /app/bin/with-xcom
COPY tasks/target/loyaltylens-tasks.jar /app/loyaltylens-tasks.jar

ENV LOYALTYLENS_HOME=/data \
    LOYALTYLENS_SQL=/app/sql \
    LOYALTYLENS_MIGRATIONS=/app/migrations

VOLUME /data
WORKDIR /data
USER loyaltylens

ENTRYPOINT ["java", "-Duser.timezone=UTC", "-jar", "/app/loyaltylens-tasks.jar"]
CMD ["--help"]
