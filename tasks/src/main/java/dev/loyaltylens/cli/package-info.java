/**
 * The command line: one picocli class per verb, options read once into {@link
 * dev.loyaltylens.cli.Settings}, and failures mapped to exit codes in one place so that Airflow
 * sees the right outcome.
 */
package dev.loyaltylens.cli;
