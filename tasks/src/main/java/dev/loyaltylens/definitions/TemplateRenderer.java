package dev.loyaltylens.definitions;

import dev.loyaltylens.LoyaltyLensException;
import freemarker.cache.FileTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.core.TemplateProcessingTracer;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders templates in a closed FreeMarker sandbox: no object construction, no Java API access, no
 * evaluating strings as code, undefined values are errors, numbers format the same in every locale,
 * and {@code ${...}} may write only identifiers and numbers. Templates only shape the query; values
 * stay bound. Every error names the template file, line and column.
 *
 * <p>Each template sees the macro library of the dialect it is rendered for ({@code
 * sql/macros/NAME.ftl}) as {@code sql}; what a macro writes is located at the template line that
 * called it.
 */
public final class TemplateRenderer {

  private static final freemarker.template.Version FREEMARKER = Configuration.VERSION_2_3_34;

  private final Path sqlDir;
  private final SqlDialect dialect;
  private final Configuration configuration;

  /** Renders for DuckDB, the embedded default. */
  public TemplateRenderer(DefinitionSet definitions) {
    this(definitions, SqlDialect.DUCKDB);
  }

  public TemplateRenderer(DefinitionSet definitions, SqlDialect dialect) {
    this.sqlDir = definitions.sqlDir();
    this.dialect = dialect;
    this.configuration = sandbox(sqlDir);
  }

  /** Renders one template by name, so errors name the template file, line and column. */
  public String render(Definition definition) {
    return renderMapped(definition).sql();
  }

