package dev.loyaltylens.cli;

/** Entry point of the tasks jar. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(LoyaltyLensCli.run(args));
  }
}
