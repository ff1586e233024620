package dev.loyaltylens.online;

import java.util.Collections;
import java.util.List;

/**
 * One customer's feature values in one version, in the order of the version's columns.
 *
 * @param values each an {@link Integer}, {@link Long}, {@link Double}, {@link Boolean} or {@link
 *     String} as the column's {@link dev.loyaltylens.store.FeatureType} says, or null
 */
public record FeatureVector(String customerId, List<Object> values) {

  public FeatureVector {
    // List.copyOf refuses nulls, and a null is a value here.
    values = Collections.unmodifiableList(java.util.Arrays.asList(values.toArray()));
  }
}
