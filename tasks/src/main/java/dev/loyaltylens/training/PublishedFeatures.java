package dev.loyaltylens.training;

import dev.loyaltylens.LoyaltyLensException;
import dev.loyaltylens.store.PublishedSnapshots;
import dev.loyaltylens.store.PublishedVersion;
import dev.loyaltylens.store.SqlLiteral;
import dev.loyaltylens.store.StoreHome;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The published versions a training set may draw from, read from {@code published/} only, as
 * serving reads them: the manifest's versions become the table {@code published_versions
 * (feature_version, as_of, published_at)} and their snapshots, attached read-only, the view {@code
 * published_features (feature_version, customer_id, ...)}.
 *
 * <p>Reading snapshots rather than the store means a training set never waits on, nor blocks, a
 * pipeline writing to the store, and uses exactly the vectors that were served.
 */
final class PublishedFeatures {

  private static final Set<String> KEYS = Set.of("feature_version", "customer_id");

  private PublishedFeatures() {}

  /**
   * Attaches the snapshots of {@code versions} and returns the feature columns, in the order they
   * first appear.
   */
  static List<String> attach(Handle handle, StoreHome home, List<PublishedVersion> versions) {
    handle.execute(
        "create or replace temp table published_versions (feature_version varchar, as_of timestamp,"
            + " published_at timestamp)");
    PreparedBatch batch =
        handle.prepareBatch(
            "insert into published_versions values (:version, :as_of, :published_at)");
    for (PublishedVersion version : versions) {
      batch
          .bind("version", version.version())
          .bind("as_of", Timestamp.from(version.asOf()))
          .bind("published_at", Timestamp.from(version.publishedAt()))
          .add();
    }
    batch.execute();

    List<String> selects = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      PublishedVersion version = versions.get(i);
      String alias = "snapshot_" + i;
      try {
        PublishedSnapshots.attach(handle.getConnection(), home, version.version(), alias);
      } catch (SQLException e) {
        throw new NotPublishedException(
            "could not open "
                + home.snapshot(version.version())
                + ", the snapshot of "
                + version.version()
                + " ("
                + LoyaltyLensException.firstLine(e)
                + "): if `gc` removed it meanwhile, run the command again");
      }
      selects.add(
          "select "
              + SqlLiteral.of(version.version())
              + " as feature_version, * from "
              + alias
              + ".features");
    }
    handle.execute(
        "create or replace temp view published_features as\n"
            + String.join("\nunion all by name\n", selects));
    return handle
        .createQuery("describe published_features")
        .map((rs, ctx) -> rs.getString("column_name"))
        .stream()
        .filter(name -> !KEYS.contains(name))
        .toList();
  }
}
