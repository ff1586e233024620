package dev.loyaltylens.definitions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Applies the header's rules to its YAML nodes: an unknown or repeated key, a missing required one,
 * a value of the wrong type, a param that is not a number or a check that does not fit the column's
 * type is a problem located at its line and column. One instance reads one header.
 */
final class HeaderReader {

  /** Every key a header may hold, and the kind of template it belongs to (null: both). */
  static final Map<String, Definition.Kind> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("description", null);
    KEYS.put("grain", null);
    KEYS.put("owner", null);
    KEYS.put("depends_on", null);
    KEYS.put("params", null);
    KEYS.put("unit", Definition.Kind.FEATURE);
    KEYS.put("type", Definition.Kind.FEATURE);
    KEYS.put("checks", Definition.Kind.FEATURE);
    KEYS.put("drift", Definition.Kind.FEATURE);
    KEYS.put("materialized", Definition.Kind.STAGING);
    KEYS.put("skip_when_empty", Definition.Kind.STAGING);
    KEYS.put("requires_columns", Definition.Kind.STAGING);
    KEYS.put("pass_through", Definition.Kind.STAGING);
    KEYS.put("pass_through_when_empty", Definition.Kind.STAGING);
  }

  static final List<String> REQUIRED_FOR_FEATURES = List.of("description", "owner", "unit", "type");
  static final List<String> REQUIRED_FOR_STAGING = List.of("description", "owner");

  /**
   * Column types a feature may declare, as DuckDB names them in DESCRIBE and information_schema.
   */
  static final Set<String> TYPES =
      Set.of(
          "BOOLEAN",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "FLOAT",
          "DOUBLE",
          "VARCHAR",
          "DATE",
          "TIMESTAMP");

  private static final Map<String, String> TYPE_ALIASES =
      Map.ofEntries(
          Map.entry("INT", "INTEGER"),
          Map.entry("INT4", "INTEGER"),
          Map.entry("INT8", "BIGINT"),
          Map.entry("LONG", "BIGINT"),
          Map.entry("FLOAT8", "DOUBLE"),
          Map.entry("REAL", "FLOAT"),
          Map.entry("FLOAT4", "FLOAT"),
          Map.entry("NUMERIC", "DOUBLE"),
          Map.entry("STRING", "VARCHAR"),
          Map.entry("TEXT", "VARCHAR"),
          Map.entry("BOOL", "BOOLEAN"),
          Map.entry("DATETIME", "TIMESTAMP"));

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\(\\d{1,2},\\s*\\d{1,2}\\)");

  private final HeaderNodes nodes;
  private final Definition.Kind kind;
  private final boolean partial;
  private final CheckReader checks;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final List<String> dependsOn = new ArrayList<>();
  private final Map<String, BigDecimal> params = new LinkedHashMap<>();
  private final Map<String, BigDecimal> drift = new LinkedHashMap<>();
  private final Map<String, Integer> lines = new LinkedHashMap<>();
  private final Map<String, Node> values = new LinkedHashMap<>();

  /**
   * @param kind the template's kind, or null to skip the rules that depend on it
   * @param partial whether lines that were not YAML were left out, so that a missing key may be on
   *     one of them
   */
  HeaderReader(HeaderNodes nodes, Definition.Kind kind, boolean partial) {
    this.nodes = nodes;
    this.kind = kind;
    this.partial = partial;
    this.checks = new CheckReader(nodes);
  }

  /** The header of what could be read; {@code root} is null for an empty header. */
  TemplateHeader read(Node root) {
    if (root != null) {
      nodes.refuseTags(root);
    }
    if (root instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        readEntry(entry.getKeyNode(), entry.getValueNode());
      }
    } else if (root != null) {
      nodes.problem(root, "expected `key: value` lines, got `" + nodes.text(root) + "`");
    }
    validate();
    for (int i = 0; i < checks.checks().size(); i++) {
      lines.put("checks." + i, nodes.line(checks.nodes().get(i)));
    }
    return new TemplateHeader(fields, dependsOn, checks.checks(), params, lines, drift);
  }

  private void readEntry(Node keyNode, Node value) {
    if (!(keyNode instanceof ScalarNode scalar)) {
      nodes.problem(
          keyNode, "a header key is a name like description, got `" + nodes.text(keyNode) + "`");
      return;
    }
    String key = scalar.getValue();
    if (!acceptKey(keyNode, key)) {
      return;
    }
    lines.put(key, nodes.line(keyNode));
    values.put(key, value);
    switch (key) {
      case "checks" -> checks.read(value);
      case "params" -> readParams(value);
      case "drift" -> readDrift(value);
      case "depends_on" -> readDependsOn(value);
      case "requires_columns" ->
          fields.put(key, String.join(", ", names(key, value).stream().map(Name::text).toList()));
      default -> {
        if (value instanceof ScalarNode text) {
          fields.put(key, HeaderNodes.isNull(value) ? "" : text.getValue().strip());
        } else {
          nodes.problem(
              value,
              "`"
                  + key
                  + ":` is text, got "
                  + HeaderNodes.kind(value)
                  + ": quote a value that starts with [ or {");
        }
      }
    }
  }

  private boolean acceptKey(Node at, String key) {
    if (!KEYS.containsKey(key)) {
      nodes.problem(
          at,
          "unknown header key `"
              + key
              + "`"
              + HeaderParser.suggestion(key, KEYS.keySet())
              + ": a header holds "
              + String.join(", ", KEYS.keySet()));
      return false;
    }
    if (lines.containsKey(key)) {
      nodes.problem(at, "`" + key + "` is declared twice (first on line " + lines.get(key) + ")");
      return false;
    }
    Definition.Kind only = KEYS.get(key);
    if (kind != null && only != null && only != kind) {
      nodes.problem(
          at,
          "`"
              + key
              + "` applies to "
              + (only == Definition.Kind.FEATURE
                  ? "features (sql/features/) only"
                  : "staging models (sql/staging/) only"));
      return false;
    }
    return true;
  }

  private void readDependsOn(Node value) {
    for (Name name : names("depends_on", value)) {
      if (!NAME.matcher(name.text()).matches()) {
        nodes.problem(
            name.line(),
            name.column(),
            "depends_on names `"
                + name.text()
                + "`, which is not a template"
                + " name (lower case letters, digits and _)");
      } else if (dependsOn.contains(name.text())) {
        nodes.problem(name.line(), name.column(), "depends_on lists `" + name.text() + "` twice");
      } else {
        dependsOn.add(name.text());
      }
    }
  }

  /**
   * One name of a list, written either as YAML ({@code [a, b]}) or as comma separated text ({@code
   * a, b}).
   */
  private record Name(String text, int line, int column) {}

  private List<Name> names(String key, Node value) {
    List<Name> names = new ArrayList<>();
    if (value instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        if (item instanceof ScalarNode scalar && !HeaderNodes.isNull(item)) {
          names.add(new Name(scalar.getValue().strip(), nodes.line(item), nodes.column(item)));
        } else {
          nodes.problem(item, "`" + key + ":` lists names, got `" + nodes.text(item) + "`");
        }
      }
    } else if (value instanceof ScalarNode scalar) {
      int from = 0;
      for (String name : HeaderParser.splitList(scalar.getValue())) {
        from = scalar.getValue().indexOf(name, from);
        names.add(new Name(name, nodes.line(value), nodes.column(value) + from));
        from += name.length();
      }
    } else {
      nodes.problem(
          value,
          "`" + key + ":` lists names, like `" + key + ": a, b`, got " + HeaderNodes.kind(value));
    }
    return names;
  }

  private void readParams(Node value) {
    if (HeaderNodes.isNull(value)) {
      return;
    }
    if (!(value instanceof MappingNode mapping)) {
      nodes.problem(
          value,
          "`params:` takes `name: number` lines, indented on the next lines, like `  weight: 0.5`");
      return;
    }
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      String name = keyNode instanceof ScalarNode scalar ? scalar.getValue() : nodes.text(keyNode);
      if (!NAME.matcher(name).matches()) {
        nodes.problem(
            keyNode,
            "param `" + name + "` is not a valid name: use lower case letters, digits and _");
      } else if (RunValues.NAMES.contains(name)) {
        nodes.problem(
            keyNode,
            "param `" + name + "` would shadow the run value :" + name + ": pick another name");
      } else if (params.containsKey(name)) {
        nodes.problem(
            keyNode,
            "param `"
                + name
                + "` is declared twice (first on line "
                + lines.get("params." + name)
                + ")");
      } else {
        BigDecimal number = HeaderNodes.number(entry.getValueNode());
        if (number == null) {
          nodes.problem(
              entry.getValueNode(),
              "param `"
                  + name
                  + "` must be a number, got `"
                  + nodes.text(entry.getValueNode())
                  + "`: params are bound as :"
                  + name
                  + ", and only numbers are");
        } else {
          params.put(name, number);
          lines.put("params." + name, nodes.line(keyNode));
        }
      }
    }
  }

  /** The drift thresholds a feature sets for itself: shares, each warn at most its fail. */
  private void readDrift(Node value) {
    if (HeaderNodes.isNull(value)) {
      return;
    }
    if (!(value instanceof MappingNode mapping)) {
      nodes.problem(
          value,
          "`drift:` takes `name: number` lines, indented on the next lines, like `  psi_fail: 0.4`");
      return;
    }
    for (NodeTuple entry : mapping.getValue()) {
      Node keyNode = entry.getKeyNode();
      String name = keyNode instanceof ScalarNode scalar ? scalar.getValue() : nodes.text(keyNode);
      BigDecimal number = HeaderNodes.number(entry.getValueNode());
      if (!TemplateHeader.DRIFT_KEYS.contains(name)) {
        nodes.problem(
            keyNode,
            "unknown drift threshold `"
                + name
                + "`"
                + HeaderParser.suggestion(name, TemplateHeader.DRIFT_KEYS)
                + ": `drift:` sets "
                + String.join(", ", TemplateHeader.DRIFT_KEYS));
      } else if (drift.containsKey(name)) {
        nodes.problem(
            keyNode,
            "drift threshold `"
                + name
                + "` is declared twice (first on line "
                + lines.get("drift." + name)
                + ")");
      } else if (number == null || number.signum() < 0) {
        nodes.problem(
            entry.getValueNode(),
            "drift threshold `"
                + name
                + "` must be a number at least 0, got `"
                + nodes.text(entry.getValueNode())
                + "`");
      } else {
        drift.put(name, number);
        lines.put("drift." + name, nodes.line(keyNode));
      }
    }
    for (String measure : List.of("psi", "mean_shift", "null_rate_change")) {
      BigDecimal warn = drift.get(measure + "_warn");
      BigDecimal fail = drift.get(measure + "_fail");
      if (warn != null && fail != null && warn.compareTo(fail) > 0) {
        nodes.problem(
            lines.get("drift." + measure + "_warn"),
            3,
            "drift threshold `"
                + measure
                + "_warn` ("
                + warn.toPlainString()
                + ") is above `"
                + measure
                + "_fail` ("
                + fail.toPlainString()
                + "): a warning comes before a failure");
      }
    }
  }

  private void validate() {
    if (kind != null) {
      for (String key :
          kind == Definition.Kind.FEATURE ? REQUIRED_FOR_FEATURES : REQUIRED_FOR_STAGING) {
        if (!lines.containsKey(key) && !partial) {
          nodes.problem(
              nodes.headerLine(),
              1,
              "the header has no `"
                  + key
                  + ":` line, which every "
                  + (kind == Definition.Kind.FEATURE ? "feature" : "staging model")
                  + " needs");
        } else if (fields.containsKey(key) && fields.get(key).isBlank()) {
          nodes.problem(values.get(key), "`" + key + ":` is empty");
        }
      }
    }
    String type = fields.get("type");
    if (type != null && !type.isBlank()) {
      String upper = type.toUpperCase(Locale.ROOT);
      if (!TYPES.contains(upper) && !DECIMAL.matcher(upper).matches()) {
        String alias = TYPE_ALIASES.get(upper);
        nodes.problem(
            values.get("type"),
            "type `"
                + type
                + "` is not a column type a feature can have"
                + (alias == null ? "" : ": write " + alias)
                + " (use one of "
                + String.join(", ", TYPES.stream().sorted().toList())
                + " or DECIMAL(p,s))");
      } else {
        checks.fit(upper);
      }
    }
    String materialized = fields.get("materialized");
    if (materialized != null
        && !materialized.equals("table")
        && !materialized.equals("ephemeral")) {
      nodes.problem(
          values.get("materialized"),
          "materialized is `table` (a temporary table the run makes once) or"
              + " `ephemeral` (inlined where read), got `"
              + materialized
              + "`");
    }
    String skip = fields.get("skip_when_empty");
    if (skip != null && !dependsOn.contains(skip)) {
      nodes.problem(
          values.get("skip_when_empty"),
          "skip_when_empty names `" + skip + "`, which is not in depends_on");
    }
    validatePassThrough(materialized);
  }

  /**
   * pass_through and pass_through_when_empty come together, on an ephemeral model, and name
   * relations it reads.
   */
  private void validatePassThrough(String materialized) {
    String through = fields.get("pass_through");
    String whenEmpty = fields.get("pass_through_when_empty");
    if (through == null && whenEmpty == null) {
      return;
    }
    String key = through == null ? "pass_through_when_empty" : "pass_through";
    if (through == null || whenEmpty == null) {
      nodes.problem(
          values.get(key),
          key
              + " needs "
              + (through == null ? "pass_through" : "pass_through_when_empty")
              + " too: the model it passes through, and the relation whose emptiness allows it");
      return;
    }
    if (!"ephemeral".equals(materialized)) {
      nodes.problem(values.get(key), key + " is for a model with `materialized: ephemeral`");
    }
    for (String name : List.of("pass_through", "pass_through_when_empty")) {
      if (!dependsOn.contains(fields.get(name))) {
        nodes.problem(
            values.get(name),
            name + " names `" + fields.get(name) + "`, which is not in depends_on");
      }
    }
  }
}
