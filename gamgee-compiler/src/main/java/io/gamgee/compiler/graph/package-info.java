/** The rules of a workflow diagram, Java naming, and the validated graph the generator reads. */
package io.gamgee.compiler.graph;
