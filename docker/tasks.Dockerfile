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
# DuckDB's native library, beside the jar: the driver loads it from there in place
COPY tasks/target/libduckdb_java.so_linux_* /app/

ENV LOYALTYLENS_HOME=/data \
    LOYALTYLENS_SQL=/app/sql \
    LOYALTYLENS_MIGRATIONS=/app/migrations

# A class-data archive, recorded by one small pipeline: each task's JVM maps the classes from it instead of reading
# them out of the jar, about half a second sooner at every start.
RUN java -Duser.timezone=UTC -XX:ArchiveClassesAtExit=/app/loyaltylens-tasks.jsa -jar /app/loyaltylens-tasks.jar \
        pipeline --home /tmp/class-archive --events 2000 --customers 200 >/dev/null \
    && rm -rf /tmp/class-archive

VOLUME /data
WORKDIR /data
USER loyaltylens

ENTRYPOINT ["java", "-Duser.timezone=UTC", "-XX:SharedArchiveFile=/app/loyaltylens-tasks.jsa", "-jar", "/app/loyaltylens-tasks.jar"]
CMD ["--help"]
