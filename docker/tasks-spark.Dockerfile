# The batch tasks with the Spark engine: the tasks image plus Spark's jars, for `compute --engine spark`.
#
# A layer on top of loyaltylens-tasks, so the default image stays without Spark. Build context: what
# docker/build-images.sh stages, which adds the engine's jar and the jars Maven resolved for it (the same set
# the launcher and the tests run) under engine-spark/target/spark-jars/.
ARG TASKS_IMAGE=loyaltylens-tasks:latest
FROM ${TASKS_IMAGE}

COPY engine-spark/target/spark-jars/ /app/spark/jars/
COPY engine-spark/driver-jvm.options /app/spark/driver-jvm.options
COPY engine-spark/target/loyaltylens-engine-spark.jar /app/spark/loyaltylens-engine-spark.jar

# Spark's jars before the tasks jar, whose shaded copies of shared libraries must not win; with the options a
# Spark driver needs on Java 17. /app/bin/with-xcom starts Java the same way when /app/spark is there.
ENTRYPOINT ["java", "-Duser.timezone=UTC", "@/app/spark/driver-jvm.options", \
    "-cp", "/app/spark/loyaltylens-engine-spark.jar:/app/spark/jars/*:/app/loyaltylens-tasks.jar", \
    "dev.loyaltylens.cli.Main"]
CMD ["--help"]
