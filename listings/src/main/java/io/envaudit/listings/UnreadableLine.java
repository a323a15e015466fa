package io.envaudit.listings;

/** A line that names no package a snapshot can hold; the message says why, and the line is skipped. */
final class UnreadableLine extends Exception {
    UnreadableLine(String reason) {
        super(reason, null, false, false);
    }
}
