package dev.loyaltylens.analyst;

/** Escaping and the page frame of the catalog: plain HTML, one small inline style sheet, no external asset. */
final class Html {

  static final String STYLE =
      """
      body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d2330; background: #f6f7fb; }
      header { background: #23395d; color: #fff; padding: 14px 32px; }
      header a { color: #fff; text-decoration: none; font-weight: 600; }
      header .where { opacity: .8; font-size: 13px; margin-left: 12px; }
      main { max-width: 1100px; margin: 0 auto; padding: 18px 32px 48px; }
      h1 { font-size: 26px; margin: 12px 0 4px; }
      h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #d8dce8; padding-bottom: 4px; }
      .lead { font-size: 16px; color: #39425a; margin: 4px 0 16px; }
      table { border-collapse: collapse; width: 100%; background: #fff; box-shadow: 0 1px 2px rgba(0,0,0,.06); }
      th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #e6e8f0; vertical-align: top; }
      th { background: #eef1f8; font-weight: 600; font-size: 13px; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
      h1 code { font-size: 24px; }
      pre { background: #fff; border: 1px solid #e0e3ec; padding: 12px 14px; overflow-x: auto; line-height: 1.4; }
      .tag { display: inline-block; background: #e3ecff; color: #1e3f8a; border-radius: 10px; padding: 0 8px; margin: 1px 2px; font-size: 12px; }
      .check { background: #e2f5e9; color: #17603a; }
      .staging { background: #f4ebff; color: #5b2a8c; }
      .muted { color: #6b7389; }
      .bar { display: inline-block; height: 10px; background: #5b7fd1; border-radius: 2px; vertical-align: middle; }
      dl.facts { display: grid; grid-template-columns: 160px 1fr; gap: 4px 16px; background: #fff; padding: 12px 16px; border: 1px solid #e0e3ec; }
      dl.facts dt { font-weight: 600; color: #39425a; } dl.facts dd { margin: 0; }
      """;

  private Html() {}

  static String escape(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** A whole page; {@code root} is the relative path back to the catalog's top folder ("" or "../"). */
  static String page(String title, String root, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + " · LoyaltyLens features</title>\n<style>\n" + STYLE + "</style>\n</head>\n"
        + "<body>\n<header><a href=\"" + root + "index.html\">LoyaltyLens feature catalog</a>"
        + "<span class=\"where\">" + escape(title) + "</span></header>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
  }
}
