package dev.loyaltylens.engine.spark;

import static dev.loyaltylens.engine.spark.Events.T;
import static java.time.Duration.ofDays;
import static java.time.Duration.ofHours;
import static java.time.Duration.ofMinutes;

import java.nio.file.Path;

/**
 * One event set that reaches every branch of the templates: the golden customers (boundaries at T -
 * 30 d, T - 90 d, T - 180 d, at and after T, channel ties, capped redemption), a row breaking each
 * rule of SPEC section 1, repeated event ids (identical copies, copies at other times, a copy that
 * breaks a rule), and amounts whose sums are hard to get bit-identical (many decimals, sums beyond
 * 2^53 units of the tenth decimal), and amounts set aside whose text the engines spell differently
 * (NaN, infinities, exponents). Written as two files in folders named like Hive partitions, which
 * neither engine may read as a column.
 */
final class EveryKindOfEvent {

  /** The rows the set holds. */
  static final int ROWS = 63;

  /**
   * The rows set aside: one per rule, more for amounts whose text each engine spells its own way,
   * and the copy of dup-3 with an amount.
   */
  static final int QUARANTINED = 23;

  private EveryKindOfEvent() {}

  static Path write(Path eventsDir) throws Exception {
    new Events("a")
        .event("ann", "purchase", ofDays(1).plus(ofHours(2)), 10.0, "web")
        .event("ann", "purchase", ofDays(30), 20.0, "mobile")
        .event("ann", "app_open", ofDays(31), null, "mobile")
        .event("ann", "purchase", ofDays(90), 5.0, "in-store")
        .event("ann", "purchase", ofDays(91), 7.0, "web")
        .event("ann", "offer_view", ofDays(100), null, "mobile")
        .event("ann", "redeem", ofDays(99), null, "mobile")
        .event("ann", "purchase", ofDays(0), 1000.0, "web")
        .event("ann", "purchase", ofDays(-1), 1000.0, "web")
        .event("ben", "app_open", ofDays(10), null, "web")
        .event("ben", "app_open", ofDays(5), null, "in-store")
        .event("cat", "offer_view", ofDays(20), null, "mobile")
        .event("cat", "redeem", ofDays(19), null, "mobile")
        .event("cat", "redeem", ofDays(18), null, "web")
        .event("cat", "redeem", ofDays(17), null, "web")
        .event("dan", "app_open", ofDays(181), null, "web")
        .event("dan", "purchase", ofDays(200), 50.0, "web")
        .event("eve", "app_open", ofDays(180), null, "web")
        .event("fay", "app_open", ofDays(0), null, "mobile")
        .event("gus", "redeem", ofDays(3), null, "mobile")
        // spend that a sum of doubles, or a careless cast to decimal, gets wrong in the last bits
        .event("hal", "purchase", ofDays(2), 0.1, "web")
        .event("hal", "purchase", ofDays(3), 0.2, "web")
        .event("hal", "purchase", ofDays(4), 19.99, "mobile")
        .event("hal", "purchase", ofDays(5), 1.0 / 3, "mobile")
        .event("hal", "purchase", ofDays(6), 123456.789012345678, "in-store")
        .event("hal", "purchase", ofDays(7), 1e-11, "in-store")
        .event("ivy", "purchase", ofDays(2), 987654321.987654321, "web")
        .event("ivy", "purchase", ofDays(3), 876543210.123456789, "web")
        .event("ivy", "purchase", ofDays(4), 0.3, "web")
        .event("jon", "purchase", ofMinutes(1), 8.5, "web")
        .event("jon", "purchase", ofDays(89).plus(ofHours(23)), 2.25, "in-store")
        .writeTo(eventsDir.resolve("day=1"), "part-0");
    new Events("b")
        // a row breaking each rule, in the order stg_events checks them
        .event(null, "app_open", ofDays(1), null, "web")
        .eventWithId(null, "kim", "app_open", T.minus(ofDays(1)), null, "web")
        .eventWithId("", "kim", "app_open", T.minus(ofDays(1)), null, "web")
        .event("", "app_open", ofDays(1), null, "web")
        .event("k".repeat(65), "app_open", ofDays(1), null, "web")
        .event("has space", "app_open", ofDays(1), null, "web")
        .event("quote'd", "app_open", ofDays(1), null, "web")
        .event("kim", "teleport", ofDays(1), null, "web")
        .event("kim", null, ofDays(1), null, "web")
        .eventWithId("no-time", "kim", "app_open", null, null, "web")
        .event("kim", "purchase", ofDays(1), null, "web")
        .event("kim", "purchase", ofDays(1), Double.NaN, "web")
        .event("kim", "purchase", ofDays(1), Double.POSITIVE_INFINITY, "web")
        .event("kim", "purchase", ofDays(1), Double.NEGATIVE_INFINITY, "web")
        .event("kim", "purchase", ofDays(1), -5.0, "web")
        .event("kim", "purchase", ofDays(1), 1e10, "web")
        .event("kim", "purchase", ofDays(1), 1.5e20, "web")
        .event("kim", "app_open", ofDays(1), 3.0, "web")
        .event("kim", "app_open", ofDays(1), 1.5e-5, "web")
        .event("kim", "app_open", ofDays(1), 12345678.9, "web")
        .event("kim", "app_open", ofDays(1), null, "email")
        .event("kim", "app_open", ofDays(1), null, null)
        .event("kim", "app_open", ofDays(2), null, "web")
        // repeated ids: identical copies, copies at other times (the earliest stays), a copy that
        // breaks a rule
        .eventWithId("dup-1", "lee", "purchase", T.minus(ofDays(2)), 10.0, "web")
        .eventWithId("dup-1", "lee", "purchase", T.minus(ofDays(2)), 10.0, "web")
        .eventWithId("dup-1", "lee", "purchase", T.minus(ofDays(2)), 10.0, "web")
        .eventWithId("dup-2", "lee", "app_open", T.minus(ofDays(3)), null, "mobile")
        .eventWithId("dup-2", "lee", "app_open", T.minus(ofDays(1)), null, "web")
        .eventWithId("dup-3", "lee", "redeem", T.minus(ofDays(4)), null, "web")
        .eventWithId("dup-3", "lee", "redeem", T.minus(ofDays(4)), 1.0, "web")
        .eventWithId("dup-4", "lee", "offer_view", T.minus(ofDays(5)), null, "mobile")
        .eventWithId("dup-4", "max", "offer_view", T.minus(ofDays(5)), null, "mobile")
        .writeTo(eventsDir.resolve("day=2"), "part-1");
    return eventsDir;
  }
}
