/**
 * Apache Spark SQL as an engine: the same templates, rendered with {@code sql/macros/spark.ftl},
 * run on a local Spark or a standalone cluster, and the vectors come back to the store as Parquet.
 * This module is kept out of the tasks jar; its factory is found through {@link
 * java.util.ServiceLoader} when its jar is on the class path.
 */
package dev.loyaltylens.engine.spark;
