package io.gamgee.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * Who may see and change what: the access token (header, cookie or a one-time {@code ?token=}),
 * the CSRF token every state-changing request from a page carries, read-only mode, and, on a
 * loopback address, a {@code Host} check so that a web page cannot reach the dashboard through DNS
 * rebinding.
 */
final class Guard {

    static final String TOKEN_COOKIE = "gamgee_token";
    static final String CSRF_HEADER = "X-Gamgee-Csrf";
    static final String CSRF_FIELD = "csrf";

    private final String accessToken;
    private final boolean readOnly;
    private final boolean loopbackOnly;
    /** One per dashboard: a page from another site cannot read it, so it cannot forge a POST. */
    private final String csrfToken;

    Guard(String accessToken, boolean readOnly, boolean loopbackOnly) {
        this.accessToken = accessToken;
        this.readOnly = readOnly;
        this.loopbackOnly = loopbackOnly;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.csrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    boolean readOnly() {
        return readOnly;
    }

    String csrfToken() {
        return csrfToken;
    }

    /** Whether the request names this machine, when the dashboard listens on a loopback address only. */
    boolean hostAllowed(HttpExchange exchange) {
        if (!loopbackOnly) {
            return true;
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null) {
            return true;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            name = name.substring(0, name.indexOf(']') + 1);
        } else if (name.contains(":")) {
            name = name.substring(0, name.indexOf(':'));
        }
        return name.equals("localhost") || name.startsWith("127.") || name.equals("[::1]");
    }

    /** Whether an access token is needed. */
    boolean tokenRequired() {
        return accessToken != null;
    }

    /** Whether the request carries the access token in its {@code Authorization} header. */
    boolean bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return accessToken != null && header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(header.substring(7).trim(), accessToken);
    }

    /** Whether the request may read: no token is required, or it carries it (header or cookie). */
    boolean authenticated(HttpExchange exchange) {
        return accessToken == null || bearer(exchange) || matches(cookie(exchange, TOKEN_COOKIE), accessToken);
    }

    /** Whether {@code token} (from {@code ?token=}) is the access token. */
    boolean isAccessToken(String token) {
        return accessToken != null && matches(token, accessToken);
    }

    /**
     * Whether a state-changing request is not forged: it carries the access token in its header (a
     * script), or the CSRF token in the form or header (a page, or a script that read it).
     */
    boolean notForged(HttpExchange exchange, String formCsrf) {
        return bearer(exchange) || matches(formCsrf, csrfToken)
                || matches(exchange.getRequestHeaders().getFirst(CSRF_HEADER), csrfToken);
    }

    static String cookie(HttpExchange exchange, String name) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String part : header.split(";")) {
                int eq = part.indexOf('=');
                if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                    return part.substring(eq + 1).trim();
                }
            }
        }
        return null;
    }

    /** Compares in constant time, so the token cannot be guessed one character at a time. */
    private static boolean matches(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
