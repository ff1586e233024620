package dev.loyaltylens.analyst;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.TemplateRun;
import dev.loyaltylens.definitions.Check;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.RunValues;
import dev.loyaltylens.definitions.TemplateHeader;
import dev.loyaltylens.definitions.TemplateProblem;
import dev.loyaltylens.store.FeatureStatistics;
import dev.loyaltylens.store.PublishedManifest;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The browsable catalog ({@code docs --out DIR}): an index and one page per template, each with its
 * definition, unit, type, owner, checks, params, lineage down to the columns it reads, its
 * fixtures, the rendered SQL, and the latest published statistics when a store's {@code
 * published/manifest.json} is given (the store itself is never opened), with links to that
 * version's report when {@code report} wrote one into the home. This class gathers what the pages
 * show into plain maps; {@link CatalogTemplates} lays them out.
 */
public final class Catalog {

  /** What was written. */
  public record Written(Path index, int pages, Optional<String> version) {}

  private static final Instant EXAMPLE_AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  private final DefinitionSet definitions;
  private final Path sqlDir;
  private final Path migrationsDir;
  private final Optional<PublishedVersion> latest;
  private final StoreHome home;
  private final Map<String, String> sql = new LinkedHashMap<>();
  private final Map<String, List<String>> columns = new LinkedHashMap<>();
  private final Map<String, List<Fixture>> fixtures = new LinkedHashMap<>();

  private Catalog(
      DefinitionSet definitions,
      Path sqlDir,
      Path migrationsDir,
      Optional<PublishedVersion> latest,
      StoreHome home) {
    this.definitions = definitions;
    this.home = home;
    this.sqlDir = sqlDir;
    this.migrationsDir = migrationsDir;
    this.latest = latest;
  }

  /**
   * @param home a store home whose latest published statistics to show, or null for none
   */
  public static Written write(Path sqlDir, Path migrationsDir, Path out, Path home) {
    DefinitionSet definitions = DefinitionSet.load(sqlDir);
    StoreHome store = home == null ? null : new StoreHome(home);
    Optional<PublishedVersion> latest = store == null ? Optional.empty() : latest(store);
    Catalog catalog = new Catalog(definitions, sqlDir, migrationsDir, latest, store);
    catalog.gather();
    return catalog.writeTo(out);
  }

  /** The latest published version of a home given by name, which must hold a store. */
  private static Optional<PublishedVersion> latest(StoreHome home) {
    home.requireStore();
    return PublishedManifest.read(home).flatMap(PublishedManifest::latestVersion);
  }

  private void gather() {
    try (ScratchDatabase scratch = ScratchDatabase.small()) {
      Path events =
          EventsContract.writeEmpty(
              scratch.handle(),
              EventsContract.columns(definitions),
              scratch.folder().resolve("events.parquet"));
      TemplateRun run =
          new TemplateRun(
              definitions,
              new RunValues(
                      EXAMPLE_AS_OF,
                      RunValues.DEFAULT_LOOKBACK_DAYS,
                      List.of(EventFiles.pattern(events)))
                  .binds(definitions.ordered()));
      for (Definition definition : definitions.ordered()) {
        sql.put(definition.name(), run.rendered(definition).sql());
      }
      Lineage.describeAll(run, scratch)
          .forEach(
              (name, described) ->
                  columns.put(name, described.stream().map(TemplateRun.Column::name).toList()));
    }
    for (Path file : FixtureRunner.discover(sqlDir)) {
      try {
        Fixture fixture = FixtureParser.parse(file, FixtureRunner.display(sqlDir, file));
        for (String column : fixture.expectColumns()) {
          fixtures.computeIfAbsent(column, k -> new ArrayList<>()).add(fixture);
        }
      } catch (FixtureFormatException e) {
        // a fixture that does not read is lint's and test's to report; the catalog lists the ones
        // that do
      }
    }
  }

