package dev.loyaltylens.client;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The feature names of a version in column order, shared by all of its vectors that a call brought
 * back.
 */
final class FeatureNames {

  private final String[] names;
  private final Map<String, Integer> positions;
  private final List<String> list;

  FeatureNames(String[] names) {
    this.names = names;
    this.list = List.of(names);
    this.positions = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      positions.put(names[i], i);
    }
  }

  /** The position of a name, or -1. */
  int position(String name) {
    Integer position = positions.get(name);
    return position == null ? -1 : position;
  }

  String name(int position) {
    return names[position];
  }

  List<String> list() {
    return list;
  }

  /** Whether these are exactly {@code names[0 .. count)}, in that order. */
  boolean sameAs(String[] other, int count) {
    return count == names.length && Arrays.equals(names, 0, count, other, 0, count);
  }
}
