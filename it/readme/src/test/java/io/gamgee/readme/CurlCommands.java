package io.gamgee.readme;

import io.gamgee.core.WorkflowClient;
import io.gamgee.core.WorkflowRegistry;
import io.gamgee.dashboard.GamgeeDashboard;
import io.gamgee.examples.orders.OrderFulfillmentWorkflow;
import io.gamgee.examples.orders.ReserveStockPayload;
import io.gamgee.readme.Markdown.Block;
import io.gamgee.test.InMemoryStateStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs the {@code curl} commands README shows for the dashboard's JSON API against a real
 * {@link GamgeeDashboard} of the order-fulfillment example, with an access token: each command is
 * sent as {@code curl} would send it (its method, headers and address, the token put in for
 * {@code $GAMGEE_DASHBOARD_TOKEN} and the dashboard's port for README's {@code 8089}) and must be
 * answered {@code 200} with a JSON object. A path, parameter, workflow type or state the dashboard
 * does not know is answered 404 or 400, so a command that drifted from the code fails.
 */
final class CurlCommands {

    static final String README_ADDRESS = "http://127.0.0.1:8089/";
    static final String TOKEN_VARIABLE = "$GAMGEE_DASHBOARD_TOKEN";

    private CurlCommands() {
    }

    static List<String> run(List<Block> blocks) throws IOException, InterruptedException {
        List<String> problems = new ArrayList<>();
        if (blocks.isEmpty()) {
            return problems;
        }
        InMemoryStateStore store = new InMemoryStateStore();
        WorkflowRegistry registry = WorkflowRegistry.of(OrderFulfillmentWorkflow::new);
        WorkflowClient client = WorkflowClient.create(store, registry);
        client.submit(OrderFulfillmentWorkflow.class,
                new ReserveStockPayload("order-1", "sku-1", 1, 1999, "ada@example.com"));
        String token = UUID.randomUUID().toString();
        HttpClient http = HttpClient.newHttpClient();
        try (GamgeeDashboard dashboard = GamgeeDashboard.builder(client, registry).port(0).accessToken(token).start()) {
            for (Block block : blocks) {
                for (int i = 0; i < block.lines().size(); i++) {
                    String line = block.lines().get(i).strip();
                    if (line.isEmpty() || line.startsWith("#")) {
                        continue;
                    }
                    String where = block.where(i);
                    try {
                        HttpRequest request = request(line, token, dashboard.url().toString());
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 200) {
                            problems.add(where + ": curl was answered " + response.statusCode() + ": " + response.body());
                        } else if (!response.body().startsWith("{")) {
                            problems.add(where + ": curl was answered with something other than a JSON object: "
                                    + response.body());
                        }
                    } catch (IllegalArgumentException e) {
                        problems.add(where + ": " + e.getMessage());
                    }
                }
            }
        }
        return problems;
    }

    /** The request {@code curl} makes for {@code line}, sent to {@code base} instead of README's address. */
    static HttpRequest request(String line, String token, String base) {
        List<String> words = words(line.replace(TOKEN_VARIABLE, token));
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("a curl block holds only curl commands, found: " + line);
        }
        String method = "GET";
        List<String[]> headers = new ArrayList<>();
        String address = null;
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "-s", "--silent" -> {
                }
                case "-X", "--request" -> method = argument(words, ++i, word);
                case "-H", "--header" -> {
                    String header = argument(words, ++i, word);
                    int colon = header.indexOf(':');
                    if (colon < 1) {
                        throw new IllegalArgumentException("a header without a name: " + header);
                    }
                    headers.add(new String[] {header.substring(0, colon).strip(), header.substring(colon + 1).strip()});
                }
                default -> {
                    if (word.startsWith("-")) {
                        throw new IllegalArgumentException("a curl option this test does not know: " + word);
                    }
                    if (address != null) {
                        throw new IllegalArgumentException("two addresses: " + address + " and " + word);
                    }
                    address = word;
                }
            }
        }
        if (address == null) {
            throw new IllegalArgumentException("no address: " + line);
        }
        if (!address.startsWith(README_ADDRESS)) {
            throw new IllegalArgumentException("the address is not the dashboard's default " + README_ADDRESS + ": " + address);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + address.substring(README_ADDRESS.length())))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (String[] header : headers) {
            request.header(header[0], header[1]);
        }
        return request.build();
    }

    private static String argument(List<String> words, int i, String option) {
        if (i >= words.size()) {
            throw new IllegalArgumentException(option + " without its value");
        }
        return words.get(i);
    }

    /** A shell line split into words: double and single quotes group, and are removed. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("an unclosed quote: " + line);
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
