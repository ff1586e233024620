package dev.loyaltylens.definitions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Reads a header's {@code checks:} list, then checks that each fits the feature's column type. */
final class CheckReader {

  static final Set<String> NUMERIC_TYPES =
      Set.of("SMALLINT", "INTEGER", "BIGINT", "FLOAT", "DOUBLE");

  private static final List<String> NAMES = List.of("not_null", "range", "accepted_values");
  private static final String FORMS = "use not_null, range: [min, max] or accepted_values: [a, b]";

  private final HeaderNodes nodes;
  private final List<Check> checks = new ArrayList<>();
  private final List<Node> checkNodes = new ArrayList<>();

  CheckReader(HeaderNodes nodes) {
    this.nodes = nodes;
  }

  /** The checks read, in order. */
  List<Check> checks() {
    return checks;
  }

  /** The node each check was read from, in the order of {@link #checks()}. */
  List<Node> nodes() {
    return checkNodes;
  }

  void read(Node value) {
    if (HeaderNodes.isNull(value)) {
      return;
    }
    if (!(value instanceof SequenceNode sequence)) {
      nodes.problem(
          value, "`checks:` takes a list, indented on the next lines, like `  - not_null`");
      return;
    }
    for (Node item : sequence.getValue()) {
      Check check = readCheck(item);
      if (check == null) {
        continue;
      }
      if (checks.stream().anyMatch(c -> c.getClass() == check.getClass())) {
        nodes.problem(
            item, "`" + nodes.text(item) + "` repeats a check of the same kind: keep one");
        continue;
      }
      checkNodes.add(item);
      checks.add(check);
    }
  }

  private Check readCheck(Node item) {
    if (item instanceof ScalarNode scalar) {
      String name = scalar.getValue();
      if (name.equals("not_null")) {
        return new Check.NotNull();
      }
      nodes.problem(
          item,
          NAMES.contains(name)
              ? "`" + name + "` needs its values, like `- " + name + ": [0, 1]`"
              : "unknown check `"
                  + name
                  + "`"
                  + HeaderParser.suggestion(name, NAMES)
                  + ": "
                  + FORMS);
      return null;
    }
    if (!(item instanceof MappingNode mapping)
        || mapping.getValue().size() != 1
        || !(mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key)) {
      nodes.problem(item, "a check is one list item, got `" + nodes.text(item) + "`: " + FORMS);
      return null;
    }
    String name = key.getValue();
    Node value = mapping.getValue().get(0).getValueNode();
    if (!name.equals("range") && !name.equals("accepted_values")) {
      nodes.problem(
          item,
          "unknown check `" + name + "`" + HeaderParser.suggestion(name, NAMES) + ": " + FORMS);
      return null;
    }
    if (!(value instanceof SequenceNode sequence)) {
      nodes.problem(
          value, "expected a list in brackets, like [a, b], got `" + nodes.text(value) + "`");
      return null;
    }
    return name.equals("range") ? range(sequence) : acceptedValues(sequence);
  }

  private Check range(SequenceNode bounds) {
    if (bounds.getValue().size() != 2) {
      nodes.problem(bounds, "range takes two bounds, like `- range: [0, 1]`");
      return null;
    }
    BigDecimal min = HeaderNodes.number(bounds.getValue().get(0));
    BigDecimal max = HeaderNodes.number(bounds.getValue().get(1));
    if (min == null || max == null) {
      nodes.problem(bounds, "range bounds must be numbers, got " + nodes.text(bounds));
      return null;
    }
    if (min.compareTo(max) > 0) {
      nodes.problem(bounds, "range " + nodes.text(bounds) + " is empty");
      return null;
    }
    return new Check.Range(min.doubleValue(), max.doubleValue());
  }

  private Check acceptedValues(SequenceNode list) {
    List<String> accepted = new ArrayList<>();
    for (Node value : list.getValue()) {
      if (!(value instanceof ScalarNode scalar) || HeaderNodes.isNull(value)) {
        nodes.problem(
            value, "an accepted value is a number or a word, got `" + nodes.text(value) + "`");
        return null;
      }
      accepted.add(scalar.getValue());
    }
    if (accepted.isEmpty()) {
      nodes.problem(list, "accepted_values needs at least one value");
      return null;
    }
    if (new LinkedHashSet<>(accepted).size() != accepted.size()) {
      nodes.problem(list, "accepted_values lists a value twice");
      return null;
    }
    return new Check.AcceptedValues(accepted);
  }

  /**
   * Reports each check that cannot hold on a column of this type (upper case, as DuckDB names it).
   */
  void fit(String type) {
    boolean numeric = NUMERIC_TYPES.contains(type) || type.startsWith("DECIMAL");
    for (int i = 0; i < checks.size(); i++) {
      Node at = checkNodes.get(i);
      if (checks.get(i) instanceof Check.Range && !numeric) {
        nodes.problem(
            at,
            "range applies to numeric columns, and this feature is "
                + type
                + ": use accepted_values: [...] instead");
      }
      if (checks.get(i) instanceof Check.AcceptedValues accepted) {
        for (String value : accepted.values()) {
          if (numeric && !isNumber(value)) {
            nodes.problem(
                at, "accepted value `" + value + "` is not a number, and this feature is " + type);
          }
          if (type.equals("BOOLEAN") && !value.equals("true") && !value.equals("false")) {
            nodes.problem(
                at,
                "accepted value `" + value + "` is not true or false, and this feature is BOOLEAN");
          }
        }
      }
    }
  }

  private static boolean isNumber(String text) {
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
