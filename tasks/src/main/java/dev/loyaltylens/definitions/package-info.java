/**
 * Feature definitions: the FreeMarker SQL templates under {@code sql/}, their strict YAML headers
 * (documented in {@code docs/ADDING_A_FEATURE.md}), and rendering them in a sandbox into SQL with
 * bound values, keeping a map from the SQL back to template lines so that every error names a file,
 * line and column.
 */
package dev.loyaltylens.definitions;
