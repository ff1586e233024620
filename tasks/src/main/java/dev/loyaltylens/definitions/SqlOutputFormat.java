package dev.loyaltylens.definitions;

import freemarker.core.CommonMarkupOutputFormat;
import freemarker.core.CommonTemplateMarkupOutputModel;
import freemarker.template.TemplateModelException;
import java.io.IOException;
import java.io.Writer;
import java.util.regex.Pattern;

/**
 * The output format of every template: each {@code ${...}} passes through {@link #escapePlainText},
 * which lets an identifier or a number through and refuses anything else, so a value can never be
 * spliced into the SQL text. Values are bound as {@code :name} instead.
 */
final class SqlOutputFormat extends CommonMarkupOutputFormat<SqlOutputFormat.Sql> {

  static final SqlOutputFormat INSTANCE = new SqlOutputFormat();

  private static final Pattern SAFE =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?|");

  private SqlOutputFormat() {}

  @Override
  public String getName() {
    return "LoyaltyLensSQL";
  }

  @Override
  public String getMimeType() {
    return "application/sql";
  }

  @Override
  public void output(String text, Writer out) throws IOException, TemplateModelException {
    out.write(escapePlainText(text));
  }

  @Override
  public String escapePlainText(String text) throws TemplateModelException {
    if (!SAFE.matcher(text).matches()) {
      throw new TemplateModelException(
          "${...} produced `"
              + shorten(text)
              + "`, but an interpolation may insert only an identifier or a number:"
              + " bind values as :name (declare them under params:) instead of splicing them into the SQL");
    }
    return text;
  }

  @Override
  public boolean isLegacyBuiltInBypassed(String builtInName) {
    return false;
  }

  @Override
  protected Sql newTemplateMarkupOutputModel(String plainTextContent, String markupContent) {
    return new Sql(plainTextContent, markupContent);
  }

  private static String shorten(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
  }

  /** SQL text that has already passed the check. */
  static final class Sql extends CommonTemplateMarkupOutputModel<Sql> {

    Sql(String plainTextContent, String markupContent) {
      super(plainTextContent, markupContent);
    }

    @Override
    public SqlOutputFormat getOutputFormat() {
      return INSTANCE;
    }
  }
}
