package dev.loyaltylens.serving.http;

/**
 * Answers one call; failures are thrown and turned into replies in one place, the {@link
 * HttpApp}'s.
 */
@FunctionalInterface
public interface Handler {

  Reply handle(Call call);
}
