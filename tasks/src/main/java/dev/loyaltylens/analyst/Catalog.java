package dev.loyaltylens.analyst;

import dev.loyaltylens.compute.TemplateRun;
import static dev.loyaltylens.analyst.Html.escape;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.compute.EventFiles;
import dev.loyaltylens.compute.RunParameters;
import dev.loyaltylens.definitions.Check;
import dev.loyaltylens.definitions.Definition;
import dev.loyaltylens.definitions.DefinitionSet;
import dev.loyaltylens.definitions.TemplateProblem;
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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The browsable catalog ({@code docs --out DIR}): an index and one page per template, each with its definition,
 * unit, type, owner, checks, params, lineage down to the columns it reads, its fixtures, the rendered SQL, and the
 * latest published statistics when a store's {@code published/manifest.json} is given (the store itself is never
 * opened).
 */
public final class Catalog {

  /** What was written. */
  public record Written(Path index, int pages, Optional<String> version) {}

  private static final Instant EXAMPLE_AS_OF = Instant.parse("2026-01-01T00:00:00Z");

  private final DefinitionSet definitions;
  private final Path sqlDir;
  private final Path migrationsDir;
  private final Optional<PublishedVersion> latest;
  private final Map<String, String> sql = new LinkedHashMap<>();
  private final Map<String, List<String>> columns = new LinkedHashMap<>();
  private final Map<String, List<Fixture>> fixtures = new LinkedHashMap<>();

  private Catalog(DefinitionSet definitions, Path sqlDir, Path migrationsDir, Optional<PublishedVersion> latest) {
    this.definitions = definitions;
    this.sqlDir = sqlDir;
    this.migrationsDir = migrationsDir;
    this.latest = latest;
  }

