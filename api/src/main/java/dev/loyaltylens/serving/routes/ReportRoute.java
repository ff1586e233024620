package dev.loyaltylens.serving.routes;

import dev.loyaltylens.serving.backend.ServedVersion;
import dev.loyaltylens.serving.backend.ServingBackend;
import dev.loyaltylens.serving.backend.ServingException;
import dev.loyaltylens.serving.http.Call;
import dev.loyaltylens.serving.http.Reply;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.StoreHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code GET /report}: the HTML report that {@code report} wrote into the home's {@code reports/}
 * for the version being served, or for the published version {@code ?version=V} names. Read from
 * its file on every call, so a report written again is answered at once.
 */
public final class ReportRoute {

  static final String HTML = "text/html; charset=utf-8";

  private final ServingBackend backend;
  private final StoreHome home;

  public ReportRoute(ServingBackend backend, StoreHome home) {
    this.backend = backend;
    this.home = home;
  }

  public Reply report(Call call) {
    String asked = call.query("version");
    String version;
    if (asked != null) {
      version =
          Optional.ofNullable(backend.published())
              .flatMap(manifest -> manifest.find(asked))
              .map(PublishedVersion::version)
              .orElseThrow(
                  () ->
                      ServingException.notFound(
                          "version `"
                              + Quoting.shorten(asked)
                              + "` is not published: GET /versions lists the published ones"));
    } else {
      ServedVersion current = backend.current();
      if (current == null) {
        throw ServingException.unavailable(backend.notReadyReason());
      }
      version = current.published().version();
    }
    Path page = home.reports().resolve(version + ".html");
    try {
      return new Reply(200, HTML, Files.readAllBytes(page));
    } catch (NoSuchFileException e) {
      throw ServingException.notFound(
          "no report of "
              + version
              + " in "
              + home.reports()
              + ": write it with"
              + " `loyaltylens report --home "
              + home.root()
              + " --version "
              + version
              + "`");
    } catch (IOException e) {
      throw ServingException.serverError(
          "could not read the report " + page + ": " + e.getMessage(), e);
    }
  }
}
