package dev.loyaltylens.compute;

import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.store.FeatureColumn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bridge between templates and Flyway: every feature template needs a column in {@code
 * features}, and every feature column needs a template. A mismatch names the file to add.
 */
public final class SchemaMatch {

  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

  private SchemaMatch() {}

  /** The feature columns in table order, once each matches a template. */
  public static List<FeatureColumn> require(
      List<FeatureColumn> columns, List<Definition> features, Path migrationsDir) {
    Set<String> columnNames = columns.stream().map(FeatureColumn::name).collect(Collectors.toSet());
    Set<String> featureNames = features.stream().map(Definition::name).collect(Collectors.toSet());
    for (Definition feature : features) {
      if (!columnNames.contains(feature.name())) {
        throw new ComputeException(missingMigration(feature, migrationsDir));
      }
    }
    for (FeatureColumn column : columns) {
      if (!featureNames.contains(column.name())) {
        throw new ComputeException(
            "the features table has a column `"
                + column.name()
                + "` that no template computes: add sql/features/"
                + column.name()
                + ".sql.ftl, or drop the column in a new migration");
      }
    }
    return columns;
  }

  /**
   * The message for a feature without a column: which migration file to add, with its statement.
   */
  public static String missingMigration(Definition feature, Path migrationsDir) {
    String type = feature.header().type().orElse("DOUBLE");
    return "feature `"
        + feature.name()
        + "` ("
        + feature.displayPath()
        + ") has no column in the features table:"
        + " add migrations/"
        + nextMigration(migrationsDir, feature.name())
        + " containing `alter table features add"
        + " column "
        + feature.name()
        + " "
        + type.toLowerCase(java.util.Locale.ROOT)
        + ";`";
  }

  static String nextMigration(Path migrationsDir, String feature) {
    int highest = 0;
    try (Stream<Path> files = Files.list(migrationsDir)) {
      for (Path file : files.toList()) {
        Matcher matcher = MIGRATION.matcher(file.getFileName().toString());
        if (matcher.matches()) {
          highest = Math.max(highest, Integer.parseInt(matcher.group(1)));
        }
      }
    } catch (IOException e) {
      highest = 0;
    }
    return "V" + (highest + 1) + "__add_" + feature + ".sql";
  }
}
