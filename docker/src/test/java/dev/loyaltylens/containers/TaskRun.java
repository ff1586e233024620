package dev.loyaltylens.containers;

import java.util.List;

/** What one run of the tasks image left behind: its exit code and its output. */
record TaskRun(List<String> args, long exitCode, String stdout, String stderr) {

  /** The last line the task printed, which is its result (compute: the version id). */
  String lastLine() {
    List<String> lines = stdout.strip().lines().toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  TaskRun requireSuccess() {
    if (exitCode != 0) {
      throw new AssertionError(
          "loyaltylens "
              + String.join(" ", args)
              + " exited with "
              + exitCode
              + "\nstdout:\n"
              + stdout
              + "\nstderr:\n"
              + stderr);
    }
    return this;
  }
}
