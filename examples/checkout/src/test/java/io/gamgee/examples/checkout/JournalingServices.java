package io.gamgee.examples.checkout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Services that write every call to a journal file, forced to disk before the call returns, so a
 * test can count side effects across JVMs that were killed. A call to {@code hang} never returns.
 */
final class JournalingServices implements Services {

    private final Path journal;
    private final String hang;

    JournalingServices(Path journal, String hang) {
        this.journal = journal;
        this.hang = hang;
    }

    /** The journal's lines, {@code <call> <key>}. */
    static List<String> read(Path journal) throws IOException {
        return Files.exists(journal) ? Files.readAllLines(journal, StandardCharsets.UTF_8) : List.of();
    }

    private synchronized void write(String line) throws IOException {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    private void call(String call, String key) throws Exception {
        if (call.equals(hang)) {
            write("started " + call + " " + key);
            System.out.println("HANGING " + call + " " + key);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
        write(call + " " + key);
    }

    @Override
    public String charge(String idempotencyKey, String cardToken, long amountCents) throws Exception {
        call("charge", idempotencyKey);
        return "pay-" + idempotencyKey;
    }

    @Override
    public String reserve(String idempotencyKey, String sku, int quantity) throws Exception {
        call("reserve", idempotencyKey);
        return "res-" + idempotencyKey;
    }

    @Override
    public String pick(String reservationId) throws Exception {
        call("pick", reservationId);
        return "shelf-1";
    }

    @Override
    public void ship(String orderId, String paymentId, String shelf) throws Exception {
        call("ship", orderId);
    }
}
