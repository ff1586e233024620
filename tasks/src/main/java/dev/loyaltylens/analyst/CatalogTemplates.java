package dev.loyaltylens.analyst;

import freemarker.cache.ClassTemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;

/**
 * The catalog's pages: FreeMarker templates kept as resources next to this class ({@code
 * catalog/*.ftlh}), with HTML auto-escaping on, so every value a template writes is escaped unless
 * the template says otherwise. Pages share {@code catalog/layout.ftlh}; a new kind of page is a new
 * template that imports it. The model is plain maps, lists and strings.
 */
final class CatalogTemplates {

  private final Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);

  CatalogTemplates() {
    configuration.setTemplateLoader(new ClassTemplateLoader(CatalogTemplates.class, "catalog"));
    configuration.setDefaultEncoding("UTF-8");
    configuration.setOutputEncoding("UTF-8");
    configuration.setLocale(Locale.ROOT);
    configuration.setNumberFormat("computer");
    configuration.setOutputFormat(HTMLOutputFormat.INSTANCE);
    configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    configuration.setLogTemplateExceptions(false);
    configuration.setWrapUncheckedExceptions(true);
    configuration.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    configuration.setAPIBuiltinEnabled(false);
    configuration.setObjectWrapper(new SimpleObjectWrapper(Configuration.VERSION_2_3_34));
  }

  /** The page {@code template} (such as {@code index.ftlh}) writes for {@code model}. */
  String render(String template, Map<String, ?> model) {
    StringWriter out = new StringWriter();
    try {
      configuration.getTemplate(template).process(model, out);
    } catch (IOException | TemplateException e) {
      // The templates ship in the jar and the model is built here: a failure is a defect, not bad
      // input.
      throw new IllegalStateException(
          "catalog template " + template + " failed: " + e.getMessage(), e);
    }
    return out.toString();
  }
}
