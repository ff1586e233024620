package dev.loyaltylens.client;

/**
 * The version asked for is not published, or no published version is as of the instant asked for
 * (404).
 */
public final class VersionNotFoundException extends RequestRejectedException {

  VersionNotFoundException(String message) {
    super(message, 404);
  }
}
