/**
 * The validation gate: statistics of every feature column of a version, the SPEC's thresholds and
 * the checks each template header declares. A version that fails it is never published.
 */
package dev.loyaltylens.validation;
