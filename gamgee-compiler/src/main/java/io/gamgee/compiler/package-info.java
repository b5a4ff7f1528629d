/** Mermaid state diagram → validated graph → generated Java base class. No Maven API here. */
package io.gamgee.compiler;
