/**
 * The analyst's workflow over the SQL templates, in the spirit of dbt: render a feature's SQL as it
 * will run, preview it on real events, lint every template, run the fixtures kept next to them, and
 * write a browsable catalog. Everything here reads {@code sql/} and {@code migrations/}; none of it
 * needs Java changes per feature.
 */
package dev.loyaltylens.analyst;
