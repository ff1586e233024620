package dev.loyaltylens.bench;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reading a looked-up row the way a caller would: every column, so no store is spared work the
 * others do.
 */
final class Rows {

  private Rows() {}

  static boolean readWhole(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      return false;
    }
    int columns = rs.getMetaData().getColumnCount();
    for (int i = 1; i <= columns; i++) {
      rs.getObject(i);
    }
    return true;
  }
}