  private Written writeTo(Path out) {
    CatalogTemplates templates = new CatalogTemplates();
    Map<String, Object> common = new LinkedHashMap<>();
    latest.ifPresent(version -> common.put("latest", version(version)));
    latest
        .flatMap(version -> copyReport(version, out))
        .ifPresent(report -> common.put("report", report));
    Map<String, Object> index = new LinkedHashMap<>(common);
    index.put("features", definitions.features().stream().map(this::indexRow).toList());
    index.put(
        "staging",
        definitions.ordered().stream().filter(d -> !d.isFeature()).map(this::indexRow).toList());
    write(out.resolve("index.html"), templates.render("index.ftlh", index));
    int pages = 1;
    for (Definition definition : definitions.ordered()) {
      Map<String, Object> page = new LinkedHashMap<>(common);
      page.put("d", definitionPage(definition));
      write(out.resolve(pagePath(definition)), templates.render("definition.ftlh", page));
      pages++;
    }
    return new Written(out.resolve("index.html"), pages, latest.map(PublishedVersion::version));
  }

  /**
   * Copies the latest version's report, when {@code report} has written one into the home, into the
   * catalog, so that the catalog links each feature to its drift and trend; returns its path in the
   * catalog.
   */
  private Optional<String> copyReport(PublishedVersion version, Path out) {
    Path written = VersionReport.file(home.reports(), version.version());
    if (!Files.isRegularFile(written)) {
      return Optional.empty();
    }
    Path copy = VersionReport.file(out.resolve("reports"), version.version());
    try {
      Files.createDirectories(copy.getParent());
      Files.copy(written, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path licence = home.reports().resolve(VersionReport.CHART_JS_LICENCE);
      if (Files.isRegularFile(licence)) {
        Files.copy(
            licence,
            copy.resolveSibling(VersionReport.CHART_JS_LICENCE),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new LoyaltyLensException(
          "could not copy the report " + written + " into " + out + ": " + e.getMessage(), e);
    }
    return Optional.of("reports/" + copy.getFileName());
  }

  private static Map<String, Object> version(PublishedVersion version) {
    return Map.of(
        "version",
        version.version(),
        "asOf",
        version.asOf().toString(),
        "rows",
        String.format(Locale.ROOT, "%,d", version.rowCount()),
        "publishedAt",
        version.publishedAt().toString());
  }

  /**
   * What the index lists of a template; a feature's statistics only when the latest version has
   * them.
   */
  private Map<String, Object> indexRow(Definition definition) {
    TemplateHeader header = definition.header();
    Map<String, Object> row = link(definition);
    row.put("type", header.type().orElse(""));
    row.put("unit", header.field("unit").orElse(""));
    row.put("grain", header.field("grain").orElse(""));
    row.put("owner", header.field("owner").orElse(""));
    row.put("description", header.description());
    row.put("checks", header.checks().stream().map(Check::describe).toList());
    row.put("readBy", links(Lineage.downstream(definition, definitions)));
    statistics(definition).ifPresent(stats -> row.put("stats", stats));
    return row;
  }

  private Map<String, Object> definitionPage(Definition definition) {
    TemplateHeader header = definition.header();
    Map<String, Object> page = link(definition);
    page.put("feature", definition.isFeature());
    page.put("description", header.description());
    header.type().ifPresent(type -> page.put("type", type));
    header.field("unit").ifPresent(unit -> page.put("unit", unit));
    page.put("grain", header.field("grain").orElse("one row per customer"));
    header.field("owner").ifPresent(owner -> page.put("owner", owner));
    page.put("template", definition.displayPath());
    if (definition.isFeature()) {
      TemplateProblem migration = Linter.migrationMentioning(migrationsDir, definition.name());
      if (!migration.file().endsWith("/")) {
        page.put("migration", migration.file());
      }
    }
    header.field("materialized").ifPresent(materialized -> page.put("materialized", materialized));
    page.put("checks", header.checks().stream().map(Check::describe).toList());
    page.put(
        "params",
        header.params().entrySet().stream()
            .map(param -> Map.of("name", param.getKey(), "value", param.getValue().toPlainString()))
            .toList());
    page.put(
        "upstream",
        Lineage.of(definition, definitions, sql.get(definition.name()), columns).stream()
            .map(
                read -> {
                  Map<String, Object> upstream = link(read.relation());
                  upstream.put("kind", read.relation().isFeature() ? "feature" : "staging model");
                  upstream.put("columns", read.columns());
                  upstream.put("star", read.star());
                  return upstream;
                })
            .toList());
    page.put("requiredColumns", header.requiredColumns());
    page.put("readBy", links(Lineage.downstream(definition, definitions)));
    Optional.ofNullable(columns.get(definition.name()))
        .ifPresent(names -> page.put("columns", names));
    statistics(definition).ifPresent(stats -> page.put("stats", stats));
    page.put(
        "fixtures",
        fixtures.getOrDefault(definition.name(), List.of()).stream()
            .map(
                fixture ->
                    Map.of(
                        "display",
                        fixture.display(),
                        "events",
                        fixture.events().size(),
                        "expected",
                        fixture.expected().size(),
                        "text",
                        read(fixture.file())))
            .toList());
    page.put("sql", sql.get(definition.name()));
    return page;
  }

  /**
   * The latest published statistics of a feature, formatted for the page: figures (count, nulls,
   * null rate, min, max, mean, standard deviation, quantiles) and counts per category with the
   * width of their bar.
   */
  private Optional<Map<String, Object>> statistics(Definition feature) {
    Optional<FeatureStatistics> found =
        latest.flatMap(version -> version.statistics().feature(feature.name()));
    if (!feature.isFeature() || found.isEmpty()) {
      return Optional.empty();
    }
    FeatureStatistics stats = found.get();
    FeatureStatistics.Distribution distribution = stats.distribution();
    List<Map<String, String>> figures = new ArrayList<>();
    figures.add(Map.of("name", "count", "value", number((double) stats.count())));
    figures.add(Map.of("name", "nulls", "value", number((double) stats.nulls())));
    figures.add(Map.of("name", "null rate", "value", percent(stats.nullRate())));
    if (distribution != null) {
      figures.add(Map.of("name", "min", "value", number(distribution.min())));
      figures.add(Map.of("name", "max", "value", number(distribution.max())));
      figures.add(Map.of("name", "mean", "value", number(distribution.mean())));
      figures.add(Map.of("name", "stddev", "value", number(distribution.stddev())));
      distribution
          .quantiles()
          .forEach((name, value) -> figures.add(Map.of("name", name, "value", number(value))));
    }
    Map<String, Long> counts = stats.categories() == null ? Map.of() : stats.categories();
    long total = counts.values().stream().mapToLong(Long::longValue).sum();
    List<Map<String, String>> categories = new ArrayList<>();
    counts.forEach(
        (value, count) ->
            categories.add(
                Map.of(
                    "value",
                    value,
                    "count",
                    String.format(Locale.ROOT, "%,d", count),
                    "width",
                    Long.toString(total == 0 ? 0 : Math.round(300.0 * count / total)))));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("figures", figures);
    model.put("categories", categories);
    model.put("mean", distribution == null ? "" : number(distribution.mean()));
    model.put("nullRate", percent(stats.nullRate()));
    return Optional.of(model);
  }

  /** What a link to a template's page needs; a mutable map, for pages that add to it. */
  private static Map<String, Object> link(Definition target) {
    Map<String, Object> link = new LinkedHashMap<>();
    link.put("name", target.name());
    link.put("href", pagePath(target));
    return link;
  }

  private static List<Map<String, Object>> links(List<Definition> targets) {
    return targets.stream().map(Catalog::link).toList();
  }

  static String pagePath(Definition definition) {
    return (definition.isFeature() ? "features/" : "staging/") + definition.name() + ".html";
  }

  private static String number(Double value) {
    if (value == null) {
      return "";
    }
    return BigDecimal.valueOf(value)
        .setScale(4, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String percent(double share) {
    return BigDecimal.valueOf(share * 100)
            .setScale(2, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not read: " + e.getMessage() + ")";
    }
  }

  private static void write(Path file, String html) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoyaltyLensException("could not write " + file + ": " + e.getMessage(), e);
    }
  }
}
