package dev.loyaltylens.definitions;

import freemarker.cache.FileTemplateLoader;
import freemarker.core.ParseException;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders templates in a closed FreeMarker sandbox: no object construction, no Java API access, undefined values
 * are errors, numbers format the same in every locale. Templates only shape the query; values stay bound.
 */
public final class TemplateRenderer {

  private static final freemarker.template.Version FREEMARKER = Configuration.VERSION_2_3_34;

  private final Configuration configuration;

  public TemplateRenderer(DefinitionSet definitions) {
    this.configuration = sandbox(definitions.sqlDir());
  }

  /** Renders one template by name, so errors name the template file, line and column. */
  public String render(Definition definition) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", definition.name());
    Map<String, Object> params = new LinkedHashMap<>();
    definition.header().params().forEach((key, value) -> params.put(key, value));
    model.put("params", params);
    try {
      Template template = configuration.getTemplate(definition.templateName());
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString().strip();
    } catch (ParseException e) {
      throw new DefinitionException(
          location(definition, e.getLineNumber(), e.getColumnNumber()) + ": " + firstLine(e.getEditorMessage()), e);
    } catch (TemplateException e) {
      Integer line = e.getLineNumber();
      Integer column = e.getColumnNumber();
      throw new DefinitionException(
          location(definition, line == null ? 1 : line, column == null ? 1 : column) + ": "
              + firstLine(e.getMessageWithoutStackTop()),
          e);
    } catch (IOException e) {
      throw new DefinitionException(definition.displayPath() + ":1:1: could not read: " + e.getMessage(), e);
    }
  }

  private static String location(Definition definition, int line, int column) {
    return definition.displayPath() + ":" + line + ":" + column;
  }

  private static String firstLine(String message) {
    String text = String.valueOf(message).strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline).strip();
  }

  private static Configuration sandbox(java.nio.file.Path sqlDir) {
    Configuration configuration = new Configuration(FREEMARKER);
    try {
      configuration.setTemplateLoader(new FileTemplateLoader(sqlDir.toFile()));
    } catch (IOException e) {
      throw new DefinitionException("could not read templates from " + sqlDir + ": " + e.getMessage(), e);
    }
    configuration.setDefaultEncoding("UTF-8");
    configuration.setLocale(Locale.ROOT);
    configuration.setNumberFormat("computer");
    configuration.setBooleanFormat("c");
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
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
