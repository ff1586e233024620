/**
 * The lookup log: a sample of the answered lookups, chosen by a hash of the customer id, handed
 * from the request threads to one background writer without a lock and written as Parquet files in
 * the home, for checking what was served against what a training set gives ({@code consistency}).
 */
package dev.loyaltylens.serving.lookups;
