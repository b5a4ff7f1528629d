package io.gamgee.maven;

/** Where the Maven-free parts of the plugin report progress and problems. */
interface BuildLog {

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);
}
