package dev.loyaltylens.definitions;

import java.nio.file.Path;

/**
 * One template under {@code sql/}: a staging model or a feature, named after the relation (or
 * column) it makes.
 *
 * @param templateName the path relative to {@code sql/}, which FreeMarker renders it by
 * @param file the template file on disk
 */
public record Definition(
    String name, Kind kind, String templateName, Path file, TemplateHeader header) {

  /** Staging models clean and summarise events; features are the published columns. */
  public enum Kind {
    STAGING,
    FEATURE
  }

  public boolean isFeature() {
    return kind == Kind.FEATURE;
  }

  /** The template's text as the analyst wrote it. */
  public String source() {
    return DefinitionSet.read(file);
  }

  /** The path a user sees in messages, such as {@code sql/features/monetary_90d.sql.ftl}. */
  public String displayPath() {
    return "sql/" + templateName;
  }
}
