package dev.loyaltylens.online.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyaltylens.online.OnlineStoreException;
import dev.loyaltylens.online.VectorRow;
import dev.loyaltylens.store.FeatureType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary vector value, byte for byte as the README describes it. */
class VectorCodecTest {

  private static final VectorCodec SIX =
      new VectorCodec(
          List.of(
              "recency_days",
              "frequency_30d",
              "monetary_90d",
              "offer_redemption_rate",
              "channel_preference",
              "engagement_score"),
          List.of(
              FeatureType.INTEGER,
              FeatureType.INTEGER,
              FeatureType.DOUBLE,
              FeatureType.DOUBLE,
              FeatureType.TEXT,
              FeatureType.DOUBLE));

  @Test
  void six_features_are_a_bitmap_then_little_endian_values() {
    byte[] value = SIX.encoder().encode(row(3, 12, 42.5, null, "web", 0.25));

    assertThat(HexFormat.of().formatHex(value))
        .isEqualTo(
            "08" // bitmap: column 3 (offer_redemption_rate) is null
                + "03000000" // recency_days int32 3
                + "0c000000" // frequency_30d int32 12
                + "0000000000404540" // monetary_90d float64 42.5
                + "0300"
                + "776562" // channel_preference: 3 bytes, "web"
                + "000000000000d03f"); // engagement_score float64 0.25
    assertThat(SIX.decode(value)).containsExactly(3, 12, 42.5, null, "web", 0.25);
  }

  @Test
  void every_type_and_null_round_trips_exactly() {
    VectorCodec codec =
        new VectorCodec(
            List.of("a", "b", "c", "d", "e", "f", "g", "h", "i"),
            List.of(
                FeatureType.BOOLEAN,
                FeatureType.BOOLEAN,
                FeatureType.INTEGER,
                FeatureType.BIGINT,
                FeatureType.DOUBLE,
                FeatureType.TEXT,
                FeatureType.TEXT,
                FeatureType.DOUBLE,
                FeatureType.TEXT));
    Object[] values = {
      true, false, Integer.MIN_VALUE, Long.MAX_VALUE, Math.nextUp(0.1), "日本語 ✓", "", null, null
    };

    byte[] value = codec.encoder().encode(row(values));

    assertThat(value[0]).isEqualTo((byte) 0x80);
    assertThat(value[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(value)).containsExactly(values);
  }

  @Test
  void refuses_text_longer_than_a_vector_holds() {
    VectorCodec codec = new VectorCodec(List.of("label"), List.of(FeatureType.TEXT));
    assertThatThrownBy(() -> codec.encoder().encode(row("x".repeat(70_000))))
        .isInstanceOf(OnlineStoreException.class)
        .hasMessageContaining("feature `label` of customer c1 is 70000 bytes of text");
  }

  @Test
  void a_value_of_another_layout_is_refused_not_misread() {
    byte[] value = SIX.encoder().encode(row(3, 12, 42.5, null, "web", 0.25));

    assertThatThrownBy(() -> SIX.decode(Arrays.copyOf(value, value.length - 1)))
        .hasMessageContaining("shorter than its columns");
    assertThatThrownBy(() -> SIX.decode(Arrays.copyOf(value, value.length + 1)))
        .hasMessageContaining("longer than its columns");
  }

  /** A row of customer c1 with these values, null where a value is null. */
  private static VectorRow row(Object... values) {
    return new VectorRow() {
      private boolean wasNull;

      @Override
      public byte[] customerId() {
        return "c1".getBytes(StandardCharsets.UTF_8);
      }

      private Object get(int column) {
        wasNull = values[column] == null;
        return values[column];
      }

      @Override
      public boolean getBoolean(int column) {
        Object value = get(column);
        return value != null && (Boolean) value;
      }

      @Override
      public int getInt(int column) {
        Object value = get(column);
        return value == null ? 0 : (Integer) value;
      }

      @Override
      public long getLong(int column) {
        Object value = get(column);
        return value == null ? 0 : (Long) value;
      }

      @Override
      public double getDouble(int column) {
        Object value = get(column);
        return value == null ? 0 : (Double) value;
      }

      @Override
      public byte[] getText(int column) {
        Object value = get(column);
        return value == null ? null : ((String) value).getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public boolean wasNull() {
        return wasNull;
      }
    };
  }
}