  /**
   * @param home a store home whose latest published statistics to show, or null for none
   */
  public static Written write(Path sqlDir, Path migrationsDir, Path out, Path home) {
    DefinitionSet definitions = DefinitionSet.load(sqlDir);
    Optional<PublishedVersion> latest =
        home == null ? Optional.empty() : latest(new StoreHome(home));
    Catalog catalog = new Catalog(definitions, sqlDir, migrationsDir, latest);
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
      Path events = EventsContract.writeEmpty(scratch.handle(), EventsContract.columns(definitions),
          scratch.folder().resolve("events.parquet"));
      TemplateRun run = new TemplateRun(definitions,
          new RunParameters(EXAMPLE_AS_OF, RunParameters.DEFAULT_LOOKBACK_DAYS, List.of(EventFiles.pattern(events)))
              .binds(definitions.ordered()));
      for (Definition definition : definitions.ordered()) {
        sql.put(definition.name(), run.rendered(definition).sql());
      }
      Lineage.describeAll(run, scratch).forEach(
          (name, described) -> columns.put(name, described.stream().map(TemplateRun.Column::name).toList()));
    }
    for (Path file : FixtureRunner.discover(sqlDir)) {
      try {
        Fixture fixture = FixtureParser.parse(file, FixtureRunner.display(sqlDir, file));
        for (String column : fixture.expectColumns()) {
          fixtures.computeIfAbsent(column, k -> new ArrayList<>()).add(fixture);
        }
      } catch (FixtureFormatException e) {
        // a fixture that does not read is lint's and test's to report; the catalog lists the ones that do
      }
    }
  }

  private Written writeTo(Path out) {
    int pages = 0;
    write(out.resolve("index.html"), Html.page("All features", "", index()));
    pages++;
    for (Definition definition : definitions.ordered()) {
      write(out.resolve(pagePath(definition)), Html.page(definition.name(), "../", definitionPage(definition)));
      pages++;
    }
    return new Written(out.resolve("index.html"), pages, latest.map(PublishedVersion::version));
  }

  private String index() {
    StringBuilder body = new StringBuilder();
    body.append("<h1>Feature catalog</h1>\n<p class=\"lead\">").append(definitions.features().size())
        .append(" features computed per customer from the events, through ")
        .append(definitions.ordered().size() - definitions.features().size())
        .append(" staging models. Each is one SQL template under <code>sql/</code>.</p>\n");
    body.append(latest.map(v -> "<p>Statistics from the latest published version <code>" + escape(v.version())
            + "</code> (as of " + escape(v.asOf()) + ", " + String.format(java.util.Locale.ROOT, "%,d", v.rowCount())
            + " customers, published " + escape(v.publishedAt()) + ").</p>\n")
        .orElse("<p class=\"muted\">No store given: pass <code>--home</code> to show the latest statistics.</p>\n"));
    body.append("<h2>Features</h2>\n<table>\n<tr><th>Feature</th><th>Type</th><th>Unit</th><th>Owner</th>"
        + "<th>Definition</th><th>Checks</th>").append(latest.isPresent() ? "<th>Mean</th><th>Null rate</th>" : "")
        .append("</tr>\n");
    for (Definition feature : definitions.features()) {
      body.append("<tr><td><a href=\"").append(escape(pagePath(feature))).append("\"><code>")
          .append(escape(feature.name())).append("</code></a></td><td><code>")
          .append(escape(feature.header().type().orElse(""))).append("</code></td><td>")
          .append(escape(feature.header().field("unit").orElse(""))).append("</td><td>")
          .append(escape(feature.header().field("owner").orElse(""))).append("</td><td>")
          .append(escape(feature.header().description())).append("</td><td>").append(checkTags(feature))
          .append("</td>");
      if (latest.isPresent()) {
        JsonNode stats = latest.get().stats().path(feature.name());
        body.append("<td class=\"num\">").append(stats.has("mean") ? number(stats.get("mean")) : "")
            .append("</td><td class=\"num\">").append(stats.has("null_rate") ? percent(stats.get("null_rate")) : "")
            .append("</td>");
      }
      body.append("</tr>\n");
    }
    body.append("</table>\n<h2>Staging models</h2>\n<table>\n<tr><th>Model</th><th>Grain</th><th>Owner</th>"
        + "<th>Definition</th><th>Read by</th></tr>\n");
    for (Definition model : definitions.ordered()) {
      if (model.isFeature()) {
        continue;
      }
      body.append("<tr><td><a href=\"").append(escape(pagePath(model))).append("\"><code>")
          .append(escape(model.name())).append("</code></a></td><td>")
          .append(escape(model.header().field("grain").orElse(""))).append("</td><td>")
          .append(escape(model.header().field("owner").orElse(""))).append("</td><td>")
          .append(escape(model.header().description())).append("</td><td>")
          .append(links(Lineage.downstream(model, definitions), "")).append("</td></tr>\n");
    }
    body.append("</table>\n<p class=\"muted\">Written by <code>loyaltylens docs</code>. Add a feature: see"
        + " docs/ADDING_A_FEATURE.md.</p>\n");
    return body.toString();
  }

  private String definitionPage(Definition definition) {
    StringBuilder body = new StringBuilder();
    body.append("<h1><code>").append(escape(definition.name())).append("</code> <span class=\"tag")
        .append(definition.isFeature() ? "" : " staging").append("\">")
        .append(definition.isFeature() ? "feature" : "staging model").append("</span></h1>\n<p class=\"lead\">")
        .append(escape(definition.header().description())).append("</p>\n<dl class=\"facts\">\n");
    fact(body, "Type", definition.header().type().map(t -> "<code>" + escape(t) + "</code>").orElse(null));
    fact(body, "Unit", definition.header().field("unit").map(Html::escape).orElse(null));
    fact(body, "Grain", escape(definition.header().field("grain").orElse("one row per customer")));
    fact(body, "Owner", definition.header().field("owner").map(Html::escape).orElse(null));
    fact(body, "Template", "<code>" + escape(definition.displayPath()) + "</code>");
    if (definition.isFeature()) {
      TemplateProblem migration = Linter.migrationMentioning(migrationsDir, definition.name());
      fact(body, "Column added by", migration.file().endsWith("/") ? "<span class=\"muted\">no migration yet</span>"
          : "<code>" + escape(migration.file()) + "</code>");
    }
    definition.header().field("materialized").ifPresent(m -> fact(body, "Materialized", escape(m)));
    body.append("</dl>\n");

    if (definition.isFeature()) {
      body.append("<h2>Checks</h2>\n<p>The validation gate runs these on every version before it can be published,"
          + " with the null rate of every column at most the gate's threshold (5% by default).</p>\n<ul>\n");
      for (Check check : definition.header().checks()) {
        body.append("<li><code>").append(escape(check.describe())).append("</code></li>\n");
      }
      if (definition.header().checks().isEmpty()) {
        body.append("<li class=\"muted\">none declared in the header</li>\n");
      }
      body.append("</ul>\n");
    }
    if (!definition.header().params().isEmpty()) {
      body.append("<h2>Params</h2>\n<p>Declared in the header and bound as <code>:name</code>.</p>\n"
          + "<table>\n<tr><th>Param</th><th>Value</th></tr>\n");
      definition.header().params().forEach((name, value) -> body.append("<tr><td><code>:").append(escape(name))
          .append("</code></td><td class=\"num\">").append(escape(value.toPlainString())).append("</td></tr>\n"));
      body.append("</table>\n");
    }

    body.append("<h2>Lineage</h2>\n<table>\n<tr><th>Reads</th><th>Kind</th><th>Columns referenced</th></tr>\n");
    List<Lineage.Upstream> upstream = Lineage.of(definition, definitions, sql.get(definition.name()), columns);
    for (Lineage.Upstream read : upstream) {
      body.append("<tr><td>").append(link(read.relation(), "../")).append("</td><td>")
          .append(read.relation().isFeature() ? "feature" : "staging model").append("</td><td>");
      for (String column : read.columns()) {
        body.append("<code class=\"tag\">").append(escape(column)).append("</code>");
      }
      if (read.star()) {
        body.append(" <span class=\"muted\">and every other column, through <code>select *</code></span>");
      }
      body.append("</td></tr>\n");
    }
    if (upstream.isEmpty()) {
      body.append("<tr><td colspan=\"3\" class=\"muted\">").append(definition.header().requiredColumns().isEmpty()
          ? "nothing" : "the events files: " + escape(String.join(", ", definition.header().requiredColumns())))
          .append("</td></tr>\n");
    }
    body.append("</table>\n<p>Read by: ").append(links(Lineage.downstream(definition, definitions), "../"))
        .append("</p>\n");
    if (columns.containsKey(definition.name())) {
      body.append("<p>Columns: ");
      for (String column : columns.get(definition.name())) {
        body.append("<code class=\"tag\">").append(escape(column)).append("</code>");
      }
      body.append("</p>\n");
    }

    if (definition.isFeature()) {
      statistics(body, definition);
      body.append("<h2>Fixtures</h2>\n");
      List<Fixture> own = fixtures.getOrDefault(definition.name(), List.of());
      if (own.isEmpty()) {
        body.append("<p class=\"muted\">No fixture checks this feature yet: add sql/features/")
            .append(escape(definition.name())).append(".test.txt.</p>\n");
      }
      for (Fixture fixture : own) {
        body.append("<p><code>").append(escape(fixture.display())).append("</code>: ").append(fixture.events().size())
            .append(" events, ").append(fixture.expected().size()).append(" expected customers (run <code>loyaltylens"
                + " test ").append(escape(definition.name())).append("</code>)</p>\n<pre>")
            .append(escape(read(fixture.file()))).append("</pre>\n");
      }
    }

    body.append("<h2>SQL</h2>\n<p>The template rendered; values are bound, not written in. <code>loyaltylens"
        + " render ").append(escape(definition.name())).append(" --as-of T</code> prints the statements as compute"
        + " runs them.</p>\n<pre>").append(escape(sql.get(definition.name()))).append("</pre>\n");
    return body.toString();
  }

  private void statistics(StringBuilder body, Definition feature) {
    body.append("<h2>Latest statistics</h2>\n");
    if (latest.isEmpty()) {
      body.append("<p class=\"muted\">No store given (<code>docs --home H</code>), or nothing published yet.</p>\n");
      return;
    }
    JsonNode stats = latest.get().stats().path(feature.name());
    if (stats.isMissingNode()) {
      body.append("<p class=\"muted\">Version <code>").append(escape(latest.get().version()))
          .append("</code> has no column for this feature yet.</p>\n");
      return;
    }
    body.append("<p>Version <code>").append(escape(latest.get().version())).append("</code>, as of ")
        .append(escape(latest.get().asOf())).append(".</p>\n<table>\n");
    for (String key : List.of("count", "nulls", "null_rate", "min", "max", "mean", "stddev")) {
      if (stats.has(key)) {
        body.append("<tr><th>").append(escape(key.replace('_', ' '))).append("</th><td class=\"num\">")
            .append(key.equals("null_rate") ? percent(stats.get(key)) : number(stats.get(key))).append("</td></tr>\n");
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = stats.path("quantiles").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> quantile = it.next();
      body.append("<tr><th>").append(escape(quantile.getKey())).append("</th><td class=\"num\">")
          .append(number(quantile.getValue())).append("</td></tr>\n");
    }
    body.append("</table>\n");
    JsonNode categories = stats.path("categories");
    if (categories.size() > 0) {
      long total = 0;
      for (JsonNode count : categories) {
        total += count.asLong();
      }
      body.append("<table>\n<tr><th>Value</th><th>Customers</th><th></th></tr>\n");
      for (Iterator<Map.Entry<String, JsonNode>> it = categories.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> category = it.next();
        long count = category.getValue().asLong();
        body.append("<tr><td><code>").append(escape(category.getKey())).append("</code></td><td class=\"num\">")
            .append(String.format(java.util.Locale.ROOT, "%,d", count)).append("</td><td><span class=\"bar\" style=\"width:")
            .append(total == 0 ? 0 : Math.round(300.0 * count / total)).append("px\"></span></td></tr>\n");
      }
      body.append("</table>\n");
    }
  }

  private static String checkTags(Definition feature) {
    StringBuilder tags = new StringBuilder();
    for (Check check : feature.header().checks()) {
      tags.append("<span class=\"tag check\">").append(escape(check.describe())).append("</span>");
    }
    return tags.toString();
  }

  private static void fact(StringBuilder body, String name, String html) {
    if (html != null) {
      body.append("<dt>").append(escape(name)).append("</dt><dd>").append(html).append("</dd>\n");
    }
  }

  private static String links(List<Definition> targets, String root) {
    if (targets.isEmpty()) {
      return "<span class=\"muted\">nothing (published as a column)</span>";
    }
    List<String> links = new ArrayList<>();
    for (Definition target : targets) {
      links.add(link(target, root));
    }
    return String.join(", ", links);
  }

  private static String link(Definition target, String root) {
    return "<a href=\"" + escape(root + pagePath(target)) + "\"><code>" + escape(target.name()) + "</code></a>";
  }

  static String pagePath(Definition definition) {
    return (definition.isFeature() ? "features/" : "staging/") + definition.name() + ".html";
  }

  private static String number(JsonNode value) {
    if (value == null || value.isNull() || !value.isNumber()) {
      return "";
    }
    return BigDecimal.valueOf(value.asDouble()).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }

  private static String percent(JsonNode share) {
    return BigDecimal.valueOf(share.asDouble() * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()
        .toPlainString() + "%";
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
