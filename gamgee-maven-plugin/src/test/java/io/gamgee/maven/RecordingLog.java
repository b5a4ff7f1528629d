package io.gamgee.maven;

import java.util.ArrayList;
import java.util.List;

/** Keeps what was logged, by level, for assertions. */
final class RecordingLog implements BuildLog {

    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<String> errors = new ArrayList<>();

    @Override
    public void debug(String message) {
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void error(String message) {
        errors.add(message);
    }
}
