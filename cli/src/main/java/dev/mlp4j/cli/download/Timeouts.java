package dev.mlp4j.cli.download;

import java.time.Duration;

/**
 * How long a mirror may keep us waiting: to connect, to start answering, and between two pieces of the body (a
 * stalled transfer is given up and resumed from the next mirror).
 */
public record Timeouts(Duration connect, Duration response, Duration stall) {
    public static Timeouts standard() {
        return new Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }
}
