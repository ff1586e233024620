package dev.loyaltylens.online.redis;

/**
 * The Lua scripts that change the metadata. Each names only {@code {loyaltylens}} keys, which share
 * one slot, so it runs atomically on one node of a cluster too: a state is checked and changed with
 * nothing in between.
 */
final class Scripts {

  /** Error replies start with this word, so they are told apart from Redis's own. */
  static final String REFUSED = "LOYALTYLENS";

  /** KEYS: meta. ARGV: loaded_at, memory_bytes. Completes a version whose load is under way. */
  static final String COMPLETE =
      """
      local state = redis.call('HGET', KEYS[1], 'state')
      if state ~= 'loading' then
        return redis.error_reply('LOYALTYLENS the version is ' .. (state or 'gone') .. ', not loading')
      end
      redis.call('HSET', KEYS[1], 'state', 'complete', 'loaded_at', ARGV[1], 'memory_bytes', ARGV[2])
      return 'OK'
      """;

  /**
   * KEYS: current, meta, published, published digest. ARGV: version, manifest, its digest. The
   * flip: points at a version only if it is complete, and keeps the manifest that names it with the
   * pointer.
   */
  static final String MAKE_CURRENT =
      """
      local state = redis.call('HGET', KEYS[2], 'state')
      if state ~= 'complete' then
        return redis.error_reply('LOYALTYLENS the version is ' .. (state or 'not loaded') .. ', not complete')
      end
      redis.call('SET', KEYS[1], ARGV[1])
      redis.call('SET', KEYS[3], ARGV[2])
      redis.call('SET', KEYS[4], ARGV[3])
      return 'OK'
      """;

  /**
   * KEYS: current, meta. ARGV: version. Marks a version as dropping, unless it is the current one.
   */
  static final String BEGIN_DROP =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.error_reply('LOYALTYLENS the version is current')
      end
      if redis.call('EXISTS', KEYS[2]) == 1 then
        redis.call('HSET', KEYS[2], 'state', 'dropping')
      end
      return 'OK'
      """;

  /**
   * KEYS: current, published, published digest. ARGV: version. Points at nothing, with no manifest,
   * if the pointer is at that version; then the version can be dropped.
   */
  static final String CLEAR_CURRENT =
      """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
      end
      return 'OK'
      """;

  private Scripts() {}
}
