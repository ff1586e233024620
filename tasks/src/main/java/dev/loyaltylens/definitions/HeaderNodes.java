package dev.loyaltylens.definitions;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The YAML of one header, whose node marks are lines and columns of the template, and the list its
 * problems go to.
 *
 * @param yaml the template's text up to the end of the header, blanked before the header's first
 *     line
 * @param headerLine the line of {@code <#--}, where problems about the header as a whole go
 */
record HeaderNodes(String file, String yaml, int headerLine, List<TemplateProblem> problems) {

  /**
   * The tags plain YAML resolves to; any other (such as {@code !!java.net.URL}) was written on
   * purpose.
   */
  private static final Set<Tag> PLAIN_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

  void problem(Node at, String message) {
    problem(line(at), column(at), message);
  }

  void problem(int line, int column, String message) {
    problems.add(new TemplateProblem(file, line, column, message));
  }

  int line(Node node) {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(headerLine);
  }

  int column(Node node) {
    return node.getStartMark().map(m -> m.getColumn() + 1).orElse(1);
  }

  /** A node's text as written in the file, quotes and brackets included, for messages. */
  String text(Node node) {
    Optional<Mark> start = node.getStartMark();
    Optional<Mark> end = node.getEndMark();
    if (start.isEmpty() || end.isEmpty()) {
      return node instanceof ScalarNode scalar ? scalar.getValue() : kind(node);
    }
    // Marks count code points, String indices count chars.
    return yaml.substring(
            yaml.offsetByCodePoints(0, start.get().getIndex()),
            yaml.offsetByCodePoints(0, end.get().getIndex()))
        .strip();
  }

  static String kind(Node node) {
    return node instanceof SequenceNode
        ? "a list"
        : node instanceof MappingNode ? "a mapping" : "text";
  }

  static boolean isNull(Node node) {
    return Tag.NULL.equals(node.getTag());
  }

  /**
   * The number a plain scalar writes, or null: a quoted {@code '1'} is text in YAML, and so it is
   * here.
   */
  static BigDecimal number(Node node) {
    if (!(node instanceof ScalarNode scalar) || !scalar.isPlain()) {
      return null;
    }
    try {
      return new BigDecimal(scalar.getValue());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Reports every tag written on purpose: no header value needs one, and none is ever constructed.
   */
  void refuseTags(Node node) {
    if (!PLAIN_TAGS.contains(node.getTag())) {
      problem(
          node, "the tag `" + node.getTag().getValue() + "` has no meaning in a header: remove it");
    }
    if (node instanceof SequenceNode sequence) {
      sequence.getValue().forEach(this::refuseTags);
    } else if (node instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        refuseTags(entry.getKeyNode());
        refuseTags(entry.getValueNode());
      }
    }
  }
}
