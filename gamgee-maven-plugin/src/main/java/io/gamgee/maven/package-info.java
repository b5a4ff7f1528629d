/**
 * The Gamgee Maven plugin: goals {@code gamgee:generate} and {@code gamgee:scaffold}. The Mojos only
 * hold parameters; the work is done by Maven-free classes over {@code io.gamgee.compiler}.
 */
package io.gamgee.maven;