  /** Renders one template, keeping where each part of the SQL came from. */
  public RenderedTemplate renderMapped(Definition definition) {
    List<TemplateProblem> forbidden = TemplateSafety.scan(definition, sqlDir);
    if (!forbidden.isEmpty()) {
      throw new DefinitionException(forbidden.get(0).toString());
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", definition.name());
    model.put("params", new LinkedHashMap<>(definition.header().params()));
    try {
      Template template = configuration.getTemplate(definition.templateName());
      StringWriter out = new StringWriter();
      List<RenderedTemplate.Segment> segments = new ArrayList<>();
      Environment environment = template.createProcessingEnvironment(model, out);
      importLibrary(environment);
      environment.setTemplateProcessingTracer(new SegmentTracer(out, segments));
      environment.process();
      String raw = out.toString();
      String sql = raw.strip();
      int leading = raw.indexOf(sql.isEmpty() ? raw : sql);
      List<RenderedTemplate.Segment> shifted = new ArrayList<>();
      for (RenderedTemplate.Segment segment : segments) {
        shifted.add(
            new RenderedTemplate.Segment(
                Math.max(0, segment.outputStart() - leading),
                segment.file(),
                segment.line(),
                segment.column(),
                segment.text()));
      }
      if (sql.isEmpty()) {
        throw new DefinitionException(
            definition.displayPath() + ":1:1: the template renders to no SQL at all");
      }
      return new RenderedTemplate(definition, sql, shifted);
    } catch (ParseException e) {
      throw new DefinitionException(
          location(e.getTemplateName(), definition, e.getLineNumber(), e.getColumnNumber())
              + ": "
              + LoyaltyLensException.firstLine(e.getEditorMessage()),
          e);
    } catch (TemplateException e) {
      Integer line = e.getLineNumber();
      Integer column = e.getColumnNumber();
      throw new DefinitionException(
          location(
                  e.getTemplateSourceName(),
                  definition,
                  line == null ? 1 : line,
                  column == null ? 1 : column)
              + ": "
              + message(e),
          e);
    } catch (IOException e) {
      throw new DefinitionException(
          definition.displayPath() + ":1:1: could not read: " + e.getMessage(), e);
    }
  }

  /**
   * The dialect's macro library as {@code sql}; DuckDB's is optional, so that a folder without
   * macros renders.
   */
  private void importLibrary(Environment environment) throws IOException, TemplateException {
    if (Files.isRegularFile(sqlDir.resolve(dialect.library()))) {
      environment.importLib(dialect.library(), SqlDialect.NAMESPACE);
    } else if (!dialect.equals(SqlDialect.DUCKDB)) {
      throw new DefinitionException(
          "no macro library for "
              + dialect.name()
              + ": sql/"
              + dialect.library()
              + " does not exist (it implements, for that engine, every macro of sql/"
              + SqlDialect.DUCKDB.library()
              + ")");
    }
  }

  /**
   * Records, for every leaf element the template writes, where its output starts and where its
   * source is. What a library macro writes is put at the template's call, the line an analyst can
   * change.
   */
  private static final class SegmentTracer implements TemplateProcessingTracer {

    private final StringWriter out;
    private final List<RenderedTemplate.Segment> segments;
    private final Deque<TracedElement> calls = new ArrayDeque<>();

    SegmentTracer(StringWriter out, List<RenderedTemplate.Segment> segments) {
      this.out = out;
      this.segments = segments;
    }

    @Override
    public void enterElement(Environment environment, TracedElement element) {
      boolean inLibrary = isLibrary(element);
      String description = element.getDescription();
      if (!inLibrary && description.startsWith("@")) {
        calls.push(element);
        return;
      }
      boolean text = description.startsWith("text ");
      if (!element.isLeaf() || (!text && !description.startsWith("${"))) {
        return;
      }
      TracedElement source = inLibrary && !calls.isEmpty() ? calls.peek() : element;
      segments.add(
          new RenderedTemplate.Segment(
              out.getBuffer().length(),
              "sql/" + source.getTemplate().getSourceName(),
              source.getBeginLine(),
              source.getBeginColumn(),
              text && source == element));
    }

    @Override
    public void exitElement(Environment environment, TracedElement element) {
      if (!calls.isEmpty() && calls.peek() == element) {
        calls.pop();
      }
    }

    private static boolean isLibrary(TracedElement element) {
      return element.getTemplate().getSourceName().startsWith(SqlDialect.LIBRARY_FOLDER + "/");
    }
  }

  private static String message(TemplateException e) {
    if (e instanceof InvalidReferenceException) {
      String blamed = e.getBlamedExpressionString();
      return "`"
          + (blamed == null ? "a value" : blamed)
          + "` is not defined: a template sees only `name`, `params`"
          + " and the variables it makes with <#assign> and <#list>; values from outside are bound as :name";
    }
    String text = String.valueOf(e.getMessageWithoutStackTop()).strip();
    int marker = text.indexOf("${...} produced");
    if (marker >= 0) {
      return LoyaltyLensException.firstLine(text.substring(marker));
    }
    return LoyaltyLensException.firstLine(text);
  }

  private static String location(String sourceName, Definition definition, int line, int column) {
    String file = sourceName == null ? definition.displayPath() : "sql/" + sourceName;
    return file + ":" + line + ":" + column;
  }

  private static Configuration sandbox(Path sqlDir) {
    Configuration configuration = new Configuration(FREEMARKER);
    try {
      configuration.setTemplateLoader(new FileTemplateLoader(sqlDir.toFile()));
    } catch (IOException e) {
      throw new DefinitionException(
          "could not read templates from " + sqlDir + ": " + e.getMessage(), e);
    }
    configuration.setDefaultEncoding("UTF-8");
    configuration.setLocale(Locale.ROOT);
    configuration.setNumberFormat("computer");
    configuration.setBooleanFormat("c");
    configuration.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX);
    configuration.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX);
    configuration.setRecognizeStandardFileExtensions(false);
    configuration.setOutputFormat(SqlOutputFormat.INSTANCE);
    configuration.setAutoEscapingPolicy(Configuration.ENABLE_IF_SUPPORTED_AUTO_ESCAPING_POLICY);
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    configuration.setAttemptExceptionReporter((e, environment) -> {});
    configuration.setLogTemplateExceptions(false);
    configuration.setWrapUncheckedExceptions(true);
    configuration.setFallbackOnNullLoopVariable(false);
    configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    configuration.setAPIBuiltinEnabled(false);
    configuration.setObjectWrapper(new SimpleObjectWrapper(FREEMARKER));
    configuration.setTemplateUpdateDelayMilliseconds(0);
    return configuration;
  }
}
